import ArgumentParser
import Logging
import ReportCore
import SyncEngine

/// `reportsyncd rebuild`: the dedup index from the change log, the mirror checked against it.
struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild the dedup index from the change log and repair the mirror from the archive.",
        discussion: "Run it with the daemon stopped (it takes the same lock)."
    )

    @OptionGroup var folders: DaemonConfiguration

    func run() throws {
        let summary: RebuildSummary
        do {
            let options = try folders.resolve()
            summary = try Daemon.rebuild(
                options: options,
                parser: ReportParser(pdfText: PopplerPDFText()),
                logger: Logger(label: "reportsyncd")
            )
        } catch let error as ConfigurationError {
            try DaemonFailure(error).exit()
        } catch let error as DaemonError {
            try DaemonFailure(error).exit()
        }
        print(
            "rebuilt the dedup index from \(summary.events) events; mirror: \(summary.records) records, "
                + "\(summary.recordsRestored) restored, \(summary.recordsRemoved) removed; "
                + "\(summary.temporariesRemoved) temp files removed"
        )
    }
}
