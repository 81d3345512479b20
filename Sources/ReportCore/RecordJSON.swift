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
    /// to name its `changedCells`. Read from the record's own JSON, so that the tables' members are
    /// named nowhere but in their types and the template.
    public var cellValues: [(key: String, value: String)] {
        let tables = Tables(active: active, requests: requests, reviews: reviews)
        // Encoding plain structs of strings and integers cannot fail, nor can reading them back.
        let json = try! JSONDecoder().decode(JSONLeaves.self, from: JSONEncoder().encode(tables))
        let edition = Edition(rawValue: edition) ?? .edition2021
        return edition.cells.map { cell in
            let key = Template.cellKeys[cell]
            return (key: key, value: json.leaves[key] ?? "")
        }
    }

    /// The record's three tables, as its JSON holds them.
    private struct Tables: Encodable {
        var active: ActiveTable
        var requests: Requests
        var reviews: Reviews
    }
}

/// The leaves of a JSON object by dotted key (`requests.denied.stateSecret.total`), each value as
/// JSON writes it.
private struct JSONLeaves: Decodable {
    var leaves: [String: String] = [:]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if let count = try? container.decode(Int.self, forKey: key) {
                leaves[key.stringValue] = String(count)
            } else if let text = try? container.decode(String.self, forKey: key) {
                leaves[key.stringValue] = text
            } else {
                for (path, value) in try container.decode(JSONLeaves.self, forKey: key).leaves {
                    leaves[key.stringValue + "." + path] = value
                }
            }
        }
    }
}
