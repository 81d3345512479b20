import Logging
import Testing

@testable import SystemdService

#if canImport(Glibc)
import Glibc
#endif

/// ``SystemdNotifier`` sending to a notify socket the test owns, as systemd's would receive it.
///
/// `sd_notify` and `sd_watchdog_enabled` read `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from the process
/// environment, so these tests set them, run one at a time, and remove them when done.
@Suite(.serialized) final class NotifierProtocolTests {
    private let socket: UnixDatagramSocket

    init() throws {
        self.socket = try UnixDatagramSocket()
    }

    deinit {
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"] {
            unsetenv(name)
        }
    }

    @Test func readyStatusReloadingAndStoppingArriveInOrder() throws {
        let notifier = self.notifier(watchdogMicroseconds: nil)
        notifier.notifyReady(status: "watching /srv/reportsync/inbox: 0 added, 0 waiting")
        notifier.notifyStatus("watching /srv/reportsync/inbox: 1 added,\n0 waiting")
        notifier.notifyReloading()
        notifier.notifyReady(status: "reloaded")
        notifier.notifyStopping()

        #expect(try self.socket.receive() == "READY=1\nSTATUS=watching /srv/reportsync/inbox: 0 added, 0 waiting")
        #expect(try self.socket.receive() == "STATUS=watching /srv/reportsync/inbox: 1 added, 0 waiting")
        let reloading = try self.socket.receive().split(separator: "\n")
        #expect(reloading.first == "RELOADING=1")
        #expect(reloading.dropFirst().first?.wholeMatch(of: /MONOTONIC_USEC=[0-9]+/) != nil)
        #expect(try self.socket.receive() == "READY=1\nSTATUS=reloaded")
        #expect(try self.socket.receive() == "STOPPING=1")
    }

    @Test func watchdogPingsKeepComingWhileTheLoopReportsAlive() throws {
        let notifier = self.notifier(watchdogMicroseconds: 20_000)
        #expect(notifier.watchdogPingInterval == .milliseconds(10))

        var pings = 0
        for _ in 0..<2_000 where pings < 3 {
            notifier.notifyAlive()
            pings += try self.socket.receiveWaiting().filter { $0 == "WATCHDOG=1" }.count
            usleep(5_000)
        }
        #expect(pings >= 3)
    }

    @Test func watchdogPingsAtMostOncePerHalfInterval() throws {
        let notifier = self.notifier(watchdogMicroseconds: 3_600_000_000)
        for _ in 0..<100 {
            notifier.notifyAlive()
        }
        notifier.notifyStopping()

        #expect(try self.socket.receive() == "WATCHDOG=1")
        #expect(try self.socket.receive() == "STOPPING=1")
    }

    @Test func noPingsWithoutWatchdogSettings() throws {
        try self.expectNoPings(from: self.notifier(watchdogMicroseconds: nil))
    }

    @Test func noPingsWhenTheWatchdogIsMeantForAnotherProcess() throws {
        try self.expectNoPings(from: self.notifier(watchdogMicroseconds: 20_000, watchdogPID: getppid()))
    }

    private func expectNoPings(from notifier: SystemdNotifier) throws {
        #expect(notifier.watchdogPingInterval == nil)
        notifier.notifyAlive()
        notifier.notifyStopping()
        #expect(try self.socket.receive() == "STOPPING=1")
    }

    /// A notifier created with the notify environment pointing at this test's socket.
    private func notifier(watchdogMicroseconds: Int?, watchdogPID: pid_t = getpid()) -> SystemdNotifier {
        setenv("NOTIFY_SOCKET", self.socket.path, 1)
        if let watchdogMicroseconds {
            setenv("WATCHDOG_USEC", "\(watchdogMicroseconds)", 1)
        } else {
            unsetenv("WATCHDOG_USEC")
        }
        setenv("WATCHDOG_PID", "\(watchdogPID)", 1)
        return SystemdNotifier(logger: Logger(label: "reportsyncd.tests"))
    }
}
