import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import SyncEngine

/// Writes the daemon's metrics (swift-metrics, collected by swift-prometheus) to `<state>/metrics.prom`
/// every `interval`, atomically, in the Prometheus text format: node_exporter's textfile collector
/// reads it (`--collector.textfile.directory=<state>`), and `reportsyncd serve` shows it at
/// `/metrics`. The daemon itself never opens a socket. The first write comes one interval after the
/// start (the daemon has made the state folder by then), the last at shutdown.
struct MetricsTextfile: Service {
    let registry: PrometheusCollectorRegistry
    let state: StateFolder
    let logger: Logger
    var interval: Duration = .seconds(10)

    /// A registry that `MetricsSystem` reports to, with `reportsyncd_build_info` set.
    static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        ]
        MetricsSystem.bootstrap(factory)
        Gauge(label: DaemonMetrics.Name.buildInfo, dimensions: [("version", Self.version)]).record(1)
        return registry
    }

    /// The version `reportsyncd_build_info` carries.
    static let version = "0.1.0"

    func run() async throws {
        await cancelWhenGracefulShutdown { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                write()
            }
        }
        write()
    }

    private func write() {
        do {
            try state.writeMetrics(DaemonMetrics.documented(registry.emitToBuffer()))
        } catch {
            DaemonMetrics.failed(error.errno)
            logger.warning(
                "cannot write the metrics textfile: \(error)",
                metadata: ["ERRNO": "\(error.errno.rawValue)"]
            )
        }
    }
}
