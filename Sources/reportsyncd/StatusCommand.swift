import ArgumentParser
import SyncEngine
import SystemdService

/// `reportsyncd status`: what an operator types first. Reads the folders, not the running process.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show counts per event, the last seq, files waiting and the latest problems."
    )

    @OptionGroup var folders: DaemonConfiguration

    func run() throws {
        let options: DaemonOptions
        do {
            options = try folders.resolve()
        } catch {
            try DaemonFailure(error).exit()
        }
        let report: StatusReport
        do {
            report = try StatusReport.read(options: options)
        } catch {
            try DaemonFailure(.startupFailed(error)).exit()
        }
        let counts = ChangeEventKind.allCases.map { "\((report.counts[$0] ?? 0).formatted()) \($0)" }
        var lines = [
            "inbox:    \(options.inbox) (\(report.waiting.formatted()) waiting)",
            "mirror:   \(options.mirror)",
            "state:    \(options.state)",
            "last seq: \(report.lastSeq)",
            "events:   " + counts.joined(separator: ", ") + " (\(report.inconsistent.formatted()) inconsistent)",
        ]
        if !report.recentProblems.isEmpty {
            lines.append("latest rejected or inconsistent:")
            for problem in report.recentProblems {
                let kind = problem.event == .rejected ? "rejected" : "inconsistent"
                lines.append("  #\(problem.seq) \(problem.time) \(kind) \(problem.file): \(problem.reason)")
            }
        }
        // File names and reasons come from outside: each stays on its line.
        for line in lines { print(line.escapingControlCharacters) }
    }
}
