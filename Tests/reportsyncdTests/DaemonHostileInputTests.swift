import Foundation
import Glibc
import ReportCore
import SyncEngine
import Testing

/// Hostile files dropped into the real daemon's inbox: each gets its event and the daemon carries on.
@Suite("Daemon: hostile input")
struct DaemonHostileInputTests {
    @Test func gigabyteOfZerosIsRejectedBySizeWithoutBeingHeld() throws {
        let daemon = try DaemonHarness()
        try daemon.start()
        // A sparse file: a gigabyte to read, almost nothing on disk.
        let hidden = daemon.inbox + "/.zeros.txt"
        let descriptor = open(hidden, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw HarnessError("cannot create \(hidden): errno \(errno)") }
        let sized = ftruncate(descriptor, 1 << 30)
        close(descriptor)
        guard sized == 0, rename(hidden, daemon.inbox + "/zeros.txt") == 0 else {
            throw HarnessError("cannot make the sparse file: errno \(errno)")
        }
        let event = try daemon.waitForEvent("zeros.txt")
        #expect(event.event == .rejected)
        #expect(event.reason?.contains("over the limit") == true, "\(event.reason ?? "no reason")")
        // Only the bytes under the limit (50 MiB by default) may ever be held, never the whole file.
        let peak = try #require(peakResidentKiB(of: daemon))
        #expect(peak < 512 * 1024, "peak resident set \(peak) KiB")

        try daemon.dropByRename(Reports.bytes(1), as: "after.txt")
        #expect(try daemon.waitForEvent("after.txt").event == .added)
        #expect(daemon.stop() == 0)
        daemon.expectRetired(event)
    }

    /// `VmHWM` of the running daemon: the most memory it has held at once.
    private func peakResidentKiB(of daemon: DaemonHarness) -> Int? {
        guard let pid = daemon.process?.processIdentifier,
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return Int(line.split(separator: " ")[1])
    }
}
