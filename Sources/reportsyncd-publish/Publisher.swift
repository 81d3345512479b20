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

    /// One session's worth of publishing, on two connections: the lines, and ahead of them their records
    /// (``ContentRecords``). Returns the mark when `once` and everything is published, or at graceful shutdown.
    private func session(once: Bool, backoff: inout Backoff) async throws -> Int {
        let linesConnection = try await connect(id: 1)
        let recordsConnection: PostgresConnection
        do {
            recordsConnection = try await connect(id: 2)
        } catch {
            Self.abandon(linesConnection)
            throw error
        }
        do {
            let mark = try await publish(
                over: linesConnection,
                recordsOver: recordsConnection,
                once: once,
                backoff: &backoff
            )
            try? await linesConnection.close()
            try? await recordsConnection.close()
            return mark
        } catch {
            Self.abandon(linesConnection)
            Self.abandon(recordsConnection)
            throw error
        }
    }

    private func connect(id: Int) async throws -> PostgresConnection {
        try await PostgresConnection.connect(
            configuration: try options.database.configuration(password: options.password),
            id: id,
            logger: logger
        )
    }

    /// Closes `connection` without waiting: after an abandoned query the close might wait for it. The
    /// connection must live until it is closed.
    private static func abandon(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    private func publish(
        over connection: PostgresConnection,
        recordsOver recordsConnection: PostgresConnection,
        once: Bool,
        backoff: inout Backoff
    ) async throws -> Int {
        _ = try await connection.untilClosed { [logger] in try await Migration.migrate(connection, logger: logger) }
        let database = FleetDatabase(connection: connection, node: options.node, logger: logger)
        let registered = try await connection.untilClosed { try await database.register() }
        let records = try await recordsConnection.untilClosed { [logger] in
            try await ContentRecords.open(recordsConnection, logger: logger)
        }
        var mark = registered.mark
        var follower = ChangeLogFollower(mirror: options.mirror)
        let logged = try follower.next().map(\.event)
        try Self.check(logged, continues: registered, log: follower.path.string)
        logger.info(
            "connected to \(options.database) as node \(options.node); published up to seq \(mark)",
            metadata: ["REPORTSYNC_NODE": "\(options.node)", "REPORTSYNC_SEQ": "\(mark)"]
        )
        backoff.reset()
        var backlog = Backlog(batchSize: options.batchSize, depth: 2) { [options] events, previous in
            Self.stage(events, after: previous, mirror: MirrorFolder(root: options.mirror), records: records)
        }
        defer { backlog.cancel() }
        backlog.append(logged.filter { $0.seq > mark })
        while true {
            while let batch = try await backlog.next() {
                mark = try await publish(batch, to: database, over: connection)
                notifier.notifyStatus("node \(options.node): published up to seq \(mark), \(backlog.count) waiting")
                if Task.isShuttingDownGracefully { return mark }
            }
            if once || Task.isShuttingDownGracefully { return mark }
            try? await cancelWhenGracefulShutdown { [pollInterval] in try await Task.sleep(for: pollInterval) }
            backlog.append(try follower.next().map(\.event).filter { $0.seq > mark })
        }
    }

    /// `events` as a batch read with their records from `mirror`, in a task of its own, the records then
    /// written to the database once the batch staged before has written its own.
    private static func stage(
        _ events: [ChangeEvent],
        after previous: Task<EventBatch, any Error>?,
        mirror: MirrorFolder,
        records: ContentRecords
    ) -> Task<EventBatch, any Error> {
        Task {
            let batch = EventBatch(events, mirror: mirror)
            _ = await previous?.result
            try Task.checkCancellation()
            try await records.storeUntilClosed(batch)
            return batch
        }
    }

    /// Publishes `batch` in one transaction; when the database refuses the data, line by line, each refused
    /// line kept in `publish_errors`. Returns the new mark.
    private func publish(
        _ batch: EventBatch,
        to database: FleetDatabase,
        over connection: PostgresConnection
    )
        async throws -> Int
    {
        do {
            return try await connection.untilClosed { try await database.publish(batch) }
        } catch {
            let failure = DatabaseFailure(error)
            guard failure.refusesData else { throw failure }
        }
        var mark = 0
        for row in batch.rows {
            do {
                mark = try await connection.untilClosed { try await database.publish(EventBatch([row])) }
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
