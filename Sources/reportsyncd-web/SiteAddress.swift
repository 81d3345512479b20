import OfficeExport

/// The addresses the site answers, read from a request's path. Nothing in an address names a file:
/// agencies, years and seqs are looked up in the index, which knows the files; anything else
/// (an unknown path, a malformed escape, an overlong segment) is no address and gets the 404 page.
enum SiteAddress: Equatable {
    case overview
    case report(year: Int, agency: String)
    case agency(String)
    case rejected
    /// The original of the event with this seq, from `archive/` or `rejected/`.
    case original(seq: Int)
    /// The export of every record (`reportsyncd export`), as CSV or .xlsx.
    case export(Export.Format)
    case metrics
    case health
    case stylesheet

    /// The longest path read; longer ones are no address.
    static let maximumPathLength = 2048

    /// The address of a raw (still percent-encoded) request path, without its query.
    init?(path: String) {
        guard path.utf8.count <= Self.maximumPathLength, path.hasPrefix("/") else { return nil }
        var segments: [String] = []
        for raw in path.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            guard let segment = Self.percentDecoded(raw) else { return nil }
            segments.append(segment)
        }
        if segments.last == "" && segments.count > 1 { segments.removeLast() }
        switch segments.count {
        case 1:
            switch segments[0] {
            case "": self = .overview
            case "rejected": self = .rejected
            case "metrics": self = .metrics
            case "healthz": self = .health
            case "style.css": self = .stylesheet
            case "export.csv": self = .export(.csv)
            case "export.xlsx": self = .export(.xlsx)
            default: return nil
            }
        case 2 where segments[0] == "agencies" && !segments[1].isEmpty:
            self = .agency(segments[1])
        case 2 where segments[0] == "originals":
            guard let seq = Self.number(segments[1]) else { return nil }
            self = .original(seq: seq)
        case 3 where segments[0] == "reports" && !segments[2].isEmpty:
            guard let year = Self.number(segments[1]) else { return nil }
            self = .report(year: year, agency: segments[2])
        default:
            return nil
        }
    }

    /// The path of this address, each segment percent-encoded (an agency may hold `/`, `?` or `#`).
    var path: String {
        switch self {
        case .overview: "/"
        case .report(let year, let agency): "/reports/\(year)/\(Self.percentEncoded(agency))"
        case .agency(let agency): "/agencies/\(Self.percentEncoded(agency))"
        case .rejected: "/rejected"
        case .original(let seq): "/originals/\(seq)"
        case .export(let format): "/export.\(format.rawValue)"
        case .metrics: "/metrics"
        case .health: "/healthz"
        case .stylesheet: "/style.css"
        }
    }

    /// A decimal of at most 9 digits, nothing else.
    private static func number(_ text: String) -> Int? {
        guard (1...9).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return nil
        }
        return Int(text)
    }

    /// A segment with its `%XX` escapes decoded; `nil` for a malformed escape or bytes that are not
    /// UTF-8.
    static func percentDecoded(_ raw: some Collection<UInt8>) -> String? {
        var bytes: [UInt8] = []
        var iterator = raw.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `text` with every byte but the unreserved ones (`A–Z a–z 0–9 - . _ ~`) written `%XX`.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(byte)
            case UInt8(ascii: ".") where text != "." && text != "..":
                encoded.append(byte)
            default:
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }
}

/// The query of the overview: `?year=2024&q=镇`.
struct OverviewFilter: Equatable {
    /// Only this year's column, when set.
    var year: Int?
    /// Only agencies whose name holds this text, when not empty.
    var text = ""

    /// The filter a raw query string asks for; unknown or malformed parameters are ignored.
    init(query: String?) {
        for pair in (query ?? "").utf8.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let value = Array(parts[1]).map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }
            guard let decoded = SiteAddress.percentDecoded(value), decoded.utf8.count <= 256 else { continue }
            switch String(decoding: parts[0], as: UTF8.self) {
            case "year": year = Int(decoded)
            case "q": text = decoded.trimmingSpaces
            default: continue
            }
        }
    }

    init(year: Int? = nil, text: String = "") {
        self.year = year
        self.text = text
    }

    var isEmpty: Bool { year == nil && text.isEmpty }
}

extension String {
    /// Without spaces at either end.
    fileprivate var trimmingSpaces: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
