/// What the daemon tells its service manager: when it is ready, what it is doing, that it is alive.
///
/// The executable implements this over `sd_notify`; SyncEngine only calls it, so the engine knows
/// nothing of systemd.
public protocol ServiceNotifier: Sendable {
    /// The inbox is watched and the start-up scan has listed what is waiting (`READY=1`).
    func notifyReady(status: String)
    /// A one-line summary of the current state (`STATUS=`).
    func notifyStatus(_ status: String)
    /// Called from the ingest loop itself, at least once a second while it is healthy (`WATCHDOG=1`).
    func notifyAlive()
    /// Shutdown has begun (`STOPPING=1`).
    func notifyStopping()
}
