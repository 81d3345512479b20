import Foundation

extension Record {
    /// The record as JSON: keys sorted, slashes unescaped; `pretty` adds indentation for people.
    public func jsonBytes(pretty: Bool = false) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain structs of strings and integers cannot fail.
        return Array(try! encoder.encode(self))
    }

    /// Reads a record written by ``jsonBytes(pretty:)``.
    public init(jsonBytes: [UInt8]) throws {
        self = try JSONDecoder().decode(Record.self, from: Data(jsonBytes))
    }

    /// Every cell of the record's edition as `(dotted key, value as written in JSON)`, in template
    /// order (table 2 in the edition's own keys, then tables 3 and 4): what a `revised` event compares
    /// to name its `changedCells`.
    public var cellValues: [(key: String, value: String)] {
        let values =
            active.cellValues + requests.rows.flatMap(\.columns).map(String.init)
            + reviews.groups.flatMap(\.columns).map(String.init)
        let edition = Edition(rawValue: edition) ?? .edition2021
        return zip(edition.cells, values).map { (key: Template.cellKeys[$0], value: $1) }
    }
}
