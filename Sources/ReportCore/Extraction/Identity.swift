import Foundation

/// Who issued a report and for which year, read as `shared/spec/record.md` ("Identity") says.
struct Identity {
    var agency: String
    var year: Int
    var title: String?
    var publishedOn: String?

    init(_ outline: Outline) throws(NotAReport) {
        let lines = outline.lines
        title = outline.titleLine.map { String(lines[$0].trimmed) }
        publishedOn = outline.dateLine.flatMap { Outline.date(in: LabelKey.of(lines[$0])) }
        let titleKey = title.map(LabelKey.of)

        let firstHeading = outline.headings.values.min() ?? lines.count
        let namedAgency = lines[..<min(firstHeading + 1, lines.count)].lazy.compactMap(Self.unitName).first
        let titleAgency = titleKey.flatMap(Self.agency(inTitle:))
        let signatureAgency = outline.signatureLine.map { LabelKey.of(lines[$0]) }
        guard let agency = namedAgency ?? titleAgency ?? signatureAgency, !agency.isEmpty else {
            throw NotAReport(.notAReport, "no issuing agency: the file has no title, 单位名称 or signature line")
        }
        self.agency = agency

        let periodYear = lines.lazy.filter { $0.containsBytes(of: "统计期限") }.compactMap { Self.firstYear(in: LabelKey.of($0)) }.first
        let overviewYear = outline.body(of: .overview).flatMap { range in
            lines[range].lazy.compactMap { Self.firstYear(in: LabelKey.of($0)) }.first
        }
        let publishedYear = publishedOn.flatMap { Int($0.prefix(4)) }.map { $0 - 1 }
        guard let year = titleKey.flatMap(Self.firstYear(in:)) ?? periodYear ?? overviewYear ?? publishedYear else {
            throw NotAReport(.notAReport, "no report year: none in the title, 报告数据统计期限, 总体情况 or date")
        }
        self.year = year
    }

    /// The agency in a `单位名称：…` line, up to the next field (主要负责人签字 …) or wide gap.
    private static func unitName(_ line: String) -> String? {
        guard line.containsBytes(of: "单位名称"), let label = line.range(of: "单位名称") else { return nil }
        var rest = line[label.upperBound...].drop { $0 == ":" || $0 == " " }
        if let gap = rest.range(of: "  ") { rest = rest[..<gap.lowerBound] }
        if let next = rest.range(of: "主要负责人") { rest = rest[..<next.lowerBound] }
        let name = LabelKey.of(rest)
        return name.isEmpty ? nil : name
    }

    /// The text of a title before its year, or before 政府信息公开 / 年度报告 when it has none.
    private static func agency(inTitle key: String) -> String? {
        if let year = yearRange(in: key) {
            let before = key[..<year.lowerBound]
            return before.isEmpty ? nil : String(before)
        }
        for marker in ["政府信息公开", "年度报告"] {
            if let range = key.range(of: marker), range.lowerBound > key.startIndex {
                return String(key[..<range.lowerBound])
            }
        }
        return nil
    }

    /// The first `yyyy年` with a plausible report year.
    static func firstYear(in key: String) -> Int? {
        yearRange(in: key).flatMap { Int(key[$0].prefix(4)) }
    }

    private static func yearRange(in key: String) -> Range<String.Index>? {
        var searchStart = key.startIndex
        while let marker = key[searchStart...].firstIndex(of: "年") {
            let digits = key[..<marker].reversed().prefix { $0.isASCII && $0.isNumber }
            if digits.count == 4, let year = Int(String(digits.reversed())), (2000...2100).contains(year) {
                return key.index(marker, offsetBy: -4)..<key.index(after: marker)
            }
            searchStart = key.index(after: marker)
        }
        return nil
    }
}
