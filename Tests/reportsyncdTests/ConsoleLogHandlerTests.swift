import Logging
import SystemPackage
import Testing

@testable import SystemdService

/// Lines written by ``ConsoleLogHandler`` through a real pipe.
@Suite struct ConsoleLogHandlerTests {
    @Test func aPersonReadsTheMessageAndNoJournalFields() throws {
        let line = try self.logLine(colour: false, verbose: false) { logger in
            logger[metadataKey: "REPORTSYNC_SEQ"] = "7"
            logger.info(
                "added 下冶镇人民政府 2024 from 000.txt",
                metadata: ["REPORTSYNC_AGENCY": "下冶镇人民政府", "MESSAGE_ID": "0b1e", "ERRNO": "5"]
            )
            logger.warning("removed a temp file", metadata: ["path": "a b/.x.tmp", "REPORTSYNC_FILE": "x"])
        }
        let lines = line.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].wholeMatch(of: #/[0-2][0-9]:[0-5][0-9]:[0-6][0-9] added 下冶镇人民政府 2024 from 000\.txt/#) != nil)
        #expect(lines[1].hasSuffix(#" warning: removed a temp file path="a b/.x.tmp""#))
        #expect(!line.contains("REPORTSYNC") && !line.contains("reportsyncd.tests"))
    }

    @Test func verboseLineShowsLevelLabelMessageAndSortedMetadata() throws {
        let line = try self.logLine(colour: false) { logger in
            logger[metadataKey: "REPORTSYNC_SEQ"] = "7"
            logger.notice("added hubei/a.txt", metadata: ["REPORTSYNC_AGENCY": "下冶镇 人民政府", "ERRNO": "5"])
        }
        let expected =
            #" notice reportsyncd.tests: added hubei/a.txt ERRNO=5 REPORTSYNC_AGENCY="下冶镇 人民政府" REPORTSYNC_SEQ=7"#
        #expect(line.hasSuffix(expected + "\n"))
        #expect(!line.contains("\u{1B}["))
    }

    @Test func colourMarksTheLevelAndDimsTheMetadata() throws {
        let line = try self.logLine(colour: true) { logger in
            logger.error("rejected b.txt", metadata: ["REPORTSYNC_EVENT": "rejected"])
        }
        #expect(line.contains(" \u{1B}[31merror\u{1B}[0m reportsyncd.tests: rejected b.txt "))
        #expect(line.hasSuffix("\u{1B}[2mREPORTSYNC_EVENT=rejected\u{1B}[0m\n"))
    }

    @Test func controlCharactersFromAFileNameStayOnTheLine() throws {
        let name = "a\n2026-01-01T00:00:00.000Z info reportsyncd: added forged.txt\u{1B}[2J.txt"
        let line = try self.logLine(colour: false) { logger in
            logger.info("rejected \(name): not a report", metadata: ["REPORTSYNC_FILE": "\(name)", "KEY": "x\u{7}"])
        }
        #expect(line.filter { $0 == "\n" }.count == 1)
        #expect(!line.contains("\u{1B}"))
        #expect(
            line.contains(#"rejected a\n2026-01-01T00:00:00.000Z info reportsyncd: added forged.txt\u{1B}[2J.txt: "#)
        )
        #expect(line.contains(#"REPORTSYNC_FILE="a\n2026-01-01T00:00:00.000Z info"#))
        #expect(line.contains(#"KEY=x\u{7}"#))
    }

    private func logLine(colour: Bool, verbose: Bool = true, _ log: (inout Logger) -> Void) throws -> String {
        let (reading, writing) = try FileDescriptor.pipe()
        defer { try? reading.close() }
        var logger = Logger(label: "reportsyncd.tests") {
            ConsoleLogHandler(label: $0, colour: colour, verbose: verbose, output: writing, metadataProvider: nil)
        }
        log(&logger)
        try writing.close()
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = try buffer.withUnsafeMutableBytes({ try reading.read(into: $0) }), count > 0 {
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
