/// Writes JSON as `JSONEncoder` does with `[.sortedKeys, .withoutEscapingSlashes]`, byte for byte,
/// for the few types of the canonical content, at a fraction of its cost.
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
        if needsComma { append(UInt8(ascii: ",")) }
        append(UInt8(ascii: "\""))
        key.withUTF8Buffer { append($0) }
        append(UInt8(ascii: "\""))
        append(UInt8(ascii: ":"))
        value.write(to: &self)
        needsComma = true
    }

    fileprivate mutating func write(_ value: Int) {
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

    fileprivate mutating func write(_ value: String) {
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

// The members of each object below are written in ascending key order.

extension ActiveTable: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        switch self {
        case .edition2021(let active): active.write(to: &writer)
        case .trial2019(let active): active.write(to: &writer)
        }
    }
}

extension TrialActiveDisclosure: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("coercion", coercion)
            object.member("fees", fees)
            object.member("licensing", licensing)
            object.member("normativeDocuments", normativeDocuments)
            object.member("otherManagementServices", otherManagementServices)
            object.member("procurement", procurement)
            object.member("punishment", punishment)
            object.member("rules", rules)
        }
    }
}

extension TrialActiveDisclosure.DocumentCounts: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("made", made)
            object.member("published", published)
            object.member("totalPublished", totalPublished)
        }
    }
}

extension TrialActiveDisclosure.ItemCounts: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("change", change)
            object.member("decisions", decisions)
            object.member("previousItems", previousItems)
        }
    }
}

extension TrialActiveDisclosure.FeeItems: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("change", change)
            object.member("previousItems", previousItems)
        }
    }
}

extension TrialActiveDisclosure.Procurement: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("amountYuan", amountYuan)
            object.member("items", items)
        }
    }
}

extension ActiveDisclosure: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("coercion", coercion)
            object.member("feesTenThousandYuan", feesTenThousandYuan)
            object.member("licensing", licensing)
            object.member("normativeDocuments", normativeDocuments)
            object.member("punishment", punishment)
            object.member("rules", rules)
        }
    }
}

extension ActiveDisclosure.DocumentCounts: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("inForce", inForce)
            object.member("issued", issued)
            object.member("repealed", repealed)
        }
    }
}

extension ApplicantCounts: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("commercial", commercial)
            object.member("legalService", legalService)
            object.member("naturalPerson", naturalPerson)
            object.member("otherOrg", otherOrg)
            object.member("research", research)
            object.member("socialWelfare", socialWelfare)
            object.member("total", total)
        }
    }
}

extension Requests: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("carriedForward", carriedForward)
            object.member("carriedOver", carriedOver)
            object.member("denied", denied)
            object.member("granted", granted)
            object.member("notProcessed", notProcessed)
            object.member("otherHandling", otherHandling)
            object.member("partiallyGranted", partiallyGranted)
            object.member("received", received)
            object.member("total", total)
            object.member("unavailable", unavailable)
        }
    }
}

extension Requests.Denied: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("endangersSecurity", endangersSecurity)
            object.member("enforcementFiles", enforcementFiles)
            object.member("internalAffairs", internalAffairs)
            object.member("processInformation", processInformation)
            object.member("prohibitedByLaw", prohibitedByLaw)
            object.member("queryMatters", queryMatters)
            object.member("stateSecret", stateSecret)
            object.member("thirdPartyRights", thirdPartyRights)
        }
    }
}

extension Requests.Unavailable: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("needsCreation", needsCreation)
            object.member("notHeld", notHeld)
            object.member("unclear", unclear)
        }
    }
}

extension Requests.NotProcessed: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("excessive", excessive)
            object.member("petition", petition)
            object.member("publication", publication)
            object.member("reconfirm", reconfirm)
            object.member("repeated", repeated)
        }
    }
}

extension Requests.OtherHandling: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("other", other)
            object.member("overdueCorrection", overdueCorrection)
            object.member("unpaidFee", unpaidFee)
        }
    }
}

extension ReviewOutcomes: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("corrected", corrected)
            object.member("other", other)
            object.member("pending", pending)
            object.member("total", total)
            object.member("upheld", upheld)
        }
    }
}

extension Reviews: CanonicalJSONWritable {
    func write(to writer: inout CanonicalJSONWriter) {
        writer.object { object in
            object.member("litigationAfterReview", litigationAfterReview)
            object.member("litigationDirect", litigationDirect)
            object.member("review", review)
        }
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
