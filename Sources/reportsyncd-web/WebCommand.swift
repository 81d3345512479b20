import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import SystemPackage

/// `reportsyncd-web`: the read-only status page of a mirror, its change log and its state folder.
/// `reportsyncd serve` runs it.
@main
struct WebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reportsyncd-web",
        abstract: "Serve a read-only status page of a reportsyncd mirror, and its metrics.",
        discussion: """
            Pages: / (overview), /reports/<year>/<agency>, /agencies/<agency>, /rejected; \
            /metrics (Prometheus), /healthz. Nothing is ever written.
            """
    )

    @Option(help: "The mirror folder (records/ and changes.jsonl); default $REPORTSYNCD_MIRROR or ./var/mirror.")
    var mirror: String = ProcessInfo.processInfo.environment["REPORTSYNCD_MIRROR"] ?? "var/mirror"

    @Option(help: "The state folder (archive/, rejected/, metrics.prom); default $REPORTSYNCD_STATE or ./var/state.")
    var state: String = ProcessInfo.processInfo.environment["REPORTSYNCD_STATE"] ?? "var/state"

    @Option(help: "HOST:PORT to listen on; loopback unless told otherwise.")
    var listen: String = "127.0.0.1:8087"

    func run() async throws {
        let (host, port) = try Self.address(listen)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let logger = Logger(label: "reportsyncd-web")
        let index = MirrorIndex(mirror: FilePath(mirror), state: FilePath(state))
        _ = try await index.refresh()
        let site = Site(index: index, metrics: WebMetrics(registry: registry))
        let application = Application(
            responder: site,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                logger.info("listening on \(channel.localAddress.map { "\($0)" } ?? "?")")
            },
            logger: logger
        )
        try await application.runService()
    }

    /// `HOST:PORT` (`[::1]:8087` for IPv6) as its parts.
    static func address(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw ValidationError("--listen wants HOST:PORT, not \(text)") }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ValidationError("--listen wants HOST:PORT, not \(text)") }
        return (host, port)
    }
}
