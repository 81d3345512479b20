import Foundation
import Glibc
import ReportCore
import ReportFixtures
import SyncEngine
import Testing

/// `reportsyncd-publish` against a real PostgreSQL server: three real daemons with their own inboxes, each with
/// its own publisher process, into one database.
@Suite(.serialized) struct PublishTests {
    static let binary = DaemonHarness.binary + "-publish"

    /// Runs `reportsyncd-publish --once` for `daemon`'s mirror as `node`; its exit status.
    static func publishOnce(_ daemon: DaemonHarness, node: String, database: String) throws -> Int32 {
        let outcome = try ChildProcess.run(
            binary,
            ["--once", "--log", "console", "--mirror", daemon.mirror, "--state", daemon.root + "/publish"]
                + ["--node", node, "--database", database, "--config", "/dev/null"]
        )
        return outcome.status >> 8
    }

    /// Starts `reportsyncd-publish` for `daemon`'s mirror as `node`, its output in `<root>/publish.log`.
    static func startPublisher(
        _ daemon: DaemonHarness,
        node: String,
        database: String
    ) throws
        -> ChildProcess.Running
    {
        try ChildProcess.start(
            binary,
            ["--log", "console", "--mirror", daemon.mirror, "--state", daemon.root + "/publish"]
                + ["--node", node, "--database", database, "--config", "/dev/null"],
            environment: ["PATH": "/usr/bin:/bin"],
            outputPath: daemon.root + "/publish.log"
        )
    }

    /// Every events row of `node` as `seq|event|agency|year|content_hash|status|source_sha256|duplicate_of`.
    static func eventRows(_ cluster: PostgresCluster, node: String) throws -> [String] {
        try cluster.query(
            """
            SELECT seq, event, coalesce(agency, ''), coalesce(year::text, ''), coalesce(content_hash, ''),
                coalesce(status, ''), source_sha256, coalesce(duplicate_of::text, '')
            FROM events WHERE node = '\(node)' ORDER BY seq
            """
        )
    }

    /// The change log of `daemon` in the shape of ``eventRows(_:node:)``.
    static func logRows(_ daemon: DaemonHarness) -> [String] {
        daemon.events().map {
            [
                "\($0.seq)", $0.event.rawValue, $0.agency ?? "", $0.year.map { "\($0)" } ?? "", $0.contentHash ?? "",
                $0.status?.rawValue ?? "", $0.source.sha256, $0.duplicateOf.map { "\($0)" } ?? "",
            ].joined(separator: "|")
        }
    }

    @Test func threeNodesPublishEveryLineOnceAndOneRecordPerReport() throws {
        let cluster = try PostgresCluster()
        let nodes = try (0..<3).map { _ in try DaemonHarness() }
        for node in nodes { try node.start() }
        // The same report on two nodes (other bytes: another encoding), a report of its own on each, junk on one.
        let shared = Reports.report(1)
        try nodes[0].drop(shared.bytes(.tsv), as: "shared.txt")
        try nodes[1].drop(shared.bytes(.tsv, encoding: .utf16), as: "shared-utf16.txt")
        for (index, node) in nodes.enumerated() {
            try node.drop(Reports.bytes(10 + index), as: "own.txt")
        }
        try nodes[2].drop(Array("not a report".utf8), as: "junk.txt")
        var inconsistent = Reports.report(3)
        inconsistent.requests[0][0] += 1
        try nodes[2].drop(inconsistent.bytes(.tsv), as: "inconsistent.txt")
        let publishers = try nodes.enumerated().map { index, daemon in
            try Self.startPublisher(daemon, node: "node\(index)", database: cluster.url)
        }
        for (daemon, names) in zip(nodes, [["shared.txt"], ["shared-utf16.txt"], ["junk.txt", "inconsistent.txt"]]) {
            for name in names + ["own.txt"] { try daemon.waitForEvent(name) }
        }
        for (index, daemon) in nodes.enumerated() {
            try daemon.waitUntil("node\(index) is published") {
                (try? Self.eventRows(cluster, node: "node\(index)")) == Self.logRows(daemon)
            }
        }
        // More while they run: published as they come.
        try nodes[0].drop(Reports.bytes(20), as: "later.txt")
        try nodes[0].waitForEvent("later.txt")
        try nodes[0].waitUntil("the later report is published") {
            (try? Self.eventRows(cluster, node: "node0")) == Self.logRows(nodes[0])
        }
        for publisher in publishers {
            publisher.signal(SIGTERM)
            #expect(publisher.wait() == 0)
        }
        let hash = nodes[0].events(for: "shared.txt")[0].contentHash!
        #expect(try cluster.value("SELECT count(*) FROM records WHERE agency = '\(shared.agency)'") == "1")
        #expect(try cluster.value("SELECT count(*) FROM contents WHERE content_hash = '\(hash)'") == "1")
        #expect(try cluster.value("SELECT content_hash FROM records WHERE agency = '\(shared.agency)'") == hash)
        // Its first appearance: the earlier of the two lines by (time, node, seq).
        let first = [
            ("node0", nodes[0].events(for: "shared.txt")[0]), ("node1", nodes[1].events(for: "shared-utf16.txt")[0]),
        ]
        .min { ($0.1.time, $0.0, $0.1.seq) < ($1.1.time, $1.0, $1.1.seq) }!
        #expect(
            try cluster.value("SELECT node || '/' || seq FROM contents WHERE content_hash = '\(hash)'")
                == "\(first.0)/\(first.1.seq)"
        )
        // Six reports, each with its record from a mirror; every node's mark at its last line.
        #expect(try cluster.value("SELECT count(*) FROM records WHERE record IS NOT NULL") == "6")
        for (index, daemon) in nodes.enumerated() {
            #expect(
                try cluster.value("SELECT published_seq FROM nodes WHERE node = 'node\(index)'")
                    == "\(daemon.events().last!.seq)"
            )
        }
        #expect(
            try cluster.query("SELECT * FROM reports_by_year ORDER BY status") == [
                "2024|inconsistent|1", "2024|valid|5",
            ]
        )
        let rules = try cluster.query(
            "SELECT DISTINCT rule FROM inconsistent_reports WHERE agency = '\(inconsistent.agency)'"
        )
        #expect(rules.contains("requests.balance"))
        // The province's totals are the sums of the records' own cells.
        let agencies = Set(nodes.flatMap { $0.events() }.compactMap(\.agency))
        let received = agencies.compactMap { agency in
            nodes.lazy.compactMap { $0.record(agency: agency, year: 2024) }.first?.requests.received.total
        }
        #expect(
            try cluster.value(
                "SELECT total FROM province_totals WHERE year = 2024 AND cell = 'requests.received.total'"
            )
                == "\(received.reduce(0, +))"
        )
        #expect(try cluster.value("SELECT count(*) FROM publish_errors") == "0")
    }

    @Test func aRevisionWinsOverAnOlderCopyWhoeverPublishesFirst() throws {
        let cluster = try PostgresCluster()
        let nodes = try (0..<3).map { _ in try DaemonHarness() }
        for node in nodes { try node.start() }
        let original = Reports.report(30)
        var revision = original
        revision.active[0] += 1
        // Node 0 has the original first; node 1 the revision later; node 2, which never saw either, the original
        // last: by the fleet's order the revision is the newest content.
        try nodes[0].drop(original.bytes(.tsv), as: "v1.txt")
        let first = try nodes[0].waitForEvent("v1.txt")
        usleep(20_000)
        try nodes[1].drop(revision.bytes(.tsv), as: "v2.txt")
        let second = try nodes[1].waitForEvent("v2.txt")
        usleep(20_000)
        try nodes[2].drop(original.bytes(.tsv), as: "v1-copy.txt")
        let third = try nodes[2].waitForEvent("v1-copy.txt")
        #expect(third.event == .added)
        #expect(first.contentHash == third.contentHash && second.contentHash != first.contentHash)
        // Published in the worst order: the late old copy first, then the revision, then the original.
        for index in [2, 1, 0] {
            #expect(try Self.publishOnce(nodes[index], node: "node\(index)", database: cluster.url) == 0)
            if index == 2 {
                #expect(try cluster.value("SELECT content_hash FROM records") == first.contentHash)
            }
        }
        #expect(try cluster.query("SELECT content_hash, node, seq FROM records") == ["\(second.contentHash!)|node1|1"])
        #expect(
            try cluster.value("SELECT record #>> '{active,rules,issued}' FROM records") == "\(revision.active[0])"
        )
        // The original's first appearance moved to node 0 once node 0 published.
        #expect(try cluster.value("SELECT node FROM contents WHERE content_hash = '\(first.contentHash!)'") == "node0")
        // Replays are no-ops.
        #expect(try Self.publishOnce(nodes[0], node: "node0", database: cluster.url) == 0)
        #expect(try cluster.value("SELECT count(*) FROM events") == "3")
    }

    @Test func onceExitsZeroWhenPublishedAndSeventyFiveWithoutADatabase() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        try daemon.drop(Reports.bytes(40), as: "a.txt")
        _ = try daemon.waitForEvent("a.txt")
        // No server on that socket folder: the database cannot be reached.
        #expect(
            try Self.publishOnce(daemon, node: "n", database: "postgres://postgres@/fleet?host=\(daemon.root)") == 75
        )
        // A password in the URL is refused as configuration, before anything is sent.
        #expect(try Self.publishOnce(daemon, node: "n", database: "postgres://postgres:secret@localhost/fleet") == 78)
        let cluster = try PostgresCluster()
        #expect(try Self.publishOnce(daemon, node: "n", database: cluster.url) == 0)
        #expect(try Self.eventRows(cluster, node: "n") == Self.logRows(daemon))
        // Every migration applied: the newest is 3 (content records).
        #expect(try cluster.value("SELECT max(version) FROM schema_version") == "3")
    }

    @Test func aLineTheDatabaseRefusesIsKeptInPublishErrors() throws {
        let cluster = try PostgresCluster()
        let daemon = try DaemonHarness()
        try FileManager.default.createDirectory(atPath: daemon.mirror, withIntermediateDirectories: true)
        // A change log whose second line names an agency longer than the column allows (200 characters).
        var lines: [ChangeEvent] = []
        for (seq, agency) in [(1, "甲镇人民政府"), (2, String(repeating: "长", count: 300)), (3, "乙镇人民政府")] {
            var event = ChangeEvent(
                seq: seq,
                time: "2026-12-01T08:00:0\(seq).000Z",
                event: .added,
                source: .init(name: "\(seq).txt", sha256: String(repeating: "\(seq)", count: 64))
            )
            event.agency = agency
            event.year = 2024
            event.contentHash = "sha256:" + String(repeating: "\(seq)", count: 64)
            event.status = .valid
            lines.append(event)
        }
        let log = lines.map { String(decoding: $0.jsonLine(), as: UTF8.self) + "\n" }.joined()
        try log.write(toFile: daemon.mirror + "/changes.jsonl", atomically: true, encoding: .utf8)
        #expect(try Self.publishOnce(daemon, node: "n", database: cluster.url) == 0)
        #expect(try cluster.query("SELECT seq FROM events ORDER BY seq") == ["1", "3"])
        #expect(try cluster.query("SELECT seq, sqlstate FROM publish_errors") == ["2|22001"])
        #expect(try cluster.value("SELECT published_seq FROM nodes") == "3")
        // Not retried: a second run has nothing left to do.
        #expect(try Self.publishOnce(daemon, node: "n", database: cluster.url) == 0)
        #expect(try cluster.value("SELECT count(*) FROM publish_errors") == "1")
    }

    @Test func theDaemonLinksNeitherNIONorTheDatabaseClient() throws {
        // Swift module names appear in the mangled symbols: `$s7NIOCore…`, `$s11PostgresNIO…`.
        func modules(_ binary: String) throws -> Set<String> {
            let symbols = try ChildProcess.run("/usr/bin/nm", [binary]).text
            return Set(["7NIOCore", "11PostgresNIO", "6NIOSSL"].filter { symbols.contains("$s" + $0) })
        }
        #expect(try modules(DaemonHarness.binary).isEmpty)
        #expect(try modules(Self.binary) == ["7NIOCore", "11PostgresNIO", "6NIOSSL"])
    }
}
