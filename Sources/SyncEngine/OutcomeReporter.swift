import Logging

/// The report step of an ingest: one log entry per durable event, with the event's fields as
/// structured metadata (`REPORTSYNC_EVENT`, `REPORTSYNC_SEQ`, …). Which journal `MESSAGE_ID` stands for
/// each kind is the executable's business (it adds it from `REPORTSYNC_EVENT`).
struct OutcomeReporter {
    let logger: Logger

    /// Logs the outcome of a durable event: an error for `rejected`, a warning for an inconsistent
    /// report, otherwise an info line.
    func report(_ event: ChangeEvent) {
        var metadata: Logger.Metadata = [
            "REPORTSYNC_EVENT": "\(event.event.rawValue)",
            "REPORTSYNC_SEQ": "\(event.seq)",
            "REPORTSYNC_FILE": "\(event.source.name)",
            "REPORTSYNC_SHA256": "\(event.source.sha256)",
        ]
        if let agency = event.agency { metadata["REPORTSYNC_AGENCY"] = "\(agency)" }
        if let year = event.year { metadata["REPORTSYNC_YEAR"] = "\(year)" }
        if let status = event.status { metadata["REPORTSYNC_STATUS"] = "\(status.rawValue)" }
        if let contentHash = event.contentHash { metadata["REPORTSYNC_CONTENT_HASH"] = "\(contentHash)" }
        let subject = event.agency.map { "\($0) \(event.year ?? 0)" } ?? event.source.name
        switch (event.event, event.status) {
        case (.rejected, _):
            logger.error("rejected \(event.source.name): \(event.reason ?? "")", metadata: metadata)
        case (_, .inconsistent):
            logger.warning(
                "\(event.event.rawValue) \(subject) (inconsistent) from \(event.source.name)",
                metadata: metadata
            )
        default:
            logger.info("\(event.event.rawValue) \(subject) from \(event.source.name)", metadata: metadata)
        }
    }
}
