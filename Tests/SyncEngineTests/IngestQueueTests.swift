import Foundation
import SystemPackage
import Testing

@testable import SyncEngine

@Suite struct IngestQueueTests {
    private let fingerprint = FileFingerprint(size: 1, modified: 2, changed: 3, device: 4, inode: 5)

    /// Waits at most `seconds` for what the queue hands out.
    private func next(_ queue: IngestQueue, limit: Int = 64, within seconds: Double) -> IngestQueue.Work {
        queue.next(limit: limit, wakingBy: .now + .milliseconds(Int(seconds * 1000)))
    }

    @Test func aFileRenamedInIsDueAtOnceAndASettlingOneAfterTheInterval() {
        let queue = IngestQueue(settleInterval: .milliseconds(300))
        queue.note("settling.txt", .settling(fingerprint))
        queue.note("moved.txt", .movedIn)
        let first = next(queue, within: 0.1)
        #expect(first.due.map(\.relative) == ["moved.txt"])
        #expect(first.due.first?.fingerprint == nil)
        #expect(queue.count == 1)
        let start = ContinuousClock.now
        let second = next(queue, within: 10)
        #expect(second.due.map(\.relative) == ["settling.txt"])
        #expect(second.due.first?.fingerprint == fingerprint)
        #expect(ContinuousClock.now - start >= .milliseconds(200), "handed out only once settled")
        #expect(queue.count == 0)
    }

    @Test func manyArrivalsOfOneFileAreOneEntryAndTheLastWins() {
        let queue = IngestQueue(settleInterval: .seconds(60))
        queue.note("a.txt", .movedIn)
        queue.note("a.txt", .settling(fingerprint))
        #expect(queue.count == 1)
        #expect(next(queue, within: 0.05).due.isEmpty, "the later arrival settles first")
    }

    @Test func dueEntriesComeEarliestFirstUpToTheLimit() {
        let queue = IngestQueue(settleInterval: .zero)
        for name in ["1.txt", "2.txt", "3.txt"] {
            queue.note(FilePath(name), .movedIn)
            Thread.sleep(forTimeInterval: 0.002)
        }
        #expect(next(queue, limit: 2, within: 1).due.map(\.relative) == ["1.txt", "2.txt"])
        #expect(next(queue, limit: 2, within: 1).due.map(\.relative) == ["3.txt"])
    }

    @Test func pastItsCapacityTheQueueAsksForARescanInstead() {
        let queue = IngestQueue(settleInterval: .zero, capacity: 2)
        for name in ["1.txt", "2.txt", "3.txt"] { queue.note(FilePath(name), .movedIn) }
        #expect(queue.count == 2)
        let work = next(queue, within: 1)
        #expect(work.rescan == .backlog)
        #expect(work.due.count == 2)
        #expect(next(queue, within: 0.01).rescan == nil, "a rescan is handed out once")
    }

    @Test func aRetryBacksOffAndNeverReplacesANewerArrival() {
        let queue = IngestQueue(settleInterval: .zero)
        let entry = IngestQueue.Entry(relative: "a.txt", due: .now)
        queue.retry(entry, after: .seconds(60))
        #expect(next(queue, within: 0.05).due.isEmpty)
        queue.note("b.txt", .movedIn)
        queue.retry(IngestQueue.Entry(relative: "b.txt", due: .now), after: .seconds(60))
        let work = next(queue, within: 1)
        #expect(work.due.map(\.relative) == ["b.txt"])
        #expect(work.due.first?.attempts == 0, "the newer arrival stands")
    }

    @Test func stopEndsAWaitAtOnce() {
        let queue = IngestQueue(settleInterval: .zero)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { queue.stop() }
        let work = next(queue, within: 30)
        #expect(work.stopping)
        #expect(work.due.isEmpty)
    }
}
