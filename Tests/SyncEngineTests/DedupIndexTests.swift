import Foundation
import Logging
import SystemPackage
import Testing

@testable import SyncEngine

@Suite struct DedupIndexTests {
    private func event(
        _ seq: Int,
        _ kind: ChangeEventKind,
        sha: String,
        contentHash: String? = nil,
        agency: String = "甲镇人民政府"
    ) -> ChangeEvent {
        var event = ChangeEvent(seq: seq, time: "t", event: kind, source: .init(name: "f\(seq).txt", sha256: sha))
        if let contentHash {
            event.agency = agency
            event.year = 2024
            event.contentHash = contentHash
            event.status = .valid
        } else {
            event.reason = "not a report"
        }
        return event
    }

    @Test func decisionsFollowTheSpecification() {
        var index = DedupIndex()
        #expect(index.decide(sha256: "s1", agency: "甲镇人民政府", year: 2024, contentHash: "c1") == .added)
        index.apply(event(1, .added, sha: "s1", contentHash: "c1"))
        // Same bytes, or same content in other bytes: duplicate of the first ingest.
        #expect(index.decide(sha256: "s1", agency: "甲镇人民政府", year: 2024, contentHash: "c1") == .duplicate(of: 1))
        #expect(index.decide(sha256: "s2", agency: "甲镇人民政府", year: 2024, contentHash: "c1") == .duplicate(of: 1))
        let revision = index.decide(sha256: "s3", agency: "甲镇人民政府", year: 2024, contentHash: "c2")
        #expect(
            revision
                == .revised(previous: .init(contentHash: "c1", seq: 1, source: .init(name: "f1.txt", sha256: "s1")))
        )
        index.apply(event(2, .revised, sha: "s3", contentHash: "c2"))
        // An old copy after a revision stays a duplicate: it never rolls the mirror back.
        #expect(index.decide(sha256: "s9", agency: "甲镇人民政府", year: 2024, contentHash: "c1") == .duplicate(of: 1))
        // A rejected file's bytes count for nothing but recovery.
        index.apply(event(3, .rejected, sha: "s4"))
        #expect(index.decide(sha256: "s4", agency: "乙镇人民政府", year: 2024, contentHash: "c4") == .added)
        #expect(index.latestEvent(for: .init(name: "f3.txt", sha256: "s4"))?.seq == 3)
        #expect(index.counts == [.added: 1, .revised: 1, .rejected: 1])
    }

    @Test func savedIndexCatchesUpWithTheLogAndDamageMeansRebuild() throws {
        let folder = TemporaryFolder()
        let logPath = folder.root.appending("changes.jsonl")
        let indexPath = folder.root.appending("dedup-index.json")
        let log = try ChangeLog(path: logPath, setAsideFolder: folder.root, logger: Logger(label: "test"))
        try log.append([event(1, .added, sha: "s1", contentHash: "c1")])
        var index = try DedupIndex.rebuilt(fromLogAt: logPath)
        try index.save(to: indexPath)
        try log.append([event(2, .revised, sha: "s2", contentHash: "c2"), event(3, .rejected, sha: "s3")])

        let loaded = try DedupIndex.load(from: indexPath, logPath: logPath)
        #expect(!loaded.rebuilt)
        #expect(loaded.index == (try DedupIndex.rebuilt(fromLogAt: logPath)))
        #expect(loaded.index.lastSeq == 3)

        folder.write("{ damaged", to: "dedup-index.json")
        let rebuilt = try DedupIndex.load(from: indexPath, logPath: logPath)
        #expect(rebuilt.rebuilt)
        index = rebuilt.index
        #expect(index.logOffset == log.endOffset)
    }
}
