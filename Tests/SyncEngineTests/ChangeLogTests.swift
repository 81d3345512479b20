import Foundation
import Logging
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
        let path = folder.path + "/changes.jsonl"
        let log = try ChangeLog(path: path, logger: logger)
        try log.append([event(1), event(2)])
        try log.append([event(3)])
        #expect(log.lastSeq == 3)
        let reopened = try ChangeLog(path: path, logger: logger)
        #expect(reopened.lastSeq == 3)
        #expect(try ChangeLog.events(at: path).map(\.event.seq) == [1, 2, 3])
    }

    @Test(arguments: ["{\"seq\":3,\"ev", "{\"seq\":3}\n", "\0\0\0\0"])
    func tornOrGarbledTailIsCutAtStart(tail: String) throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/changes.jsonl"
        try ChangeLog(path: path, logger: logger).append([event(1), event(2)])
        let intact = folder.read("changes.jsonl")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(tail.utf8))
        try handle.close()
        let log = try ChangeLog(path: path, logger: logger)
        #expect(log.lastSeq == 2)
        #expect(folder.read("changes.jsonl") == intact)
        try log.append([event(3)])
        #expect(try ChangeLog.events(at: path).map(\.event.seq) == [1, 2, 3])
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
        #expect(added.retiredName == "7-f7.txt")
    }
}
