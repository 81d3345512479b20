import Foundation
import Glibc
import ReportCore
import ReportFixtures
import SyncEngine
import SystemPackage
import Testing

/// Drops while the daemon is SIGKILLed at random moments, then the invariants of durability: every
/// dropped file has exactly one event, the mirror matches the change log, no record is torn, no temp
/// file is left. Some names are GBK and some valid in no encoding: recovery finds files by their bytes.
@Suite("Daemon: crashes")
struct DaemonCrashTests {
    @Test func everyDropHasExactlyOneEventAcrossKills() throws {
        let daemon = try DaemonHarness(settle: 0.05)
        var generator = SystemRandomNumberGenerator()
        var dropped: [FilePath] = []
        let rounds = 12
        let dropsPerRound = 25
        for round in 0..<rounds {
            try daemon.start()
            for index in 0..<dropsPerRound {
                let number = round * dropsPerRound + index
                let name = FilePath(
                    bytes: Array("r\(round)/".utf8) + Self.names[index % Self.names.count] + "-\(index).txt".utf8
                )
                try drop(number, as: name, into: daemon, random: &generator)
                dropped.append(name)
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    usleep(UInt32.random(in: 0..<20_000, using: &generator))
                }
            }
            usleep(UInt32.random(in: 0..<400_000, using: &generator))
            daemon.crash()
        }
        try daemon.start()
        try daemon.waitUntil("every drop is ingested") {
            let names = Set(daemon.events().map(\.source.path))
            return dropped.allSatisfy(names.contains) && daemon.files(in: daemon.inbox).isEmpty
        }
        #expect(daemon.stop() == 0)

        let events = daemon.events()
        #expect(events.map(\.seq) == Array(1...events.count), "seq strictly increasing without gaps")
        let byName = Dictionary(grouping: events, by: \.source.path)
        for name in dropped {
            #expect(byName[name]?.count == 1, "\(name) has \(byName[name]?.count ?? 0) events")
        }
        #expect(byName.count == dropped.count)
        for event in events { daemon.expectRetired(event, checkingMirror: false) }
        expectMirrorMatchesChangeLog(daemon, events)
        let leftovers = (daemon.files(in: daemon.mirror) + daemon.files(in: daemon.state)).filter {
            ($0 as NSString).lastPathComponent.hasPrefix(".")
        }
        #expect(leftovers.isEmpty, "temp files left: \(leftovers)")
    }

    /// A mix of what offices send: new reports, copies, revisions, garbage; written in place or renamed in.
    /// Names in UTF-8, GBK (报告) and bytes valid in no encoding.
    private static let names: [[UInt8]] = [Array("drop".utf8), [0xB1, 0xA8, 0xB8, 0xE6], [0x64, 0xFF, 0x80]]

    private func drop(
        _ number: Int,
        as name: FilePath,
        into daemon: DaemonHarness,
        random: inout SystemRandomNumberGenerator
    ) throws {
        let bytes: [UInt8]
        switch number % 10 {
        case 3: bytes = Reports.bytes(number - 3)  // the same bytes as an earlier drop
        case 6:
            var revision = Reports.report(number - 6)
            revision.active[1] += number
            bytes = revision.bytes(.tsv)
        case 9: bytes = Array("not a report \(number)\n".utf8)
        default: bytes = Reports.bytes(number)
        }
        if Bool.random(using: &random) {
            try daemon.drop(bytes, at: name)
        } else {
            try daemon.dropByRename(bytes, at: name)
        }
    }
}

/// The mirror holds exactly the record of each agency and year's last added/revised event, untorn.
func expectMirrorMatchesChangeLog(
    _ daemon: DaemonHarness,
    _ events: [ChangeEvent],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    var expected: [String: String] = [:]
    for event in events where event.event == .added || event.event == .revised {
        expected["\(event.year!)/\(event.agency!).json"] = event.contentHash
    }
    let records = daemon.files(in: daemon.mirror + "/records")
    #expect(Set(records) == Set(expected.keys), sourceLocation: sourceLocation)
    for path in records {
        let data = FileManager.default.contents(atPath: daemon.mirror + "/records/" + path) ?? Data()
        let record = try? Record(jsonBytes: Array(data))
        #expect(record != nil, "torn record \(path)", sourceLocation: sourceLocation)
        #expect(record?.contentHash == expected[path], "\(path)", sourceLocation: sourceLocation)
    }
}
