import Foundation
import Logging
import SyncEngine
import SystemPackage
import Testing

@testable import SystemdService
@testable import reportsyncd

/// Entries sent through ``JournalLogHandler`` to the real journald, read back with `journalctl -o json`.
@Suite struct JournalLogHandlerTests {
    /// Tags each test's entries so the read-back finds exactly them.
    private let marker = UUID().uuidString
    private var match: String { "REPORTSYNCD_TEST_MARKER=\(self.marker)" }

    private func logger() throws -> Logger {
        try Journald.ensureRunning()
        var logger = Logger(label: "reportsyncd.tests") { JournalLogHandler(label: $0, metadataProvider: nil) }
        logger.logLevel = .trace
        logger[metadataKey: "REPORTSYNCD_TEST_MARKER"] = "\(self.marker)"
        return logger
    }

    @Test func entryCarriesMessageIdentifierCodeLocationAndEveryMetadataField() throws {
        var logger = try self.logger()
        logger[metadataKey: "REPORTSYNC_AGENCY"] = "下冶镇人民政府"
        logger.warning(
            "hubei/下冶镇.txt: 下冶镇人民政府 2024 is inconsistent",
            metadata: [
                "MESSAGE_ID": "\(ChangeEventKind.added.messageID)",
                "REPORTSYNC_EVENT": "added",
                "REPORTSYNC_SEQ": "\(7)",
                "REPORTSYNC_YEAR": .stringConvertible(2024),
                "REPORTSYNC_STATUS": "inconsistent",
                "source.sha256": "0f3a",
                "_pid": "not trusted",
                "2nd-try": "yes",
                "détail": "sanitised",
                "findings": ["requests.balance", "cells.blank"],
                "reason": "line one\nline two",
                "PRIORITY": "1",
            ],
            file: "SyncEngine/Ingestor.swift",
            function: "ingest(_:)",
            line: 42
        )

        let entries = try Journald.entries(matching: [self.match])
        let entry = try #require(entries.first)
        #expect(entries.count == 1)
        #expect(entry["MESSAGE"] == .string("hubei/下冶镇.txt: 下冶镇人民政府 2024 is inconsistent"))
        #expect(entry["PRIORITY"] == .string("4"))
        #expect(entry["SYSLOG_IDENTIFIER"] == .string("reportsyncd"))
        #expect(entry["CODE_FILE"] == .string("SyncEngine/Ingestor.swift"))
        #expect(entry["CODE_LINE"] == .string("42"))
        #expect(entry["CODE_FUNC"] == .string("ingest(_:)"))
        #expect(entry["MESSAGE_ID"] == .string("e0f1b61ae669460f89b605f3d55f1c7c"))
        #expect(entry["REPORTSYNC_AGENCY"] == .string("下冶镇人民政府"))
        #expect(entry["REPORTSYNC_EVENT"] == .string("added"))
        #expect(entry["REPORTSYNC_SEQ"] == .string("7"))
        #expect(entry["REPORTSYNC_YEAR"] == .string("2024"))
        #expect(entry["REPORTSYNC_STATUS"] == .string("inconsistent"))
        #expect(entry["SOURCE_SHA256"] == .string("0f3a"))
        #expect(entry["PID"] == .string("not trusted"))
        #expect(entry["ND_TRY"] == .string("yes"))
        #expect(entry["D_TAIL"] == .string("sanitised"))
        #expect(entry["FINDINGS"] == .string(#"["requests.balance", "cells.blank"]"#))
        #expect(entry["REASON"] == .string("line one\nline two"))
        #expect(entry["_PID"] == .string("\(getpid())"), "the trusted _PID is journald's, not the metadata's")
    }

    @Test func levelsMapToSyslogPriorities() throws {
        let logger = try self.logger()
        for level in Logger.Level.allCases {
            logger.log(level: level, "level \(level)", metadata: ["LEVEL": "\(level)"])
        }

        let entries = try Journald.entries(matching: [self.match], count: Logger.Level.allCases.count)
        var priorities: [String: JSONValue] = [:]
        for entry in entries {
            if case .string(let level) = entry["LEVEL"] {
                priorities[level] = entry["PRIORITY"]
            }
        }
        #expect(
            priorities == [
                "trace": .string("7"), "debug": .string("7"), "info": .string("6"), "notice": .string("5"),
                "warning": .string("4"), "error": .string("3"), "critical": .string("2"),
            ]
        )
    }

    @Test func errorOfAnEntryBecomesErrorFields() throws {
        let logger = try self.logger()
        logger.error("could not read hubei/a.txt", error: Errno.permissionDenied, metadata: ["ERRNO": "13"])

        let entry = try #require(try Journald.entries(matching: [self.match]).first)
        #expect(entry["ERROR_MESSAGE"] == .string("\(Errno.permissionDenied)"))
        #expect(entry["ERROR_TYPE"] == .string("SystemPackage.Errno"))
        #expect(entry["ERRNO"] == .string("13"))
        #expect(entry["PRIORITY"] == .string("3"))
    }

    @Test(arguments: ChangeEventKind.allCases)
    func eachEventKindIsFoundByItsMessageID(_ kind: ChangeEventKind) throws {
        let logger = try self.logger()
        logger.info("\(kind.rawValue) a.txt", metadata: ["MESSAGE_ID": "\(kind.messageID)"])

        let entries = try Journald.entries(matching: [self.match, "MESSAGE_ID=\(kind.messageID)"])
        #expect(entries.count == 1)
    }

    @Test(arguments: [
        ("REPORTSYNC_FILE", "REPORTSYNC_FILE"),
        ("reportsync.file", "REPORTSYNC_FILE"),
        ("__9x-y", "X_Y"),
        ("µs", "S"),
        (String(repeating: "K", count: 70), String(repeating: "K", count: 64)),
    ])
    func metadataKeysBecomeValidFieldNames(_ key: String, _ name: String) {
        #expect(JournalLogHandler.fieldName(forMetadataKey: key) == name)
    }

    @Test(arguments: ["", "_", "__12", "-"])
    func keysWithNothingLeftAreDropped(_ key: String) {
        #expect(JournalLogHandler.fieldName(forMetadataKey: key) == nil)
    }
}
