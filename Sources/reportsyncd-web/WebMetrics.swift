import Metrics
import Prometheus
import SyncEngine

/// The site's own metrics (requests by page and status) and the daemon's, which the daemon writes to
/// `<state>/metrics.prom`: `/metrics` serves both, the daemon's first.
struct WebMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    /// The metrics of `registry`, which `MetricsSystem` has been bootstrapped with.
    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// The largest metrics textfile read.
    static let textfileLimit = 4 << 20

    func count(_ address: SiteAddress?, status: Int) {
        Counter(
            label: "reportsyncd_web_requests_total",
            dimensions: [("page", Self.page(address)), ("code", String(status))]
        ).increment()
    }

    /// The daemon's textfile and then the site's own metrics, in the Prometheus text format.
    func exposition(state: StateFolder) -> [UInt8] {
        var text = state.metricsText(limit: Self.textfileLimit) ?? []
        if let last = text.last, last != UInt8(ascii: "\n") { text.append(UInt8(ascii: "\n")) }
        text += DaemonMetrics.documented(registry.emitToBuffer())
        return text
    }

    /// Files waiting in the inbox as the daemon last counted them (`reportsyncd_files_waiting`).
    func waiting(in state: StateFolder) -> Int? {
        guard let text = state.metricsText(limit: Self.textfileLimit) else { return nil }
        let prefix = "reportsyncd_files_waiting "
        for line in String(decoding: text, as: UTF8.self).split(separator: "\n") where line.hasPrefix(prefix) {
            return Double(line.dropFirst(prefix.count)).map { Int($0) }
        }
        return nil
    }

    private static func page(_ address: SiteAddress?) -> String {
        switch address {
        case .overview: "overview"
        case .report: "report"
        case .agency: "agency"
        case .rejected: "rejected"
        case .original: "original"
        case .export: "export"
        case .metrics: "metrics"
        case .health: "healthz"
        case .stylesheet: "stylesheet"
        case nil: "not_found"
        }
    }
}
