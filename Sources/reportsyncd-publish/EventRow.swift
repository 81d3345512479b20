import Foundation
import ReportCore
import SyncEngine

/// One change-log line as a row of `events`, in the JSON that `jsonb_to_recordset` turns into rows: a whole
/// batch goes to the server as one bind parameter, however many lines it holds.
struct EventRow: Encodable, Sendable {
    var seq: Int
    var time: String
    var event: String
    var agency: String?
    var year: Int?
    var contentHash: String?
    var status: String?
    var sourceName: String
    var sourceNameEncoding: String?
    var sourceSha256: String
    var reason: String?
    var previousContentHash: String?
    var changedCells: [String]?
    var duplicateOf: Int?
    /// The record of ``contentHash`` as the mirror holds it, when it still does.
    var record: Record?
    /// The line as the change log has it, for `publish_errors`.
    var line: String

    init(_ event: ChangeEvent, record: Record?) {
        self.seq = event.seq
        self.time = event.time
        self.event = event.event.rawValue
        self.agency = event.agency
        self.year = event.year
        self.contentHash = event.contentHash
        self.status = event.status?.rawValue
        self.sourceName = event.source.name
        self.sourceNameEncoding = event.source.nameEncoding?.rawValue
        self.sourceSha256 = event.source.sha256
        self.reason = event.reason
        self.previousContentHash = event.previousContentHash
        self.changedCells = event.changedCells
        self.duplicateOf = event.duplicateOf
        self.record = record
        self.line = String(decoding: event.jsonLine(), as: UTF8.self)
    }

    /// The columns of `events`, as the table names them: the record and the line go elsewhere.
    private enum CodingKeys: String, CodingKey {
        case seq, time, event, agency, year, status, reason
        case contentHash = "content_hash"
        case sourceName = "source_name"
        case sourceNameEncoding = "source_name_encoding"
        case sourceSha256 = "source_sha256"
        case previousContentHash = "previous_content_hash"
        case changedCells = "changed_cells"
        case duplicateOf = "duplicate_of"
    }

    /// The rows of `events` as one JSON array.
    static func json(_ rows: [EventRow]) -> String {
        // Encoding strings, integers and records cannot fail.
        String(decoding: try! encoder.encode(rows), as: UTF8.self)
    }

    /// The rows with a content as `contents` takes them, each with its record where the mirror held it: the
    /// records travel once, to the one statement that needs them.
    static func contentsJSON(_ rows: [EventRow]) -> String {
        let contents = rows.compactMap { row in
            row.contentHash.map {
                ContentRow(
                    seq: row.seq,
                    time: row.time,
                    agency: row.agency,
                    year: row.year,
                    contentHash: $0,
                    record: row.record
                )
            }
        }
        return String(decoding: try! encoder.encode(contents), as: UTF8.self)
    }

    private struct ContentRow: Encodable {
        var seq: Int
        var time: String
        var agency: String?
        var year: Int?
        var contentHash: String
        /// Encoded as the mirror holds it (its own keys, in camel case).
        var record: Record?

        private enum CodingKeys: String, CodingKey {
            case seq, time, agency, year, record
            case contentHash = "content_hash"
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()
}

extension EventRow {
    /// The rows of `events`, each `added`, `revised` and `duplicate` with its record when `mirror` still
    /// holds that content (one read per agency and year: the mirror holds only the latest).
    static func rows(_ events: [ChangeEvent], mirror: MirrorFolder) -> [EventRow] {
        var records: [String: Record?] = [:]
        return events.map { event in
            guard let agency = event.agency, let year = event.year, let hash = event.contentHash else {
                return EventRow(event, record: nil)
            }
            let key = "\(year)/\(agency)"
            if records[key] == nil { records[key] = .some(mirror.record(agency: agency, year: year)) }
            let record = records[key]!.flatMap { $0.contentHash == hash ? $0 : nil }
            return EventRow(event, record: record)
        }
    }
}
