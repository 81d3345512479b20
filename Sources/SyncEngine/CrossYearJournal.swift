import Logging
import ReportCore

/// The ingest journal's cross-year warnings: once an `added` or `revised` event is durable, its
/// record is checked against the same agency's records of the year before and the year after
/// already in the mirror (`CrossYearCheck`: `crossYear.carryOver`, `crossYear.inForce`,
/// `crossYear.copiedProblems`), and each disagreement is one warning entry with `REPORTSYNC_RULE`.
///
/// Nothing is written: the record stays a function of its own bytes, and the change log is not
/// touched. Like every journal entry, these are sent after the change log and may be lost in a
/// crash; `reportsyncd status` and `export` recompute them from the mirror.
struct CrossYearJournal {
    let mirror: Mirror
    let logger: Logger

    /// Logs the cross-year findings between the record of each of `events` and its mirrored neighbours;
    /// `index` (which holds every current agency and year) tells which records have neighbours, so
    /// that the common case, a record without any, costs no file system call.
    func check(_ events: [ChangeEvent], index: DedupIndex) {
        for event in events where event.event == .added || event.event == .revised {
            guard let agency = event.agency, let year = event.year else { continue }
            let neighbours = [year - 1, year + 1].filter {
                index.current[DedupIndex.AgencyYear(agency: agency, year: $0)] != nil
            }
            if !neighbours.isEmpty { check(event, agency: agency, year: year) }
        }
    }

    /// Logs the cross-year findings between the record of `event` and its mirrored neighbours.
    private func check(_ event: ChangeEvent, agency: String, year: Int) {
        let previous = mirror.record(agency: agency, year: year - 1)
        let next = mirror.record(agency: agency, year: year + 1)
        guard let record = mirror.record(agency: agency, year: year),
            record.contentHash == event.contentHash
        else { return }
        var findings: [CrossYearFinding] = []
        if let previous { findings += CrossYearCheck.findings(previous: previous, current: record) }
        if let next { findings += CrossYearCheck.findings(previous: record, current: next) }
        for finding in findings {
            logger.warning(
                """
                \(finding.finding.rule) \(finding.record.agency) \(finding.record.year) vs \(finding.other.year): \
                \(finding.finding.message)
                """,
                metadata: [
                    "REPORTSYNC_RULE": "\(finding.finding.rule)",
                    "REPORTSYNC_SEQ": "\(event.seq)",
                    "REPORTSYNC_AGENCY": "\(finding.record.agency)",
                    "REPORTSYNC_YEAR": "\(finding.record.year)",
                    "REPORTSYNC_OTHER_YEAR": "\(finding.other.year)",
                    "REPORTSYNC_CELLS": "\(finding.finding.cells.joined(separator: " "))",
                ]
            )
        }
    }
}
