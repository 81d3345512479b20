/// A piece of HTML. Text interpolated into it is escaped (the one escaping function of the site,
/// ``escape(_:)``, for element content and attribute values alike); only other `HTML` values go in
/// as they are. Agency and file names come from files anyone can drop, so nothing else writes markup.
struct HTML: Sendable, ExpressibleByStringInterpolation {
    private(set) var markup: String

    init(stringLiteral literal: String) {
        markup = literal
    }

    init(stringInterpolation: Interpolation) {
        markup = stringInterpolation.markup
    }

    /// `text`, escaped.
    init(text: String) {
        markup = Self.escape(text)
    }

    /// The pieces one after the other.
    init(joining pieces: some Sequence<HTML>) {
        markup = pieces.map(\.markup).joined()
    }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate var markup = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) {
            markup += literal
        }

        /// Text: escaped.
        mutating func appendInterpolation(_ text: String) {
            markup += HTML.escape(text)
        }

        mutating func appendInterpolation(_ number: Int) {
            markup += String(number)
        }

        /// Markup: as it is.
        mutating func appendInterpolation(_ html: HTML) {
            markup += html.markup
        }

        mutating func appendInterpolation(_ pieces: [HTML]) {
            for piece in pieces { markup += piece.markup }
        }
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` written as character references, so that it is text
    /// both between tags and inside a quoted attribute value.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
