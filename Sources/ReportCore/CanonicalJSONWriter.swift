/// Writes JSON as `JSONEncoder` does with `[.sortedKeys, .withoutEscapingSlashes]`, byte for byte,
/// for the canonical content, at a fraction of its cost: its tables straight from `TableCells`,
/// walked through their `CellTree`.
///
/// No white space; strings escape `"`, `\` and the control characters (`\b \t \n \f \r`, the
/// others as `\u00xx`) and nothing else. Sorting is the writer's caller's job: each
/// ``CanonicalJSONWritable`` writes its keys in ascending order.
struct CanonicalJSONWriter {
    /// Room for everything but the strings' text: keys, punctuation and up to 400 integers.
    private static let fixedCapacity = 16_384

    /// The JSON of `value`, whose strings hold `stringBytes` bytes of UTF-8 in all.
    static func bytes(of value: some CanonicalJSONWritable, stringBytes: Int) -> [UInt8] {
        // An escaped byte takes at most six (`\u00xx`).
        [UInt8](unsafeUninitializedCapacity: fixedCapacity + 6 * stringBytes) { buffer, count in
            var writer = CanonicalJSONWriter(buffer: buffer)
            value.write(to: &writer)
            count = writer.count
        }
    }

    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var count = 0
    private var needsComma = false

    private init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// Writes an object whose members `body` writes with ``member(_:_:)``.
    mutating func object(_ body: (inout Self) -> Void) {
        append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes one member of the current object; keys must come in ascending order.
    mutating func member(_ key: StaticString, _ value: some CanonicalJSONWritable) {
        key.withUTF8Buffer { self.key($0) }
        value.write(to: &self)
        needsComma = true
    }

    /// Writes `tree` as an object, each cell with its value in `cells`: the members in the tree's
    /// order, which is ascending.
    mutating func write(_ tree: CellTree, of cells: TableCells) {
        object { object in
            tree.keys.withUnsafeBufferPointer { keys in
                for step in tree.steps {
                    switch step {
                    case .count(let key, let cell):
                        object.key(UnsafeBufferPointer(rebasing: keys[key]))
                        object.write(cells.counts[cell])
                        object.needsComma = true
                    case .decimal(let key, let cell):
                        object.key(UnsafeBufferPointer(rebasing: keys[key]))
                        object.write(cells.decimal(cell))
                        object.needsComma = true
                    case .open(let key):
                        object.key(UnsafeBufferPointer(rebasing: keys[key]))
                        object.append(UInt8(ascii: "{"))
                        object.needsComma = false
                    case .close:
                        object.append(UInt8(ascii: "}"))
                        object.needsComma = true
                    }
                }
            }
        }
    }

    /// Writes a member's key and its colon, after a comma unless it is the object's first.
    private mutating func key(_ key: UnsafeBufferPointer<UInt8>) {
        if needsComma { append(UInt8(ascii: ",")) }
        append(UInt8(ascii: "\""))
        append(key)
        append(UInt8(ascii: "\""))
        append(UInt8(ascii: ":"))
    }

    mutating func write(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var width = 1
        var rest = magnitude / 10
        while rest > 0 {
            width += 1
            rest /= 10
        }
        precondition(count + width <= buffer.count, "canonical JSON larger than its capacity")
        for position in (count..<count + width).reversed() {
            buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
        count += width
    }

    mutating func write(_ value: String) {
        append(UInt8(ascii: "\""))
        value.withUTF8Bytes { text in
            var start = 0
            for index in 0..<text.count {
                let byte = text[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                append(UnsafeBufferPointer(rebasing: text[start..<index]))
                start = index + 1
                append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(byte)
                case 0x08: append(UInt8(ascii: "b"))
                case 0x09: append(UInt8(ascii: "t"))
                case 0x0A: append(UInt8(ascii: "n"))
                case 0x0C: append(UInt8(ascii: "f"))
                case 0x0D: append(UInt8(ascii: "r"))
                default:
                    append(UInt8(ascii: "u"))
                    append(UInt8(ascii: "0"))
                    append(UInt8(ascii: "0"))
                    append(Self.hexDigits[Int(byte >> 4)])
                    append(Self.hexDigits[Int(byte & 0x0F)])
                }
            }
            append(UnsafeBufferPointer(rebasing: text[start...]))
        }
        append(UInt8(ascii: "\""))
    }

    private mutating func append(_ byte: UInt8) {
        precondition(count < buffer.count, "canonical JSON larger than its capacity")
        buffer[count] = byte
        count += 1
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(count + bytes.count <= buffer.count, "canonical JSON larger than its capacity")
        _ = UnsafeMutableBufferPointer(rebasing: buffer[count...]).initialize(fromContentsOf: bytes)
        count += bytes.count
    }

    /// Lower-case hexadecimal digits.
    static let hexDigits = Array("0123456789abcdef".utf8)
}

/// A value the canonical content is made of.
protocol CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter)
}

extension Int: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.write(self)
    }
}

extension String: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.write(self)
    }
}

extension Record.Sections: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("other", other)
            object.member("overview", overview)
            object.member("problems", problems)
        }
    }
}
