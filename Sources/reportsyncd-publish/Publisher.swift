import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle
import SyncEngine
import SystemdService

/// Copies one node's change log, and the records its mirror holds, into the fleet database, exactly once.
///
/// A session connects, migrates the schema, reads the node's high-water mark from the database (never from a
/// local file) and then publishes every line after it, batch by batch, each batch in one transaction with the
/// mark (``FleetDatabase``). Any failure ends the session: the publisher says so in the journal and in
/// `STATUS=`, waits (``Backoff``: 1 s doubling to 60 s) and starts a new one, which resumes from the mark.
/// The ingest daemon never waits for it: it only reads what the daemon has already written.
struct Publisher: Sendable {
    let options: PublishOptions
    let notifier: any ServiceNotifier
    let logger: Logger
    /// How often the change log is looked at for new lines once everything is published.
    var pollInterval: Duration = .milliseconds(20)

    /// Publishes what the change log holds now, then returns the node's mark: `--once`.
    func publishOnce() async throws -> Int {
        var backoff = Backoff()
        return try await session(once: true, backoff: &backoff)
    }

    /// Publishes until graceful shutdown (SIGTERM), which ends it after the batch in hand.
    func run() async {
        var backoff = Backoff()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                _ = try await session(once: false, backoff: &backoff)
            } catch {
                let failure = DatabaseFailure(error)
                let wait = backoff.wait()
                logger.error(
                    "cannot publish to \(options.database): \(failure); retrying in \(wait.components.seconds) s",
                    metadata: failure.sqlState.map { ["SQLSTATE": "\($0)"] } ?? [:]
                )
                notifier.notifyStatus("database unavailable, retrying in \(wait.components.seconds) s: \(failure)")
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
            }
        }
    }

    /// One connection's worth of publishing; returns the mark when `once` and everything is published, or at
    /// graceful shutdown.
    private func session(once: Bool, backoff: inout Backoff) async throws -> Int {
        let connection = try await PostgresConnection.connect(
            configuration: try options.database.configuration(password: options.password),
            id: 1,
            logger: logger
        )
        do {
            let mark = try await publish(over: connection, once: once, backoff: &backoff)
            try? await connection.close()
            return mark
        } catch {
            // Not awaited: after an abandoned query the close might wait for it.
            // The connection must live until it is closed.
            let closing: EventLoopFuture<Void> = connection.close()
            closing.whenComplete { _ in withExtendedLifetime(connection) {} }
            throw error
        }
    }

    private func publish(over connection: PostgresConnection, once: Bool, backoff: inout Backoff) async throws -> Int {
        _ = try await connection.untilClosed { [logger] in try await Migration.migrate(connection, logger: logger) }
        let database = FleetDatabase(connection: connection, node: options.node, logger: logger)
        let registered = try await connection.untilClosed { try await database.register() }
        var mark = registered.mark
        var follower = ChangeLogFollower(mirror: options.mirror)
        var pending = try follower.next().map(\.event)
        try Self.check(pending, continues: registered, log: follower.path.string)
        pending.removeAll { $0.seq <= mark }
        logger.info(
            "connected to \(options.database) as node \(options.node); published up to seq \(mark)",
            metadata: ["REPORTSYNC_NODE": "\(options.node)", "REPORTSYNC_SEQ": "\(mark)"]
        )
        backoff.reset()
        let mirror = MirrorFolder(root: options.mirror)
        while true {
            while !pending.isEmpty {
                let batch = Array(pending.prefix(options.batchSize))
                mark = try await publish(EventRow.rows(batch, mirror: mirror), to: database, over: connection)
                pending.removeFirst(batch.count)
                notifier.notifyStatus("node \(options.node): published up to seq \(mark), \(pending.count) waiting")
                if Task.isShuttingDownGracefully { return mark }
            }
            if once || Task.isShuttingDownGracefully { return mark }
            try? await cancelWhenGracefulShutdown { [pollInterval] in try await Task.sleep(for: pollInterval) }
            pending = try follower.next().map(\.event).filter { $0.seq > mark }
        }
    }

    /// Publishes `rows` in one transaction; when the database refuses the data, line by line, each refused
    /// line kept in `publish_errors`. Returns the new mark.
    private func publish(
        _ rows: [EventRow],
        to database: FleetDatabase,
        over connection: PostgresConnection
    )
        async throws -> Int
    {
        do {
            return try await connection.untilClosed { try await database.publish(rows) }
        } catch {
            let failure = DatabaseFailure(error)
            guard failure.refusesData else { throw failure }
        }
        var mark = 0
        for row in rows {
            do {
                mark = try await connection.untilClosed { try await database.publish([row]) }
            } catch {
                let failure = DatabaseFailure(error)
                guard failure.refusesData, let sqlState = failure.sqlState else { throw failure }
                try await connection.untilClosed {
                    try await database.refuse(row, sqlState: sqlState, error: failure.description)
                }
                mark = row.seq
                logger.error(
                    "the database refused change-log line \(row.seq); kept in publish_errors: \(failure)",
                    metadata: ["REPORTSYNC_SEQ": "\(row.seq)", "SQLSTATE": "\(sqlState)"]
                )
            }
        }
        return mark
    }

    /// Throws when the change log is not the one the database's mark was taken from: it ends before the
    /// mark, or its line at the mark is another file's (the log was rebuilt or replaced).
    private static func check(
        _ events: [ChangeEvent],
        continues registered: (mark: Int, sha256: String?),
        log: String
    ) throws(PublishError) {
        guard registered.mark > 0 else { return }
        guard let line = events.first(where: { $0.seq == registered.mark }) else {
            throw .logBehindDatabase(log: log, last: events.last?.seq ?? 0, mark: registered.mark)
        }
        if let sha256 = registered.sha256, line.source.sha256 != sha256 {
            throw .logReplaced(log: log, seq: registered.mark)
        }
    }
}

/// The change log does not continue what the database holds of this node, or the server went away.
enum PublishError: Error, CustomStringConvertible {
    case logBehindDatabase(log: String, last: Int, mark: Int)
    case logReplaced(log: String, seq: Int)
    case connectionClosed

    var description: String {
        switch self {
        case .logBehindDatabase(let log, let last, let mark):
            "the change log \(log) ends at seq \(last) but the database holds this node's lines up to \(mark): "
                + "was the change log rebuilt, or is --node another node's name?"
        case .logReplaced(let log, let seq):
            "line \(seq) of the change log \(log) is another file than the database holds for it: "
                + "was the change log replaced, or is --node another node's name?"
        case .connectionClosed:
            "the server closed the connection"
        }
    }
}
