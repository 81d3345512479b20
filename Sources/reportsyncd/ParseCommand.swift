import ArgumentParser
import Foundation
import ReportCore
import SyncEngine

/// `reportsyncd parse FILE`: print one file's record as JSON.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print the record of one report file as JSON.",
        discussion: """
            Exits 0 when FILE is a report (consistent or not: see validation.status), 65 when it is \
            not a report, 69 when it cannot be read on this machine (a PDF without pdftotext or \
            poppler-data), with the reason on stderr.
            """
    )

    @Argument(help: "The report file (text, HTML, .docx or PDF).")
    var file: String

    @Flag(help: "Indent the JSON for reading.")
    var pretty = false

    func run() throws {
        do {
            let record = try ReportFile(path: file).parse()
            FileHandle.standardOutput.write(Data(record.jsonBytes(pretty: pretty) + [UInt8(ascii: "\n")]))
        } catch let failure as ReportFile.Failure {
            let message = "\(file): \(failure.reason)".escapingControlCharacters
            FileHandle.standardError.write(Data((message + "\n").utf8))
            throw failure.exitCode
        }
    }
}
