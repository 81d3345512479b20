import Foundation
import Logging
import SystemPackage
import Testing

@testable import SyncEngine

@Suite struct ChangeLogTests {
    private let logger = Logger(label: "test")

    private func event(_ seq: Int, _ kind: ChangeEventKind = .rejected) -> ChangeEvent {
        var event = ChangeEvent(
            seq: seq,
            time: "2026-01-01T00:00:00.000Z",
            event: kind,
            source: .init(name: "f\(seq).txt", sha256: String(repeating: "a", count: 64))
        )
        event.reason = "not a report"
        return event
    }

    @Test func appendsAreReadBackInOrder() throws {
        let folder = TemporaryFolder()
        let path = folder.root.appending("changes.jsonl")
        let log = try ChangeLog(path: path, setAsideFolder: folder.root, logger: logger)
        try log.append([event(1), event(2)])
        try log.append([event(3)])
        #expect(log.lastSeq == 3)
        let reopened = try ChangeLog(path: path, setAsideFolder: folder.root, logger: logger)
        #expect(reopened.lastSeq == 3)
        #expect(try ChangeLog.events(at: path).map(\.event.seq) == [1, 2, 3])
    }

    @Test(arguments: ["{\"seq\":3,\"ev", "{\"seq\":3}\n", "\0\0\0\0"])
    func tornOrGarbledTailIsCutAtStart(tail: String) throws {
        let folder = TemporaryFolder()
        let path = folder.root.appending("changes.jsonl")
        try ChangeLog(path: path, setAsideFolder: folder.root, logger: logger).append([event(1), event(2)])
        let intact = folder.read("changes.jsonl")
        let handle = try #require(FileHandle(forWritingAtPath: path.string))
        handle.seekToEndOfFile()
        handle.write(Data(tail.utf8))
        try handle.close()
        let log = try ChangeLog(path: path, setAsideFolder: folder.root, logger: logger)
        #expect(log.lastSeq == 2)
        #expect(folder.read("changes.jsonl") == intact)
        // The cut bytes are kept, named by the offset they were cut at.
        #expect(folder.read("changes.torn-\(intact.utf8.count)") == tail)
        try log.append([event(3)])
        #expect(try ChangeLog.events(at: path).map(\.event.seq) == [1, 2, 3])
    }

    @Test(.enabled(if: getuid() == 0, "needs root to mount a tmpfs"))
    func aFailedAppendIsWrittenAgainUnchanged() throws {
        let folder = TemporaryFolder()
        // Two pages: the log's first page and one more, which a ballast file takes.
        try mount(["-t", "tmpfs", "-o", "size=8k", "tmpfs", folder.path])
        defer { try? mount([folder.path], command: "/bin/umount") }
        let path = folder.root.appending("changes.jsonl")
        let log = try ChangeLog(path: path, setAsideFolder: folder.root, logger: logger)
        try log.append([event(1)])
        let intact = folder.read("changes.jsonl")
        folder.write(String(repeating: "x", count: 4096), to: "ballast")
        // The batch fills the log's page, then the write fails with ENOSPC part-way.
        let batch = (2...40).map { event($0) }
        #expect(throws: FileSystemError.self) { try log.append(batch) }
        let seenByAReader = folder.read("changes.jsonl")
        #expect(seenByAReader.hasPrefix(intact) && seenByAReader.count > intact.count)
        #expect(log.lastSeq == 1)
        try FileManager.default.removeItem(atPath: folder.path + "/ballast")
        try log.append(batch)
        // Nothing a reader saw has changed: the lines were written again where they were.
        #expect(folder.read("changes.jsonl").hasPrefix(seenByAReader))
        #expect(try ChangeLog.events(at: path).map(\.event.seq) == Array(1...40))
    }

    private func mount(_ arguments: [String], command: String = "/bin/mount") throws {
        let process = try Process.run(URL(fileURLWithPath: command), arguments: arguments)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(command) \(arguments) failed")
    }

    @Test func longNamesAreCutToFitWithTheirReason() {
        let long = FilePath("a/" + String(repeating: "报", count: 84) + ".txt")  // a 256-byte name
        let name = StateFolder.retiredName(seq: 123_456, of: long).string
        #expect(".\(name).reason.json.tmp".utf8.count <= 255)
        #expect(name.hasPrefix("123456-报报"))
        #expect(String(validating: name.utf8, as: UTF8.self) != nil, "cut at a character boundary")
        #expect(StateFolder.retiredName(seq: 7, of: "hubei/short.txt") == "7-short.txt")
        // Any other name keeps its bytes, cut at a byte.
        let gbk = FilePath(bytes: [UInt8](repeating: 0xB1, count: 250))
        #expect(
            StateFolder.retiredName(seq: 7, of: gbk).bytes == Array("7-".utf8) + [UInt8](repeating: 0xB1, count: 236)
        )
    }

    @Test func eventLineUsesTheContractNames() throws {
        var added = event(7, .added)
        added.reason = nil
        added.agency = "青山区人民政府"
        added.year = 2024
        added.contentHash = "sha256:" + String(repeating: "b", count: 64)
        added.status = .valid
        let object = try JSONSerialization.jsonObject(with: Data(added.jsonLine())) as! [String: Any]
        #expect(Set(object.keys) == ["seq", "time", "event", "source", "agency", "year", "contentHash", "status"])
        #expect((object["source"] as? [String: Any])?["name"] as? String == "f7.txt")
        #expect(StateFolder(root: "/state").retiredName(of: added) == "7-f7.txt")
    }
}
