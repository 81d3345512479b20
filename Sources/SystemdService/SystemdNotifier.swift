import CSystemd
import Logging
import SyncEngine
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd what the daemon is doing, over `sd_notify(3)`.
///
/// Messages go to the socket in `$NOTIFY_SOCKET`; without it (not started by systemd, or not `Type=notify`) they
/// are no-ops. The watchdog is read once, at creation, with `sd_watchdog_enabled(3)`: when the unit sets
/// `WatchdogSec=`, ``notifyAlive()`` sends `WATCHDOG=1` at most once per half of `$WATCHDOG_USEC`. Those pings
/// come only from `notifyAlive()`, which the ingest loop calls as it turns, so a stuck loop stops them and systemd
/// kills and restarts the service.
public final class SystemdNotifier: ServiceNotifier {
    /// How often a watchdog ping is due: half of `$WATCHDOG_USEC`, or `nil` when the watchdog is off.
    public let watchdogPingInterval: Duration?

    private let lastPing = Mutex<ContinuousClock.Instant?>(nil)
    private let logger: Logger

    /// Creates a notifier that reports failures to send through `logger`.
    public init(logger: Logger) {
        self.logger = logger
        var microseconds: UInt64 = 0
        let enabled = sd_watchdog_enabled(0, &microseconds)
        if enabled > 0 {
            self.watchdogPingInterval = .microseconds(microseconds / 2)
        } else {
            self.watchdogPingInterval = nil
            if enabled < 0 {
                logger.warning(
                    "watchdog settings in WATCHDOG_USEC/WATCHDOG_PID are invalid; no watchdog pings",
                    metadata: ["ERRNO": "\(-enabled)"]
                )
            }
        }
    }

    public func notifyReady(status: String) {
        self.send("READY=1", Self.status(status))
    }

    public func notifyStatus(_ status: String) {
        self.send(Self.status(status))
    }

    public func notifyAlive() {
        guard let interval = self.watchdogPingInterval else { return }
        let now = ContinuousClock.now
        let due = self.lastPing.withLock { last in
            if let last, now - last < interval { return false }
            last = now
            return true
        }
        if due {
            self.send("WATCHDOG=1")
        }
    }

    public func notifyStopping() {
        self.send("STOPPING=1")
    }

    /// The configuration is being re-read (`RELOADING=1`, with the `MONOTONIC_USEC=` that systemd 253's
    /// `Type=notify-reload` asks for); send ``notifyReady(status:)`` again once the new configuration is in force.
    public func notifyReloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let microseconds = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
        self.send("RELOADING=1", "MONOTONIC_USEC=\(microseconds)")
    }

    /// A `STATUS=` assignment; a newline would end the assignment, so it becomes a space.
    private static func status(_ text: String) -> String {
        "STATUS=" + text.replacing("\n", with: " ")
    }

    private func send(_ assignments: String...) {
        let message = assignments.joined(separator: "\n")
        let result = sd_notify(0, message)
        if result < 0 {
            self.logger.warning(
                "could not notify systemd",
                metadata: ["NOTIFY_MESSAGE": "\(message)", "ERRNO": "\(-result)"]
            )
        }
    }
}
