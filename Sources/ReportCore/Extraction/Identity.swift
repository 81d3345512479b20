import Foundation

/// Who issued a report and for which year, read as `docs/record.md` ("Identity") says.
struct Identity {
    /// The longest agency, in UTF-8 bytes, that still fits a file name (255 bytes) with `.json`.
    static let maximumAgencyBytes = 240

    var agency: String
    var year: Int
    var title: String?
    var publishedOn: String?

    /// - Parameters:
    ///   - outline: the report's outline.
    ///   - sourceName: the file's name: the last source of the agency, when nothing in the text
    ///     names it and the name reads as a title.
    init(_ outline: Outline, sourceName: String) throws(NotAReport) {
        let lines = outline.lines
        title = outline.titleLines.map { range in
            var joined = lines[range].map { $0.trimmed.drop { $0 == "#" || $0.isWhitespace } }.joined()
            if outline.titleIsField, let name = Outline.fieldName(of: LabelKey.of(joined)) {
                joined = joined.trimmed.dropFirst(name.count).trimmed.description
            }
            return Self.withoutLayoutSpaces(joined)
        }
        publishedOn = outline.date
        let titleMention = title.map { YearMention($0) }

        let firstHeading = outline.headings.values.min() ?? lines.count
        let namedAgency = lines[..<min(firstHeading + 1, lines.count)].lazy.compactMap(Self.unitName).first
        let titleAgency = titleMention.flatMap(Self.agency(in:))
        let signatureAgency = outline.signatureLine.map { LabelKey.plain(of: lines[$0]) }
        let fileAgency = { Self.agency(inFileName: sourceName) }
        guard let agency = namedAgency ?? titleAgency ?? signatureAgency ?? fileAgency(), !agency.isEmpty else {
            throw NotAReport(.notAReport, "no issuing agency: the file has no title, 单位名称 or signature line")
        }
        // The agency names a mirror file (`<agency>.json`): a name too long for one is no agency.
        guard agency.utf8.count <= Self.maximumAgencyBytes else {
            throw NotAReport(.notAReport, "the issuing agency is \(agency.utf8.count) bytes long, not a name")
        }
        self.agency = agency

        // Each source is only looked at when the ones before it have no year.
        let periodYear = {
            lines.lazy.filter { $0.containsBytes(of: "统计期限") }.compactMap { Self.firstYear(in: LabelKey.of($0)) }.first
        }
        let overviewYear = {
            outline.body(of: .overview).flatMap { range in
                lines[range].lazy.compactMap { Self.firstYear(in: LabelKey.of($0)) }.first
            }
        }
        let publishedYear = publishedOn.flatMap { Int($0.prefix(4)) }.map { $0 - 1 }
        guard let year = titleMention?.year ?? periodYear() ?? overviewYear() ?? publishedYear else {
            throw NotAReport(.notAReport, "no report year: none in the title, 报告数据统计期限, 总体情况 or date")
        }
        self.year = year
    }

    /// The agency in a `单位名称：…` line, up to the next field (主要负责人签字 …) or wide gap.
    /// Found on the line with its traditional characters folded (單位名稱), taken as written.
    private static func unitName(_ line: String) -> String? {
        guard line.containsBytes(of: "位名") else { return nil }
        // Folding keeps every character's length in UTF-8, so offsets in one hold in the other.
        let folded = LabelKey.simplified(line)
        guard let label = folded.range(of: "单位名称") else { return nil }
        let offset = { (index: String.Index) in folded.utf8.distance(from: folded.startIndex, to: index) }
        var end = folded.utf8.count
        let start = offset(label.upperBound)
        if let gap = folded[label.upperBound...].range(of: "  ") { end = min(end, offset(gap.lowerBound)) }
        if let next = folded[label.upperBound...].range(of: "主要负责人") { end = min(end, offset(next.lowerBound)) }
        let rest = line[utf8Offsets: start..<max(start, end)].drop { $0 == ":" || $0 == " " }
        let name = LabelKey.plain(of: rest)
        return name.isEmpty ? nil : name
    }

    /// The agency of a file named after its title (`沭阳县人民政府2025年政府信息公开工作年度报告-沭阳县人民政府.txt`).
    private static func agency(inFileName name: String) -> String? {
        var base = Substring(name.split(separator: "/").last ?? "")
        if let dot = base.lastIndex(of: "."), dot > base.startIndex { base = base[..<dot] }
        let mention = YearMention(String(base))
        guard mention.key.containsBytes(of: "政府信息公开") || mention.key.containsBytes(of: "年度报告") else { return nil }
        return agency(in: mention)
    }

    /// The agency a title (as a key) names, if any.
    static func agency(inTitle key: String) -> String? {
        agency(in: YearMention(key))
    }

    /// `text` without the spaces that are layout: around its digits (`2023 年`) and between Chinese
    /// characters (`2025年 政府信息公开`). A space between two Latin words stays.
    private static func withoutLayoutSpaces(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isWhitespace {
                let before = result.last { !$0.isWhitespace } ?? " "
                let after = characters[(index + 1)...].first { !$0.isWhitespace } ?? " "
                let isDigit = { (character: Character) in character.isASCII && character.isNumber }
                if isDigit(before) || isDigit(after) || !before.isASCII && !after.isASCII { continue }
            }
            result.append(character)
        }
        return result
    }

    /// The text of a title before its year, or before 政府信息公开 / 年度报告 when it has none; in a
    /// title that starts with its year, the text between the year and 政府信息公开. Found on the folded
    /// key, taken from the text as written (a traditional copy keeps 青山區人民政府).
    private static func agency(in title: YearMention) -> String? {
        let key = title.key
        var start = key.startIndex
        var end: String.Index?
        if let year = title.range {
            if year.lowerBound > key.startIndex {
                end = year.lowerBound
            } else {
                start = year.upperBound
                if key[start...].hasPrefix("度") { start = key.index(after: start) }
                guard let marker = key[start...].range(of: "政府信息公开"), marker.lowerBound > start else { return nil }
                end = marker.lowerBound
            }
        } else {
            end = ["政府信息公开", "年度报告"].lazy.compactMap { key.range(of: $0)?.lowerBound }.first { $0 > key.startIndex }
        }
        guard let end else { return nil }
        let offsets =
            key.unicodeScalars.distance(
                from: key.startIndex,
                to: start
            )..<key.unicodeScalars.distance(
                from: key.startIndex,
                to: end
            )
        let plain = Array(title.plain.unicodeScalars)
        guard offsets.upperBound <= plain.count else { return String(key[start..<end]) }
        return String(String.UnicodeScalarView(plain[offsets]))
    }

    /// The first `yyyy年` with a plausible report year.
    static func firstYear(in key: String) -> Int? {
        yearRange(in: key).flatMap { Int(key[$0].prefix(4)) }
    }

    fileprivate static func yearRange(in key: String) -> Range<String.Index>? {
        let bounds = key.withUTF8Bytes { bytes -> Range<Int>? in
            var start = 0
            // 年, or its compatibility form U+F98E, which is the same `Character`.
            while let marker = ["年", "\u{F98E}"].compactMap({ bytes.firstCharacterRange(of: $0, from: start) })
                .min(by: { $0.lowerBound < $1.lowerBound })
            {
                if let digits = fourDigits(before: marker.lowerBound, in: bytes),
                    case let year = digits.reduce(0, { $0 * 10 + Int($1 - UInt8(ascii: "0")) }),
                    (2000...2100).contains(year)
                {
                    return marker.lowerBound - 4..<marker.upperBound
                }
                start = marker.upperBound
            }
            return nil
        }
        return bounds.map {
            key.utf8.index(
                key.startIndex,
                offsetBy: $0.lowerBound
            )..<key.utf8.index(key.startIndex, offsetBy: $0.upperBound)
        }
    }

    /// The digits before `end` when they are exactly four ASCII digit characters.
    private static func fourDigits(before end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>?
    {
        var start = end
        while start > 0, end - start < 5, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[start - 1]) {
            start -= 1
        }
        // A prepended mark may join the first digit into a character that is no digit.
        if !bytes.isCharacterBoundary(at: start, in: 0..<bytes.count) { start += 1 }
        return end - start == 4 ? UnsafeBufferPointer(rebasing: bytes[start..<end]) : nil
    }
}

/// A text's key and where its first `yyyy年` with a plausible report year is, found once; and the
/// text as written with the same characters left out (so that offsets in one hold in the other).
private struct YearMention {
    var key: String
    var plain: String
    var range: Range<String.Index>?

    init(_ text: String) {
        self.key = LabelKey.of(text)
        self.plain = LabelKey.plain(of: text)
        self.range = Identity.yearRange(in: key)
    }

    var year: Int? {
        range.flatMap { Int(key[$0].prefix(4)) }
    }
}
