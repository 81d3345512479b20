import Foundation
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
    /// The record of ``contentHash``, the JSON text of the mirror's file, when the mirror still holds it.
    var record: String?
    /// The line this row was made of.
    private var changeEvent: ChangeEvent

    init(_ event: ChangeEvent, record: String?) {
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
        self.changeEvent = event
    }

    /// The line as the change log has it, for `publish_errors`.
    var line: String { String(decoding: changeEvent.jsonLine(), as: UTF8.self) }

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
        // Encoding strings and integers cannot fail.
        String(decoding: try! encoder.encode(rows), as: UTF8.self)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()
}

extension EventRow {
    /// The rows of `events`, each `added`, `revised` and `duplicate` with its record when `mirror` still
    /// holds that content (one read per agency and year: the mirror holds only the latest). The record file is
    /// written whole by the daemon (temp file, rename) and passed on as it is, without decoding it.
    static func rows(_ events: [ChangeEvent], mirror: MirrorFolder) -> [EventRow] {
        // Keyed by bytes: two spellings of an agency that Swift takes as equal are two files.
        var files: [[UInt8]: Data?] = [:]
        var texts: [[UInt8]: String] = [:]
        return events.map { event in
            guard let agency = event.agency, let year = event.year, let hash = event.contentHash else {
                return EventRow(event, record: nil)
            }
            let key = Array("\(year)/\(agency)".utf8)
            if files[key] == nil {
                files[key] = .some(
                    FileManager.default.contents(atPath: mirror.recordPath(agency: agency, year: year).string)
                )
            }
            // The mirror writes records pretty-printed (`"contentHash" : "…"`); compact JSON is matched too.
            guard let file = files[key]!,
                [#""contentHash" : "\#(hash)""#, #""contentHash":"\#(hash)""#].contains(where: {
                    file.range(of: Data($0.utf8)) != nil
                })
            else { return EventRow(event, record: nil) }
            if texts[key] == nil { texts[key] = String(decoding: file, as: UTF8.self) }
            return EventRow(event, record: texts[key])
        }
    }
}
