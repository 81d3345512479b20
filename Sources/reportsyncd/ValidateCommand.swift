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
            cannot be read on this machine (a PDF without pdftotext or poppler-data). `--format json` \
            prints one array instead, an object per file (file, agency, year, edition, status, findings \
            or reason, exitCode), with the same exit codes.
            """
    )

    /// How the results are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// A summary per file, for people.
        case text
        /// One JSON array for scripts (see ``FileResult``).
        case json
    }

    @Option(help: "text (a summary per file) or json (one array, an object per file, for scripts).")
    var format: Format = .text

    @Argument(help: "Report files to check.")
    var files: [String]

    /// One file's outcome in `--format json`: the file, its record's identity and verdict with every
    /// finding, or why it gave no record (`status` `notAReport`, `unreadable` or `readerUnavailable`,
    /// `exitCode` 65, 66 or 69 as for the text output).
    struct FileResult: Encodable {
        var file: String
        var agency: String?
        var year: Int?
        var edition: String?
        var status: String
        var findings: [Finding]?
        var reason: String?
        var exitCode: Int32
    }

    func run() throws {
        var worst: Int32 = 0
        var results: [FileResult] = []
        for file in files {
            do {
                let record = try ReportFile(path: file).parse()
                let code: Int32 = record.validation.status == .inconsistent ? 1 : 0
                worst = max(worst, code)
                if format == .text { print(summary(of: record, file: file)) }
                results.append(
                    FileResult(
                        file: file,
                        agency: record.agency,
                        year: record.year,
                        edition: record.edition,
                        status: record.validation.status.rawValue,
                        findings: record.validation.findings,
                        exitCode: code
                    )
                )
            } catch let failure as ReportFile.Failure {
                if format == .text { print("\(file): \(failure.reason)".escapingControlCharacters) }
                let status =
                    switch failure.exitCode.rawValue {
                    case 65: "notAReport"
                    case 69: "readerUnavailable"
                    default: "unreadable"
                    }
                results.append(
                    FileResult(file: file, status: status, reason: failure.reason, exitCode: failure.exitCode.rawValue)
                )
                worst = max(worst, failure.exitCode.rawValue)
            }
        }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            FileHandle.standardOutput.write(try encoder.encode(results) + Data("\n".utf8))
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
