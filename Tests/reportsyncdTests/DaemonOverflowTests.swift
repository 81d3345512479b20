import Foundation
import Glibc
import SyncEngine
import Testing

/// inotify's queue overflows while the daemon is stopped: the overflow is logged, the inbox rescanned,
/// and every file ingested exactly once. Needs root (it lowers `fs.inotify.max_queued_events`).
@Suite("Daemon: inotify overflow")
struct DaemonOverflowTests {
    static let sysctl = "/proc/sys/fs/inotify/max_queued_events"

    @Test(.enabled(if: getuid() == 0, "lowering fs.inotify.max_queued_events needs root"))
    func overflowIsFollowedByOneRescanAndNothingIsLost() throws {
        let daemon = try DaemonHarness(settle: 0.05)
        let saved = try String(contentsOfFile: Self.sysctl, encoding: .utf8)
        // The limit is read at inotify_init: lower it only while the daemon starts.
        try "64\n".write(toFile: Self.sysctl, atomically: false, encoding: .utf8)
        do {
            try daemon.start()
        } catch {
            try saved.write(toFile: Self.sysctl, atomically: false, encoding: .utf8)
            throw error
        }
        try saved.write(toFile: Self.sysctl, atomically: false, encoding: .utf8)

        daemon.signal(SIGSTOP)
        // Into the watched inbox itself: a new subfolder would be watched only after SIGCONT, and scanned.
        let names = (0..<1000).map { "report-\($0).txt" }
        for (number, name) in names.enumerated() {
            try daemon.drop(Reports.bytes(number + 1000), as: name)
        }
        daemon.signal(SIGCONT)
        try daemon.waitUntil("all 1,000 files are ingested", patience: 300) {
            daemon.events().count >= names.count && daemon.files(in: daemon.inbox).isEmpty
        }
        #expect(daemon.stop() == 0)

        let log = daemon.logText()
        #expect(log.contains("the inotify event queue overflowed"))
        #expect(log.contains("rescanning the inbox"))
        // The metrics textfile, written at shutdown, counts them.
        let metrics = try String(contentsOfFile: daemon.state + "/metrics.prom", encoding: .utf8)
        #expect(metrics.contains("reportsyncd_inotify_overflows_total "))
        #expect(metrics.contains(#"reportsyncd_rescans_total{reason="overflow"} "#))
        #expect(metrics.contains(#"reportsyncd_events_total{event="added",status="valid"} 1000"#))
        let events = daemon.events()
        #expect(events.count == names.count)
        #expect(Set(events.map(\.source.name)) == Set(names))
        #expect(events.allSatisfy { $0.event == .added })
        for event in events { daemon.expectRetired(event, checkingMirror: false) }
        expectMirrorMatchesChangeLog(daemon, events)
        #expect(daemon.files(in: daemon.state + "/archive").count == names.count)
        #expect(daemon.files(in: daemon.state + "/rejected").isEmpty)
    }
}
