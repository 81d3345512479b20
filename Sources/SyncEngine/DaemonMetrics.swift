import CFileSystem
import CoreMetrics
import ReportCore
import SystemPackage

/// What the daemon counts, through swift-metrics: the ingest loop calls these where an event is
/// decided, a file parsed, the inbox rescanned or an I/O call fails. Whatever `MetricsSystem` was
/// bootstrapped with receives them (`reportsyncd run`: Prometheus, written to `<state>/metrics.prom`);
/// without a bootstrap they cost next to nothing.
public enum DaemonMetrics {
    /// Metric names, as Prometheus shows them.
    public enum Name {
        public static let events = "reportsyncd_events_total"
        public static let rejected = "reportsyncd_rejected_total"
        public static let parseDuration = "reportsyncd_parse_duration_seconds"
        public static let ingestDuration = "reportsyncd_ingest_duration_seconds"
        public static let filesWaiting = "reportsyncd_files_waiting"
        public static let overflows = "reportsyncd_inotify_overflows_total"
        public static let rescans = "reportsyncd_rescans_total"
        public static let ioErrors = "reportsyncd_io_errors_total"
        public static let changeLogBytes = "reportsyncd_changelog_bytes"
        public static let lastSeq = "reportsyncd_last_seq"
        public static let buildInfo = "reportsyncd_build_info"
    }

    /// What each metric means: the `# HELP` lines. swift-prometheus's swift-metrics factory writes
    /// none, and Prometheus's linter (`promtool check metrics`) asks for them.
    public static let help: [String: String] = [
        Name.events: "Change-log events written, by event kind and report status.",
        Name.rejected: "Files set aside as not a report, by reason class.",
        Name.parseDuration: "Time to read one file into a record or a rejection.",
        Name.ingestDuration: "Time from picking a file up to its change-log line being durable.",
        Name.filesWaiting: "Files in the inbox not yet ingested.",
        Name.overflows: "inotify event queue overflows.",
        Name.rescans: "Scans of the whole inbox after start-up, by reason.",
        Name.ioErrors: "Failed system calls, by errno.",
        Name.changeLogBytes: "Size of the change log in bytes.",
        Name.lastSeq: "Seq of the last change-log event.",
        Name.buildInfo: "Always 1; the version of reportsyncd in its label.",
        "reportsyncd_web_requests_total": "Requests answered by reportsyncd-web, by page and status code.",
    ]

    /// `exposition` (the Prometheus text format) with a `# HELP` line before the `# TYPE` line of
    /// each metric that ``help`` describes.
    public static func documented(_ exposition: [UInt8]) -> [UInt8] {
        var text = ""
        for line in String(decoding: exposition, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        {
            if line.hasPrefix("# TYPE "), let name = line.split(separator: " ").dropFirst(2).first,
                let words = help[String(name)]
            {
                text += "# HELP \(name) \(words)\n"
            }
            text += line + "\n"
        }
        return Array(text.dropLast().utf8)
    }

    /// One event whose change-log line is durable: by kind and, for a report, its status; a rejected
    /// file also by the class of its reason.
    static func decided(_ decided: DecidedEvent) {
        let event = decided.event
        let status = event.status?.rawValue ?? "none"
        Counter(label: Name.events, dimensions: [("event", event.event.rawValue), ("status", status)]).increment()
        if let reason = decided.rejection {
            Counter(label: Name.rejected, dimensions: [("reason", reason)]).increment()
        }
    }

    /// The change log after a durable append (and at start): its last seq and its length.
    static func logged(lastSeq: Int, bytes: Int) {
        Gauge(label: Name.lastSeq).record(lastSeq)
        Gauge(label: Name.changeLogBytes).record(bytes)
    }

    /// How long reading one file into a record (or a rejection) took.
    static func parsed(in duration: Duration) {
        Timer(label: Name.parseDuration).recordNanoseconds(duration.nanoseconds)
    }

    /// How long a file took from its batch being picked up to its change-log line being durable.
    static func ingested(in duration: Duration) {
        Timer(label: Name.ingestDuration).recordNanoseconds(duration.nanoseconds)
    }

    /// Files in the inbox not yet ingested.
    static func waiting(_ count: Int) {
        Gauge(label: Name.filesWaiting).record(count)
    }

    /// The inotify queue overflowed.
    static func overflowed() {
        Counter(label: Name.overflows).increment()
    }

    /// The inbox was listed again, for `reason` (`overflow`, `backlog`).
    static func rescanned(_ reason: String) {
        Counter(label: Name.rescans, dimensions: [("reason", reason)]).increment()
    }

    /// A system call failed with `errno`; counted by the errno's name (`ENOSPC` …).
    public static func failed(_ errno: Errno) {
        let name = strerrorname_np(errno.rawValue).map { String(cString: $0) } ?? "\(errno.rawValue)"
        Counter(label: Name.ioErrors, dimensions: [("errno", name)]).increment()
    }
}

extension InboxReader.FileContent {
    /// For a file that is no report, the class of the reason: `NotAReport.Kind`, or `tooLarge`.
    var rejection: String? {
        switch parsed {
        case nil: "tooLarge"
        case .failure(let refusal): refusal.kind.rawValue
        case .success: nil
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    fileprivate var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow
            ? .max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
