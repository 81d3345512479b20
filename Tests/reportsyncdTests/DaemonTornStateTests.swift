import Foundation
import Glibc
import ReportCore
import ReportFixtures
import SyncEngine
import Testing

/// Damage of the kind a crash or a failing disk leaves, planted while the daemon is down: at start-up
/// the real binary repairs or sets aside each piece with a specific log line and carries on ingesting.
@Suite("Daemon: torn state at start-up")
struct DaemonTornStateTests {
    /// One kind of damage: how to plant it and the log line that must name its repair.
    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case truncatedChangeLogLine
        case emptyTemporaryFile
        case mismatchedRecord
        case zeroLengthRecord
        case damagedDedupIndex

        var testDescription: String { rawValue }

        var expectedLogLine: String {
            switch self {
            case .truncatedChangeLogLine: "repaired the change log's torn last line"
            case .emptyTemporaryFile: "removed a temp file left by an interrupted write"
            case .mismatchedRecord: "restoring a mirror record that does not match the change log"
            case .zeroLengthRecord: "restoring a mirror record that does not match the change log"
            case .damagedDedupIndex: "the saved dedup index is damaged or does not fit the change log"
            }
        }
    }

    /// The reports ingested before the damage is planted.
    private static let ingested = 0..<3

    @Test(arguments: Damage.allCases)
    func damageIsRepairedAndIngestingCarriesOn(_ damage: Damage) throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        for number in Self.ingested { try daemon.dropByRename(Reports.bytes(number), as: "before-\(number).txt") }
        for number in Self.ingested { try daemon.waitForEvent("before-\(number).txt") }
        // A crash, not a clean stop: the damage is what an interrupted run leaves for start-up to find.
        daemon.crash()
        let logged = daemon.events()
        try plant(damage, in: daemon)

        try daemon.start()
        #expect(daemon.logText().contains(damage.expectedLogLine), "daemon log:\n\(daemon.logText().suffix(3000))")
        try daemon.dropByRename(Reports.bytes(10), as: "after.txt")
        let event = try daemon.waitForEvent("after.txt")
        // The same bytes as an ingested report, under a new name: the index must still know them.
        try daemon.dropByRename(Reports.bytes(0), as: "copy.txt")
        let copy = try daemon.waitForEvent("copy.txt")
        #expect(daemon.stop() == 0)

        let events = daemon.events()
        #expect(Array(events.prefix(logged.count)) == logged, "the events logged before the damage are kept")
        #expect(events.map(\.seq) == Array(1...events.count))
        #expect(events.filter { $0.source.name == "after.txt" }.count == 1)
        #expect(event.event == .added)
        #expect(copy.event == .duplicate && copy.duplicateOf == logged.first?.seq)
        daemon.expectRetired(event)
        expectMirrorMatchesChangeLog(daemon, events)
        let leftovers = daemon.files(in: daemon.mirror).filter { ($0 as NSString).lastPathComponent.hasPrefix(".") }
        #expect(leftovers.isEmpty, "temp files left: \(leftovers)")
    }

    private func plant(_ damage: Damage, in daemon: DaemonHarness) throws {
        let agency = Reports.report(0).agency
        let record = "\(daemon.mirror)/records/2024/\(agency).json"
        switch damage {
        case .truncatedChangeLogLine:
            let log = try FileHandle(forWritingTo: URL(fileURLWithPath: daemon.mirror + "/changes.jsonl"))
            defer { try? log.close() }
            log.seekToEndOfFile()
            log.write(Data(#"{"seq":4,"time":"2026-11-28T00:00:00Z","event":"add"#.utf8))
        case .emptyTemporaryFile:
            let temporary = "\(daemon.mirror)/records/2024/.\(agency).json.tmp"
            #expect(FileManager.default.createFile(atPath: temporary, contents: nil))
        case .mismatchedRecord:
            var other = Reports.report(0)
            other.active[0] += 1
            guard case .success(let parsed) = ReportParser().parse(other.bytes(.tsv), sourceName: "other.txt") else {
                throw HarnessError("the altered report does not parse")
            }
            try Data(parsed.jsonBytes(pretty: true)).write(to: URL(fileURLWithPath: record))
        case .zeroLengthRecord:
            guard truncate(record, 0) == 0 else { throw HarnessError("cannot truncate \(record): errno \(errno)") }
        case .damagedDedupIndex:
            try Data(#"{"firstBySHA256":{"#.utf8).write(to: URL(fileURLWithPath: daemon.state + "/dedup-index.json"))
        }
    }
}
