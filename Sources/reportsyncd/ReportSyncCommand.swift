import ArgumentParser

@main
struct ReportSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reportsyncd")
}
