import Foundation
import SyncEngine

/// One change-log line as a row of `events`, in the JSON that `jsonb_to_recordset` turns into rows: a whole
/// batch goes to the server as one bind parameter, however many lines it holds.
struct EventRow: Encodable, Sendable {
    /// The line this row is made of.
    let event: ChangeEvent
    /// The record of the line's content, the JSON text of the mirror's file, when the mirror still holds it.
    let record: String?

    init(_ event: ChangeEvent, record: String?) {
        self.event = event
        self.record = record
    }

    var seq: Int { event.seq }
    var time: String { event.time }
    var agency: String? { event.agency }
    var year: Int? { event.year }
    var contentHash: String? { event.contentHash }

    /// The line as the change log has it, for `publish_errors`.
    var line: String { String(decoding: event.jsonLine(), as: UTF8.self) }

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

    func encode(to encoder: any Encoder) throws {
        var row = encoder.container(keyedBy: CodingKeys.self)
        try row.encode(event.seq, forKey: .seq)
        try row.encode(event.time, forKey: .time)
        try row.encode(event.event.rawValue, forKey: .event)
        try row.encodeIfPresent(event.agency, forKey: .agency)
        try row.encodeIfPresent(event.year, forKey: .year)
        try row.encodeIfPresent(event.contentHash, forKey: .contentHash)
        try row.encodeIfPresent(event.status?.rawValue, forKey: .status)
        try row.encode(event.source.name, forKey: .sourceName)
        try row.encodeIfPresent(event.source.nameEncoding?.rawValue, forKey: .sourceNameEncoding)
        try row.encode(event.source.sha256, forKey: .sourceSha256)
        try row.encodeIfPresent(event.reason, forKey: .reason)
        try row.encodeIfPresent(event.previousContentHash, forKey: .previousContentHash)
        try row.encodeIfPresent(event.changedCells, forKey: .changedCells)
        try row.encodeIfPresent(event.duplicateOf, forKey: .duplicateOf)
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
