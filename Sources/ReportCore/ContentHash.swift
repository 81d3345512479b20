import Crypto

/// The canonical content of a report and its hash: equal for the same report in any layout or
/// encoding, different when one cell or one sentence changes.
///
/// The canonical content is one JSON object of `agency`, `year`, `active`, `requests`, `reviews` and
/// `sections`, serialised with sorted keys and no spaces, as UTF-8: what `JSONEncoder` writes with
/// `[.sortedKeys, .withoutEscapingSlashes]` (it is `Encodable` so that tests can check that), written
/// by ``CanonicalJSONWriter``.
struct CanonicalContent: Encodable, CanonicalJSONWritable {
    var agency: String
    var year: Int
    /// The edition, which gives table 2's shape.
    var edition: Edition
    /// The values of the three tables.
    var cells: TableCells
    var sections: Record.Sections

    /// The canonical JSON bytes.
    var bytes: [UInt8] {
        CanonicalJSONWriter.bytes(of: self, stringBytes: agency.utf8.count + sections.utf8Count)
    }

    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("active", Table(tree: edition.tree, cells: cells))
            object.member("agency", agency)
            object.member("requests", Table(tree: Template.requestsTree, cells: cells))
            object.member("reviews", Table(tree: Template.reviewsTree, cells: cells))
            object.member("sections", sections)
            object.member("year", year)
        }
    }

    /// One table, written from the cells through its tree.
    private struct Table: CanonicalJSONWritable {
        var tree: CellTree
        var cells: TableCells

        func write(to writer: inout CanonicalJSONWriter) {
            writer.write(tree, of: cells)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case agency, year, active, requests, reviews, sections
    }

    /// The same content as the record holds it, its tables typed: what `JSONEncoder` must write
    /// byte for byte as the writer does.
    func encode(to encoder: any Encoder) throws {
        let tables = cells.tables(edition)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(agency, forKey: .agency)
        try container.encode(year, forKey: .year)
        try container.encode(tables.active, forKey: .active)
        try container.encode(tables.requests, forKey: .requests)
        try container.encode(tables.reviews, forKey: .reviews)
        try container.encode(sections, forKey: .sections)
    }

    /// `sha256:<64 hex>` of the canonical bytes.
    var hash: String {
        "sha256:" + SHA256.hash(data: bytes).hexString
    }
}

extension Record.Sections {
    /// The length of the three texts in UTF-8.
    fileprivate var utf8Count: Int {
        overview.utf8.count + problems.utf8.count + other.utf8.count
    }
}

extension Sequence<UInt8> {
    /// Lower-case hexadecimal digits, as `source.sha256` and `contentHash` spell a digest.
    public var hexString: String {
        var digits: [UInt8] = []
        digits.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            digits.append(CanonicalJSONWriter.hexDigits[Int(byte >> 4)])
            digits.append(CanonicalJSONWriter.hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: digits, as: UTF8.self)
    }
}
