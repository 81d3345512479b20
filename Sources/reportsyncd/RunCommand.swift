import ArgumentParser
import Foundation
import Logging
import ReportCore
import ServiceLifecycle
import SyncEngine
import SystemdService
import UnixSignals

/// `reportsyncd run`: the inbox daemon. SIGTERM and SIGINT finish the batch in hand and exit 0; SIGHUP reloads the
/// configuration (see ``ConfigurationReloadService``).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch the inbox and ingest every report dropped into it.",
        discussion: """
            Each file gets exactly one event in <mirror>/changes.jsonl (added, revised, duplicate or \
            rejected); reports are mirrored as <mirror>/records/<year>/<agency>.json, originals move to \
            <state>/archive/ or <state>/rejected/. SIGHUP re-reads the configuration: settle and \
            max-file-size take effect at once, the folders need a restart. Exit codes: 66 inbox \
            unusable, 73 a folder cannot be created, 74 start-up I/O error, 75 another daemon holds the \
            state folder, 78 bad configuration.
            """
    )

    @OptionGroup var folders: DaemonConfiguration

    @Option(help: "Seconds a file written in place must stay unchanged before it is read (default 0.5).")
    var settle: Double?

    @Option(help: "Files larger than this are rejected unread (default 50MB).")
    var maxFileSize: String?

    @Option(help: "Where the log goes: journal, console, or auto (the journal when run by systemd).")
    var log: LogDestination = .auto

    @Flag(help: "On the console, each entry's journal fields too (REPORTSYNC_*, MESSAGE_ID, ERRNO).")
    var verbose = false

    func run() async throws {
        let readConfiguration: ConfigurationReloadService.ConfigurationReader = {
            [folders, settle, maxFileSize] () throws(ConfigurationError) in
            try folders.resolve(settle: settle, maxFileSize: maxFileSize)
        }
        let options: DaemonOptions
        do {
            options = try readConfiguration()
        } catch {
            try DaemonFailure(error).exit()
        }
        let target = log.resolve(environment: ProcessInfo.processInfo.environment)
        LoggingSystem.bootstrap { [verbose] in
            EventMessageID(destination: target.makeHandler(label: $0, verbose: verbose))
        }
        let logger = Logger(label: "reportsyncd")
        let notifier = SystemdNotifier(logger: logger)
        let metrics = MetricsTextfile(
            registry: MetricsTextfile.bootstrap(),
            state: StateFolder(root: options.state),
            logger: logger
        )
        let daemon = Daemon(
            options: options,
            parser: ReportParser(pdfText: PopplerPDFText()),
            logger: logger,
            notifier: notifier
        )
        let reload = ConfigurationReloadService(
            daemon: daemon,
            notifier: notifier,
            hangups: await UnixSignalsSequence(trapping: .sighup),
            initial: options,
            readConfiguration: readConfiguration,
            logger: logger
        )
        let group = ServiceGroup(
            configuration: .init(
                services: [DaemonService(daemon: daemon) as any Service, reload, metrics].map {
                    .init(
                        service: $0,
                        successTerminationBehavior: .gracefullyShutdownGroup,
                        failureTerminationBehavior: .gracefullyShutdownGroup
                    )
                },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        do {
            try await group.run()
        } catch let error as DaemonError {
            // The log gets the failure with its ERRNO=; standard error gets the plain line too, unless the
            // console log has just printed it there.
            logger.critical("\(error)", metadata: error.errno.map { ["ERRNO": "\($0.rawValue)"] } ?? [:])
            guard target == .journal else { throw DaemonFailure(error).exitCode }
            try DaemonFailure(error).exit()
        }
    }
}

/// The daemon as a service of the group: graceful shutdown asks it to stop after the batch in hand.
private struct DaemonService: Service {
    let daemon: Daemon

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await daemon.run()
        } onGracefulShutdown: {
            daemon.stop()
        }
    }
}
