import ArgumentParser
import OfficeExport
import SyncEngine
import SystemdService

/// `reportsyncd status`: what an operator types first. Reads the folders, not the running process.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show counts per event, the last seq, files waiting, the latest problems and cross-year findings."
    )

    @OptionGroup var folders: DaemonConfiguration

    func run() throws {
        let options = try folders.resolveOrExit()
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
        do {
            lines += try crossYearLines(mirror: MirrorFolder(root: options.mirror))
        } catch {
            lines.append("cross-year: cannot check the mirror: \(error)")
        }
        // File names and reasons come from outside: each stays on its line.
        for line in lines { print(line.escapingControlCharacters) }
    }

    /// The cross-year findings of the mirror: a count per rule and the latest few.
    private func crossYearLines(mirror: MirrorFolder) throws -> [String] {
        let findings = try CrossYearFindings(mirror: mirror)
        var follower = ChangeLogFollower(mirror: mirror.root)
        let counts = findings.counts.map { "\($0.count.formatted()) \($0.rule)" }
        var lines = ["cross-year: " + counts.joined(separator: ", ")]
        let latest = findings.latest(5, events: try follower.next().map(\.event))
        if !latest.isEmpty {
            lines.append("latest cross-year findings:")
            for finding in latest {
                lines.append(
                    "  \(finding.record.agency) \(finding.record.year) \(finding.finding.rule) "
                        + "(vs \(finding.other.agency) \(finding.other.year)): \(finding.finding.message)"
                )
            }
        }
        return lines
    }
}
