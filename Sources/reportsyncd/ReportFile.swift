import ArgumentParser
import Foundation
import ReportCore
import SyncEngine

/// A report file named on the command line, read and parsed as the daemon would.
struct ReportFile {
    /// Why a file named on the command line gave no record, with the exit code that says so.
    struct Failure: Error, CustomStringConvertible {
        var reason: String
        var exitCode: ExitCode
        var description: String { reason }
    }

    var path: String

    /// The file's record; throws a ``Failure`` (exit 65 for not a report, 66 for unreadable, 69 when the
    /// program that reads its container is not available here).
    func parse() throws -> Record {
        try outcome(ReportParser(pdfText: PopplerPDFText()).parse(contents(), sourceName: name))
    }

    /// The lines the parser reads in the file, numbered as `sourceLines` number them.
    func text() throws -> [(number: Int, text: String)] {
        try outcome(ReportParser(pdfText: PopplerPDFText()).lines(contents()))
    }

    private var name: String { URL(fileURLWithPath: path).lastPathComponent }

    private func contents() throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(reason: "cannot read \(path)", exitCode: ExitCode(66))
        }
        return Array(data)
    }

    private func outcome<Success>(_ result: Result<Success, NotAReport>) throws -> Success {
        switch result {
        case .success(let success):
            return success
        case .failure(let notAReport) where notAReport.kind == .readerUnavailable:
            throw Failure(reason: "cannot read it here: \(notAReport.reason)", exitCode: ExitCode(69))
        case .failure(let notAReport):
            throw Failure(reason: "not a report: \(notAReport.reason)", exitCode: ExitCode(65))
        }
    }
}
