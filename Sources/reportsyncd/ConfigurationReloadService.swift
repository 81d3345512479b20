import Foundation
import Logging
import ServiceLifecycle
import SyncEngine
import SystemPackage
import SystemdService
import UnixSignals

/// Reloads the configuration on SIGHUP, which is how `systemctl reload reportsyncd` asks for it.
///
/// Each SIGHUP sends `RELOADING=1`, reads the configuration again exactly as at start (flags, then the
/// environment, then the config file), applies the settle interval and the size limit to the running ``Daemon``,
/// logs what changed, and sends `READY=1` with the daemon's current status. The folders cannot change under a
/// running daemon: a new inbox, mirror or state folder is logged as needing a restart and the running ones stay.
/// A configuration that cannot be read is logged and the running one stays whole. A SIGHUP before the start-up
/// scan is done applies the settings; the daemon's own `READY=1` then ends the reload.
///
/// Runs beside the daemon's service in the `ServiceGroup` and ends with the group's graceful shutdown.
struct ConfigurationReloadService: Service {
    /// Reads the configuration as `reportsyncd run` did at start.
    typealias ConfigurationReader = @Sendable () throws(ConfigurationError) -> DaemonOptions

    let daemon: Daemon
    let notifier: SystemdNotifier
    /// SIGHUP, trapped before the group starts so that none is missed (its default action ends the process).
    let hangups: UnixSignalsSequence
    /// The configuration the daemon was started with.
    let initial: DaemonOptions
    let readConfiguration: ConfigurationReader
    let logger: Logger

    func run() async {
        var running = self.initial
        for await _ in self.hangups.cancelOnGracefulShutdown() {
            self.notifier.notifyReloading()
            running = self.reload(running)
            if let status = self.daemon.status {
                self.notifier.notifyReady(status: status)
            }
        }
    }

    /// Reads the configuration again and applies what may change while running; returns the configuration now in
    /// force.
    private func reload(_ running: DaemonOptions) -> DaemonOptions {
        let read: DaemonOptions
        do {
            read = try self.readConfiguration()
        } catch {
            self.logger.warning("cannot reload the configuration, keeping the running one: \(error)")
            return running
        }
        var applied = running
        applied.settleInterval = read.settleInterval
        applied.maxFileSize = read.maxFileSize
        self.daemon.reload(settleInterval: applied.settleInterval, maxFileSize: applied.maxFileSize)

        var changes: [String] = []
        if applied.settleInterval != running.settleInterval {
            let (before, after) = (Self.seconds(running.settleInterval), Self.seconds(applied.settleInterval))
            changes.append("settle \(before) s → \(after) s")
        }
        if applied.maxFileSize != running.maxFileSize {
            changes.append("max-file-size \(running.maxFileSize) → \(applied.maxFileSize) bytes")
        }
        if changes.isEmpty {
            self.logger.info("reloaded the configuration: nothing to change")
        } else {
            self.logger.notice("reloaded the configuration: \(changes.joined(separator: ", "))")
        }

        let folders: [(name: String, path: KeyPath<DaemonOptions, FilePath>)] = [
            ("inbox", \.inbox), ("mirror", \.mirror), ("state", \.state),
        ]
        let moved = folders.filter { read[keyPath: $0.path] != running[keyPath: $0.path] }.map {
            "\($0.name) \(running[keyPath: $0.path]) → \(read[keyPath: $0.path])"
        }
        if !moved.isEmpty {
            self.logger.warning(
                """
                a changed folder takes effect only after a restart of reportsyncd; still using the running one: \
                \(moved.joined(separator: ", "))
                """
            )
        }
        return applied
    }

    /// `1.5` for one and a half seconds, `600` for ten minutes, as the config file writes them.
    private static func seconds(_ duration: Duration) -> String {
        String(format: "%g", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
