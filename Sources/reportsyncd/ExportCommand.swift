import ArgumentParser
import Foundation
import OfficeExport
import SyncEngine

extension Export.Format: ExpressibleByArgument {}
extension Export.Header: ExpressibleByArgument {}

/// `reportsyncd export`: the collecting office's summary of a mirror as a workbook, CSV or JSON Lines.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the mirror as a summary table: one row per agency and year, every cell, every finding.",
        discussion: """
            Reads the mirror only (no daemon needed, safe while one runs). xlsx: three sheets, 汇总 (key \
            figures and every cell, Chinese titles), 问题清单 (each finding, the cross-year ones included) \
            and 说明 (what each column means). csv (RFC 4180, UTF-8 with BOM) and jsonl: the 汇总 table, \
            columns named by the record's keys (csv: `--header zh` for Chinese titles).
            """
    )

    @OptionGroup var folders: DaemonConfiguration

    @Option(help: "xlsx, csv or jsonl.")
    var format: Export.Format = .xlsx

    @Option(name: .customLong("year"), help: "A report year to include (repeatable; default every year).")
    var years: [Int] = []

    @Option(help: "Include only agencies whose name contains this text.")
    var agency: String?

    @Option(help: "CSV column titles: keys (the record's keys) or zh (Chinese titles).")
    var header: Export.Header = .keys

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: "The file to write (default: stdout for csv and jsonl)."
    )
    var output: String?

    func validate() throws {
        if format == .xlsx && output == nil && isatty(STDOUT_FILENO) != 0 {
            throw ValidationError("an .xlsx workbook is not for a terminal: name a file with -o")
        }
    }

    func run() throws {
        let options = try folders.resolveOrExit()
        let bytes: [UInt8]
        do {
            let selection = RecordSelection(years: Set(years), agency: agency)
            bytes = try Export(mirror: MirrorFolder(root: options.mirror)).bytes(format, selection, header: header)
        } catch {
            try CommandFailure("cannot export \(options.mirror): \(error)", exitCode: 74).exit()
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            try CommandFailure("cannot write \(output): \(error)", exitCode: 73).exit()
        }
    }
}
