import ArgumentParser
import Foundation
import ReportCore
import SyncEngine
import SystemdService

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

    @Flag(
        help: """
            Print the text the parser reads instead (a PDF's, a page's or a document's, decoded and \
            folded), each line with the number that sourceLines give.
            """
    )
    var text = false

    func run() throws {
        do {
            if text {
                let lines = try ReportFile(path: file).text()
                let output = lines.map { "\($0.number)\t\($0.text)\n" }.joined()
                FileHandle.standardOutput.write(Data(output.utf8))
                return
            }
            let record = try ReportFile(path: file).parse()
            FileHandle.standardOutput.write(Data(record.jsonBytes(pretty: pretty) + [UInt8(ascii: "\n")]))
        } catch let failure as ReportFile.Failure {
            let message = "\(file): \(failure.reason)".escapingControlCharacters
            FileHandle.standardError.write(Data((message + "\n").utf8))
            throw failure.exitCode
        }
    }
}
