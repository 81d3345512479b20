import Foundation
import ReportCore
import ReportFixtures
import SystemPackage
import Testing

@testable import SyncEngine

/// The ingest path in process, step by step (read → decide → commit → retire → report), on real
/// files, with every system call it makes failing in turn through ``FaultPlan``.
@Suite struct IngestorTests {
    private static let report = SampleReport.distinct(seed: 1).bytes(.tsv)
    private static let revision = SampleReport.distinct(seed: 2).bytes(.tsv)
    private static let other = SampleReport.distinct(agency: "下冶镇人民政府", year: 2023, seed: 3).bytes(.tsv)
    private static let junk = Array("会议纪要：今天讨论了食堂的菜单。".utf8)

    /// One batch of every outcome: what each file becomes, in batch order.
    private static let batch: [(name: String, bytes: [UInt8], event: ChangeEventKind)] = [
        ("a.txt", report, .added),
        ("copy.txt", report, .duplicate),
        ("b.txt", other, .added),
        ("junk.txt", junk, .rejected),
        ("a-revised.txt", revision, .revised),
    ]

    private static var names: Set<String> { Set(batch.map(\.name)) }

    private func dropBatch(into folders: IngestFolders) -> [FilePath] {
        Self.batch.map { folders.drop($0.bytes, as: $0.name) }
    }

    @Test func eachFileOfABatchGetsOneEventAndLeavesTheInbox() throws {
        let folders = try IngestFolders()
        let ingestor = try folders.start()
        #expect(ingestor.ingest(dropBatch(into: folders)).isEmpty)
        let events = try folders.events()
        #expect(events.map(\.event) == Self.batch.map(\.event))
        #expect(events.map(\.source.name) == Self.batch.map(\.name))
        #expect(events[1].duplicateOf == 1)
        // The revision in the same batch is compared with the record staged before it, not the mirror.
        #expect(events[4].previousContentHash == events[0].contentHash)
        #expect(events[4].changedCells?.isEmpty == false)
        #expect(events[3].reason?.isEmpty == false)
        #expect(ingestor.index.lastSeq == 5)
        try folders.expectEachFileOnce(Self.names)
        #expect(folders.mirror.record(agency: "青山区人民政府", year: 2024)?.contentHash == events[4].contentHash)
    }

    @Test func aFileOverTheSizeLimitIsRejectedUnparsed() throws {
        let folders = try IngestFolders()
        let ingestor = try folders.start(maxFileSize: 100)
        #expect(ingestor.ingest([folders.drop(Self.report, as: "big.txt")]).isEmpty)
        let event = try #require(try folders.events().first)
        #expect(event.event == .rejected)
        #expect(event.reason == "the file is \(Self.report.count) bytes, over the limit of 100 bytes")
        try folders.expectEachFileOnce(["big.txt"])
    }

    @Test func aFileGoneBeforeItIsReadIsPassedOver() throws {
        let folders = try IngestFolders()
        let ingestor = try folders.start()
        #expect(ingestor.ingest([FilePath("never-there.txt")]).isEmpty)
        #expect(try folders.events().isEmpty)
    }

    @Test func aFileChangedAfterItWasReadStaysForItsNextRead() throws {
        let folders = try IngestFolders()
        let ingestor = try folders.start()
        let plan = FaultPlan(folder: folders.root)
        // Retirement fails; meanwhile the file is replaced by other bytes.
        let failures = SystemCallFaults.arming(plan) {
            plan.fail(operation: "rename \(folders.inbox.root.string)", with: .ioError, times: 1)
            return ingestor.ingest([folders.drop(Self.report, as: "a.txt")])
        }
        #expect(failures.map(\.relative) == ["a.txt"])
        folders.drop(Self.other, as: "a.txt")
        #expect(ingestor.ingest(["a.txt"]).isEmpty)
        let events = try folders.events()
        #expect(events.map(\.event) == [.added, .added])
        // The first original was replaced before it could move: only the second is archived.
        #expect(folders.waiting.isEmpty)
    }

    @Test func aLoggedFileWhoseMoveFailedIsOnlyMovedAfterARestart() throws {
        let folders = try IngestFolders()
        let plan = FaultPlan(folder: folders.root)
        let ingestor = try folders.start()
        let batch = dropBatch(into: folders)
        let failures = SystemCallFaults.arming(plan) {
            plan.fail(operation: "rename \(folders.inbox.root.string)", with: .ioError)
            return ingestor.ingest(batch)
        }
        #expect(Set(failures.map(\.relative.string)) == Self.names)
        #expect(try folders.events().count == Self.batch.count)
        // A new process finds the files logged but not retired: each is moved under its event.
        #expect(try folders.start().ingest(folders.waiting).isEmpty)
        try folders.expectEachFileOnce(Self.names)
    }

    /// The calls a clean ingest of the batch makes, in order.
    private func callsOfACleanIngest() throws -> [FaultPlan.Call] {
        let folders = try IngestFolders()
        let ingestor = try folders.start()
        let plan = FaultPlan(folder: folders.root)
        let failures = SystemCallFaults.arming(plan) { ingestor.ingest(dropBatch(into: folders)) }
        #expect(failures.isEmpty)
        return plan.calls
    }

    /// Each call of the batch's ingest fails once (EIO); the loop then retries what it was handed back,
    /// as the daemon's ingest loop does. Every file must still get exactly one event and leave the inbox.
    @Test func anyFailingCallIsRetriedWithoutASecondEvent() throws {
        let calls = try callsOfACleanIngest()
        #expect(calls.contains { $0.operation == "syncfs" } && calls.contains { $0.operation == "fsync" })
        for number in calls.indices {
            let folders = try IngestFolders()
            let ingestor = try folders.start()
            let batch = dropBatch(into: folders)
            let plan = FaultPlan(folder: folders.root)
            var failures = SystemCallFaults.arming(plan) {
                plan.fail(callNumber: number, with: .ioError)
                return ingestor.ingest(batch)
            }
            #expect(plan.calls.contains { $0.failed }, "call \(number): \(calls[number]) was made")
            for _ in 0..<3 where !failures.isEmpty || ingestor.hasUnloggedBatch {
                failures = ingestor.ingest(failures.map(\.relative))
            }
            #expect(failures.isEmpty, "call \(number): \(calls[number])")
            try folders.expectEachFileOnce(Self.names)
        }
    }

    /// Each call of the commit and retire steps (from the mirror's `syncfs` on) fails once (ENOSPC), and
    /// the process then stops as after a crash: the next start-up (temp files swept, mirror checked
    /// against the log) and one ingest of what is left in the inbox must give every file exactly one event.
    @Test func anyFailingCallOfTheCommitFollowedByACrashLosesNothing() throws {
        let calls = try callsOfACleanIngest()
        let commit = try #require(calls.firstIndex { $0.operation == "syncfs" })
        for number in calls.indices[commit...] {
            let folders = try IngestFolders()
            let ingestor = try folders.start()
            let batch = dropBatch(into: folders)
            let plan = FaultPlan(folder: folders.root)
            _ = SystemCallFaults.arming(plan) {
                plan.fail(callNumber: number, with: .noSpace)
                return ingestor.ingest(batch)
            }
            #expect(try folders.start().ingest(folders.waiting).isEmpty, "call \(number): \(calls[number])")
            try folders.expectEachFileOnce(Self.names)
            #expect(try folders.mirror.recordFiles().temporaries.isEmpty)
        }
    }

    @Test func aBatchWhoseLinesCannotBeAppendedWaitsAndIsAppendedUnchanged() throws {
        let folders = try IngestFolders()
        let ingestor = try folders.start()
        // Only the change log's own calls fail.
        let plan = FaultPlan(folder: folders.mirror.changeLogPath)
        let batch = dropBatch(into: folders)
        try SystemCallFaults.arming(plan) {
            plan.fail(operation: "write", with: .noSpace)
            #expect(ingestor.ingest(batch).count == batch.count)
            #expect(ingestor.hasUnloggedBatch && ingestor.mirrorMayBeAheadOfLog)
            // While the log cannot take the batch, nothing new is decided.
            let later = folders.drop(Self.junk + [0x21], as: "later.txt")
            #expect(ingestor.ingest([later]).map(\.relative) == [later])
            plan.heal()
            #expect(ingestor.ingest([later]).isEmpty)
            #expect(!ingestor.hasUnloggedBatch)
            try folders.expectEachFileOnce(Self.names.union(["later.txt"]))
            #expect(try folders.events().last?.source.name == "later.txt")
        }
    }
}
