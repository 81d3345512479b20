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

    /// Every one of the 200 cells as `(dotted key, value as written in JSON)`, in template order:
    /// what a `revised` event compares to name its `changedCells`.
    public var cellValues: [(key: String, value: String)] {
        var values: [String] = []
        values.reserveCapacity(Template.cellCount)
        for counts in [active.rules, active.normativeDocuments] {
            values += [counts.issued, counts.repealed, counts.inForce].map(String.init)
        }
        values += [active.licensing, active.punishment, active.coercion].map(String.init)
        values.append(active.feesTenThousandYuan)
        values += requests.rows.flatMap(\.columns).map(String.init)
        values += reviews.groups.flatMap(\.columns).map(String.init)
        return Array(zip(Template.cellKeys, values)).map { (key: $0.0, value: $0.1) }
    }
}
