import Foundation
import SystemPackage

@testable import SystemdService

#if canImport(Glibc)
import Glibc
#endif

/// The machine's real journald, started by the tests when nothing listens on its socket, and read back with
/// `journalctl -o json`.
enum Journald {
    /// What went wrong while starting or reading the journal.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// One journal entry as `journalctl -o json` prints it: field name to value (a string, an array of strings
    /// for a repeated field, or an array of byte values for binary data).
    typealias Entry = [String: JSONValue]

    /// Starts `/lib/systemd/systemd-journald` (detached, left running for later tests) unless the journal socket
    /// already accepts connections. A lock file keeps two test processes from starting it at once.
    static func ensureRunning() throws {
        let lock = open("/run/reportsyncd-tests-journald.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw Failure(description: "open lock file: \(Errno(rawValue: errno))") }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        if LogDestination.acceptsConnections(at: LogDestination.journalSocket) { return }
        _ = try ChildProcess.run(
            "/usr/bin/setsid",
            ["--fork", "/lib/systemd/systemd-journald"],
            capturingOutput: false
        )
        for _ in 0..<200 where !LogDestination.acceptsConnections(at: LogDestination.journalSocket) {
            usleep(50_000)
        }
        guard LogDestination.acceptsConnections(at: LogDestination.journalSocket) else {
            throw Failure(
                description: "started systemd-journald, but \(LogDestination.journalSocket) refuses connections"
            )
        }
    }

    /// The entries with all the `FIELD=value` matches, once there are `count` of them: journald stores entries
    /// asynchronously, so this reads again for up to ten seconds before giving up with what it has.
    static func entries(matching matches: [String], count: Int = 1) throws -> [Entry] {
        var entries: [Entry] = []
        for _ in 0..<100 {
            entries = try self.read(["--output=json", "--no-pager", "--all"] + matches)
            if entries.count >= count { break }
            usleep(100_000)
        }
        return entries
    }

    private static func read(_ arguments: [String]) throws -> [Entry] {
        let journalctl = try ChildProcess.run("/usr/bin/journalctl", arguments)
        return try journalctl.output.split(separator: UInt8(ascii: "\n")).map {
            try JSONDecoder().decode(Entry.self, from: Data($0))
        }
    }
}

/// A JSON value as `journalctl -o json` prints field values.
enum JSONValue: Decodable, Equatable {
    case string(String)
    case number(Int)
    case array([JSONValue])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else {
            self = .array(try container.decode([JSONValue].self))
        }
    }
}
