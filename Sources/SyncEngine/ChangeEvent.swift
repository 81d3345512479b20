import Foundation
import ReportCore
import SystemPackage

/// One line of the change log (`<mirror>/changes.jsonl`): the outcome of ingesting one file.
///
/// Field names are the contract of `docs/record.md`; `agency`, `year`, `contentHash` and
/// `status` are absent for `rejected`.
public struct ChangeEvent: Codable, Sendable, Equatable {
    /// Strictly increasing over the log, from 1.
    public var seq: Int
    /// RFC 3339, UTC.
    public var time: String
    public var event: ChangeEventKind
    public var source: Source
    /// The report's issuing body (not for `rejected`).
    public var agency: String?
    /// The report's statistics year (not for `rejected`).
    public var year: Int?
    /// `sha256:<hex>` over the report's canonical content (not for `rejected`).
    public var contentHash: String?
    /// `valid` or `inconsistent` (not for `rejected`).
    public var status: Record.Validation.Status?
    /// `revised`: the content hash of the record it replaced.
    public var previousContentHash: String?
    /// `revised`: the keys of the cells whose values changed.
    public var changedCells: [String]?
    /// `duplicate`: the seq of the event that first ingested these bytes or this content.
    public var duplicateOf: Int?
    /// `rejected`: why the file is not a report.
    public var reason: String?

    /// The file an event is about.
    public struct Source: Codable, Sendable, Equatable, Hashable {
        /// The path relative to the inbox, `/`-separated; a name that is not UTF-8 is spelled as
        /// ``nameEncoding`` says.
        public var name: String
        /// How ``name`` spells a name that is not UTF-8; `nil` (and absent from the JSON) for a UTF-8 name.
        public var nameEncoding: NameEncoding?
        /// Lower-case hex SHA-256 of the file's bytes.
        public var sha256: String

        public init(name: String, nameEncoding: NameEncoding? = nil, sha256: String) {
            self.name = name
            self.nameEncoding = nameEncoding
            self.sha256 = sha256
        }

        /// The source of the inbox file at `path` (relative to the inbox), its name spelled from its bytes.
        public init(path: FilePath, sha256: String) {
            let (name, encoding) = NameEncoding.spelling(of: path.bytes)
            self.init(name: name, nameEncoding: encoding, sha256: sha256)
        }

        /// The file's path relative to the inbox, byte for byte as it was in the inbox.
        public var path: FilePath {
            FilePath(bytes: NameEncoding.bytes(of: name, in: nameEncoding))
        }
    }

    /// An event with the fields every kind carries; the caller fills in the rest.
    public init(seq: Int, time: String, event: ChangeEventKind, source: Source) {
        self.seq = seq
        self.time = time
        self.event = event
        self.source = source
    }

    /// The event as one JSON line, without the newline.
    public func jsonLine() -> [UInt8] {
        // Encoding strings and integers cannot fail.
        Array(try! Self.encoder.encode(self))
    }

    /// Reads one change-log line.
    public init(jsonLine: some Collection<UInt8>) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(jsonLine))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// `time` for an event written now.
    static func timestamp() -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date())
    }
}
