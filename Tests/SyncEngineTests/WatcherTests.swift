import Foundation
import Logging
import SystemPackage
import Testing

@testable import SyncEngine

/// The watcher on real inotify over a temp inbox.
@Suite struct WatcherTests {
    /// A watcher over a fresh inbox, its inotify reader running on a thread of its own until `body` ends.
    private func watching(_ body: (Inbox, IngestQueue, Watcher) throws -> Void) throws {
        let folder = TemporaryFolder()
        let inbox = Inbox(root: try FileSystem.resolved(folder.root))
        let queue = IngestQueue(settleInterval: .milliseconds(50))
        let watcher = try Watcher(inbox: inbox, queue: queue, logger: Logger(label: "test"))
        #expect(watcher.scan())
        let reader = Thread { watcher.run() }
        reader.start()
        defer { watcher.stop() }
        try body(inbox, queue, watcher)
    }

    /// Writes `text` into a new file at `path` with open, write and close: a file written in place.
    private func writeInPlace(_ text: String, to path: FilePath) throws {
        let file = try FileDescriptor.open(
            path,
            .writeOnly,
            options: [.create, .exclusiveCreate],
            permissions: .ownerReadWrite
        )
        try file.closeAfter { _ = try file.writeAll(Array(text.utf8)) }
    }

    /// Collects what the queue hands out until `expected` paths have come or 60 s have passed: a deadline
    /// for a machine busy with the rest of the suite (daemons, a browser, PostgreSQL), not a measure.
    private func collect(_ queue: IngestQueue, _ expected: Int) -> [IngestQueue.Entry] {
        var entries: [IngestQueue.Entry] = []
        let deadline = ContinuousClock.now + .seconds(60)
        while entries.count < expected && ContinuousClock.now < deadline {
            entries += queue.next(limit: 64, wakingBy: .now + .milliseconds(100)).due
        }
        return entries
    }

    @Test func eachWayOfArrivingIsQueued() throws {
        try watching { inbox, queue, _ in
            let outside = TemporaryFolder()
            // Written in place: settles, with the look at the file the settle check compares with. (Not
            // FileManager.createFile, which may write a temp file and rename it in.)
            try writeInPlace("a", to: inbox.path(of: "written.txt"))
            // Renamed in: complete at once.
            outside.write("b", to: "moved.txt")
            try FileSystem.rename(FilePath(outside.path).appending("moved.txt"), to: inbox.path(of: "moved.txt"))
            // A hard link: only created, never closed under this name.
            outside.write("c", to: "linked.txt")
            #expect(link(outside.path + "/linked.txt", inbox.path(of: "linked.txt").string) == 0)
            // A folder made with a file in it before its watch could exist: found by the scan of the folder.
            try FileManager.default.createDirectory(
                atPath: inbox.path(of: "a/b").string,
                withIntermediateDirectories: true
            )
            try writeInPlace("d", to: inbox.path(of: "a/b/deep.txt"))
            // Never picked up until renamed: partial downloads and dot-names; never followed: symlinks.
            #expect(FileManager.default.createFile(atPath: inbox.path(of: "x.part").string, contents: Data("e".utf8)))
            #expect(FileManager.default.createFile(atPath: inbox.path(of: ".hidden").string, contents: Data("f".utf8)))
            #expect(symlink("/etc/passwd", inbox.path(of: "link.txt").string) == 0)
            let entries = collect(queue, 4)
            let byName = Dictionary(entries.map { ($0.relative.string, $0) }, uniquingKeysWith: { first, _ in first })
            #expect(Set(byName.keys) == ["written.txt", "moved.txt", "linked.txt", "a/b/deep.txt"])
            #expect(byName["moved.txt"]?.fingerprint == nil, "renamed in: read at once")
            #expect(byName["written.txt"]?.fingerprint != nil, "written in place: settles first")
            #expect(byName["linked.txt"]?.fingerprint != nil)
        }
    }

    @Test func aFolderPastTheWatchLimitIsScannedPeriodically() throws {
        let folder = TemporaryFolder()
        let inbox = Inbox(root: try FileSystem.resolved(folder.root))
        try FileManager.default.createDirectory(atPath: inbox.path(of: "sub").string, withIntermediateDirectories: true)
        let queue = IngestQueue(settleInterval: .zero)
        let watcher = try Watcher(inbox: inbox, queue: queue, logger: Logger(label: "test"))
        let plan = FaultPlan(folder: inbox.path(of: "sub"))
        SystemCallFaults.arming(plan) {
            plan.fail(operation: "watch", with: .noSpace)
            #expect(watcher.scan(), "the inbox itself is watched")
        }
        #expect(watcher.needsPeriodicScan)
        #expect(watcher.isWatchingInbox)
    }

    @Test func aDeletedInboxIsNoticedAndWatchedAgainWhenBack() throws {
        let folder = TemporaryFolder()
        let root = try FileSystem.resolved(folder.root).appending("inbox")
        try FileSystem.createDirectory(root)
        let inbox = Inbox(root: root)
        let queue = IngestQueue(settleInterval: .zero)
        let watcher = try Watcher(inbox: inbox, queue: queue, logger: Logger(label: "test"))
        #expect(watcher.scan())
        let reader = Thread { watcher.run() }
        reader.start()
        defer { watcher.stop() }
        try FileManager.default.removeItem(atPath: root.string)
        let deadline = ContinuousClock.now + .seconds(60)
        while watcher.isWatchingInbox && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(!watcher.isWatchingInbox)
        #expect(watcher.needsPeriodicScan)
        #expect(!watcher.scan(), "no inbox to watch")
        try FileSystem.createDirectory(root)
        #expect(FileManager.default.createFile(atPath: inbox.path(of: "back.txt").string, contents: Data("a".utf8)))
        #expect(watcher.scan())
        #expect(watcher.isWatchingInbox)
        #expect(collect(queue, 1).map(\.relative) == ["back.txt"])
    }
}
