/// RFC 4180 CSV in UTF-8 with a byte order mark (Excel on Windows needs it to show Chinese): CRLF
/// line ends, a field quoted when it holds a comma, a quote, CR or LF, quotes doubled.
struct CSVWriter {
    private(set) var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Appends one record (line).
    mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            let utf8 = field.utf8
            if utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }) {
                bytes.append(UInt8(ascii: "\""))
                for byte in utf8 {
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes += utf8
            }
        }
        bytes += [13, 10]
    }
}

extension SummaryTable.Value {
    /// The value as a CSV field: the number or text as written, empty when blank.
    var field: String {
        switch self {
        case .blank: ""
        case .text(let text): text
        case .integer(let number): String(number)
        case .decimal(let decimal): decimal
        }
    }
}
