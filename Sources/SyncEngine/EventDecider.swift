import ReportCore
import SystemPackage

/// The decide step of an ingest: what a file read from the inbox becomes (`added`, `revised`,
/// `duplicate` or `rejected`), given the ``DedupIndex`` and the records of the batch so far.
struct EventDecider {
    let mirror: Mirror
    /// The size limit the files were read with, named in the reason of a file over it.
    let maxFileSize: Int

    /// Fills in `event` from the file's content; returns the record to write to the mirror, if any.
    /// `staged` holds the records this batch has already decided on, by record path: a revision compares
    /// with them before the mirror.
    func decide(
        _ file: InboxReader.FileContent,
        into event: inout ChangeEvent,
        index: DedupIndex,
        staged: [FilePath: Record]
    ) -> Record? {
        guard let parsed = file.parsed else {
            event.reason = "the file is \(file.size) bytes, over the limit of \(maxFileSize) bytes"
            return nil
        }
        let record: Record
        switch parsed {
        case .failure(let notAReport):
            event.reason = notAReport.reason
            return nil
        case .success(let parsed):
            record = parsed
        }
        event.agency = record.agency
        event.year = record.year
        event.contentHash = record.contentHash
        event.status = record.validation.status
        let decision = index.decide(
            sha256: event.source.sha256,
            agency: record.agency,
            year: record.year,
            contentHash: record.contentHash
        )
        switch decision {
        case .duplicate(let first):
            event.event = .duplicate
            event.duplicateOf = first
            return nil
        case .added:
            event.event = .added
        case .revised(let previous):
            event.event = .revised
            event.previousContentHash = previous.contentHash
            let previousRecord =
                staged[mirror.recordPath(agency: record.agency, year: record.year)]
                ?? mirror.record(agency: record.agency, year: record.year)
            event.changedCells = Self.changedCells(from: previousRecord, to: record)
        }
        return record
    }

    /// The event a file already logged is retired under again: its logged seq, time, kind and reason (a
    /// rejected file's `.reason.json` repeats them), never a new line.
    func event(alreadyLogged logged: DedupIndex.Logged, source: ChangeEvent.Source) -> ChangeEvent {
        var event = ChangeEvent(seq: logged.seq, time: logged.time ?? "", event: logged.event, source: source)
        event.reason = logged.reason
        return event
    }

    /// The keys of the cells of `record` whose values differ from `previous` (all of them when there is none).
    private static func changedCells(from previous: Record?, to record: Record) -> [String] {
        let before = previous?.cellValues ?? []
        let old = Dictionary(before.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        return record.cellValues.filter { old[$0.key] != $0.value }.map(\.key)
    }
}
