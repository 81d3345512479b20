import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import SyncEngine
import SystemdService

/// `reportsyncd-publish`: one node's change log and records into the fleet's PostgreSQL database, exactly once.
@main
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reportsyncd-publish",
        abstract: "Publish a reportsyncd node's change log and records to PostgreSQL, exactly once.",
        discussion: """
            Tails <mirror>/changes.jsonl (read-only) and writes every line to the events table, each content \
            once to contents, and the fleet's current record of each agency and year to records (the content \
            whose first appearance is the latest), with their findings. The schema is created and migrated \
            by the publisher. Each batch is one transaction with the node's high-water mark \
            (nodes.published_seq): a restart resumes from it. The password comes from \
            --database-password-file or systemd's LoadCredential=database-password, never from the URL. \
            SIGTERM ends it after the batch in hand. Exit codes: 0 done (--once: all of the change log is in \
            the database), 75 the database or the change log failed (--once) or another publisher holds \
            the state folder, 78 bad configuration.
            """
    )

    @OptionGroup var settings: PublishConfiguration

    @Flag(help: "Publish what the change log holds now and exit: 0 when all of it is in the database.")
    var once = false

    @Option(help: "Change-log lines per transaction (default \(PublishOptions.defaultBatchSize)).")
    var batchSize: Int?

    @Option(help: "Where the log goes: journal, console, or auto (the journal when run by systemd).")
    var log: LogDestination = .auto

    func run() async throws {
        var options: PublishOptions
        do {
            options = try settings.resolve()
        } catch {
            try Self.exit("\(error)", code: 78)  // EX_CONFIG
        }
        if let batchSize {
            guard batchSize > 0 else { try Self.exit("--batch-size must be at least 1", code: 78) }
            options.batchSize = batchSize
        }
        let target = log.resolve(environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { target.makeHandler(label: $0, identifier: "reportsyncd-publish") }
        let logger = Logger(label: "reportsyncd-publish")
        let lock: PublisherLock
        do {
            lock = try PublisherLock(state: options.state)
        } catch {
            try Self.exit("\(error)", code: 75)  // EX_TEMPFAIL
        }
        defer { withExtendedLifetime(lock) {} }
        let notifier = SystemdNotifier(logger: logger)
        let publisher = Publisher(options: options, notifier: notifier, logger: logger)
        if once {
            do {
                let mark = try await publisher.publishOnce()
                logger.info("published node \(options.node) up to seq \(mark)")
            } catch {
                try Self.exit("\(DatabaseFailure(error))", code: 75)  // EX_TEMPFAIL
            }
            return
        }
        notifier.notifyReady(status: "node \(options.node): connecting to \(options.database)")
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: PublisherService(publisher: publisher))],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
        notifier.notifyStopping()
    }

    /// Prints `reportsyncd-publish: <message>` on stderr and exits with `code` (sysexits.h).
    private static func exit(_ message: String, code: Int32) throws -> Never {
        FileHandle.standardError.write(Data("reportsyncd-publish: \(message)\n".utf8))
        throw ExitCode(code)
    }
}

/// The publisher as the group's one service: graceful shutdown ends it after the batch in hand.
private struct PublisherService: Service {
    let publisher: Publisher

    func run() async throws {
        await publisher.run()
    }
}
