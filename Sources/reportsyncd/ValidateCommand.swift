import ArgumentParser
import Foundation
import ReportCore
import SystemdService

/// `reportsyncd validate FILE...`: the check an office runs before publishing.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check report files against the template's arithmetic and print a summary of each.",
        discussion: """
            For each file: agency, year, status, the template edition (the 2021 template or the 2019 \
            trial format), and every finding with the cells it names and the \
            lines they were read from. Exits 0 when every file is a consistent report, 1 when any is \
            inconsistent, 65 when any is not a report, 66 when one cannot be opened, 69 when one \
            cannot be read on this machine (a PDF without pdftotext or poppler-data).
            """
    )

    @Argument(help: "Report files to check.")
    var files: [String]

    func run() throws {
        var worst: Int32 = 0
        for file in files {
            do {
                let record = try ReportFile(path: file).parse()
                print(summary(of: record, file: file))
                if record.validation.status == .inconsistent { worst = max(worst, 1) }
            } catch let failure as ReportFile.Failure {
                print("\(file): \(failure.reason)".escapingControlCharacters)
                worst = max(worst, failure.exitCode.rawValue)
            }
        }
        if worst != 0 { throw ExitCode(worst) }
    }

    /// The lines of one file's summary, control characters escaped: a file's name or words never begin a line.
    private func summary(of record: Record, file: String) -> String {
        let edition = record.edition == "2019" ? "2019 trial format" : "2021 template"
        var lines = ["\(file): \(record.agency) \(record.year) — \(record.validation.status.rawValue) (\(edition))"]
        for finding in record.validation.findings {
            lines.append("  \(finding.severity.rawValue) \(finding.rule): \(finding.message)")
            let cells = zip(finding.cells, finding.sourceLines).map { "\($0) (line \($1))" }
            lines.append("    cells: " + cells.joined(separator: ", "))
        }
        return lines.map(\.escapingControlCharacters).joined(separator: "\n")
    }
}
