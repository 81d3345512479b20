import Foundation
import Logging
import SyncEngine
import SystemPackage
import Testing

@testable import SystemdService
@testable import reportsyncd

/// ``EventMessageID`` in front of a real ``ConsoleLogHandler`` writing to a pipe.
@Suite struct EventMessageIDTests {
    @Test(arguments: ChangeEventKind.allCases)
    func anIngestOutcomeGetsTheMessageIDOfItsKind(kind: ChangeEventKind) throws {
        let line = try logLine { $0.info("\(kind.rawValue) a.txt", metadata: ["REPORTSYNC_EVENT": "\(kind.rawValue)"]) }
        #expect(line.contains(" MESSAGE_ID=\(kind.messageID) "))
    }

    @Test func otherEntriesGetNone() throws {
        let line = try logLine { $0.info("watching the inbox", metadata: ["REPORTSYNC_EVENT": "unknown"]) }
        #expect(!line.contains("MESSAGE_ID"))
    }

    @Test func theIDsAreTheCatalogs() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let catalog = try String(contentsOf: repository.appending(path: "systemd/reportsyncd.catalog"), encoding: .utf8)
        for kind in ChangeEventKind.allCases {
            #expect(catalog.contains("-- \(kind.messageID)"), "\(kind) is explained in the catalog")
        }
    }

    private func logLine(_ log: (Logger) -> Void) throws -> String {
        let (reading, writing) = try FileDescriptor.pipe()
        defer { try? reading.close() }
        let logger = Logger(label: "reportsyncd.tests") {
            EventMessageID(
                destination: ConsoleLogHandler(
                    label: $0,
                    colour: false,
                    verbose: true,
                    output: writing,
                    metadataProvider: nil
                )
            )
        }
        log(logger)
        try writing.close()
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = try buffer.withUnsafeMutableBytes({ try reading.read(into: $0) }), count > 0 {
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
