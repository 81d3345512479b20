/// Crawler copies of CMS pages put a whole report on one line: headings, prose and table cells run
/// together (`…一、总体情况2021年，我区…二、主动公开政府信息情况 第二十条…`). Such a line is cut
/// before and after each section heading, so that the outline finds the sections as it does in any
/// other file; every piece keeps the number of the line it came from.
///
/// Only a numbered heading cuts (`三、收到和处理政府信息公开申请情况`), in template order: the
/// introduction that lists the sections by name (`本报告包括总体情况、主动公开政府信息情况…`) does not.
/// A short line is cut too when it starts with a heading and goes on (a CMS page that runs the heading
/// and the first table header together).
enum RunOnLines {
    /// Lines shorter than this (in UTF-8 bytes) are only cut when they start with a heading that goes
    /// on: a line that runs a whole report together is long.
    static let minimumLength = 300

    /// The lines with every long line cut at its headings, and the 1-based source line of each.
    static func split(_ lines: [String]) -> (lines: [String], numbers: [Int]) {
        var result: [String] = []
        var numbers: [Int] = []
        result.reserveCapacity(lines.count)
        numbers.reserveCapacity(lines.count)
        var section = 0
        for (index, line) in lines.enumerated() {
            guard section < Outline.Section.allCases.count,
                line.utf8.count >= minimumLength || startsWithNumeral(line)
            else {
                result.append(line)
                numbers.append(index + 1)
                continue
            }
            let pieces = cut(line, from: &section)
            result += pieces
            numbers += repeatElement(index + 1, count: pieces.count)
        }
        return (result, numbers)
    }

    /// Whether the line starts with a heading's numeral and 、 (`二、主动公开政府信息情况 第二十条…`: a
    /// CMS page runs the heading and the first table header together in one block).
    private static func startsWithNumeral(_ line: String) -> Bool {
        let starts = line.withUTF8Bytes { bytes in
            let start = bytes.firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } ?? bytes.count
            // A numeral and 、 are six bytes of UTF-8: E4 B8 80 (一) … E5 85 AD (六), then E3 80 81.
            guard bytes.count - start >= 6, bytes[start + 3] == 0xE3, bytes[start + 4] == 0x80, bytes[start + 5] == 0x81
            else { return false }
            return "一二三四五六".unicodeScalars.contains(bytes.scalar(at: start))
        }
        guard starts else { return false }
        // A heading that goes on: not a table row that starts like one (一、本年新收…), nor a heading
        // alone on its line.
        let key = LabelKey.of(line)
        return Outline.Section.allCases.contains { NearMatch.contains(key, $0.keyword) }
            && !key.hasSuffix("情况") && !key.hasSuffix("事项")
    }

    /// The pieces of `line` between and around the headings of sections `section` on; advances
    /// `section` past the headings found.
    private static func cut(_ line: String, from section: inout Int) -> [String] {
        let scalars = Array(LabelKey.simplified(line).unicodeScalars)
        let original = Array(line.unicodeScalars)
        var cuts: [Range<Int>] = []
        var position = 0
        for next in Outline.Section.allCases[section...] {
            guard let heading = heading(of: next, in: scalars, from: position) else { continue }
            cuts.append(heading)
            position = heading.upperBound
            section = next.rawValue + 1
        }
        guard !cuts.isEmpty else { return [line] }
        var pieces: [String] = []
        var start = 0
        for heading in cuts {
            pieces.append(string(original[start..<heading.lowerBound]))
            pieces.append(string(original[heading]))
            start = heading.upperBound
        }
        pieces.append(string(original[start...]))
        return pieces.filter { !$0.trimmed.isEmpty }
    }

    /// Where the numbered heading of `section` is in `scalars`, from `start` on: its numeral, 、,
    /// within a few characters the section's keyword (give or take one character, ``NearMatch``), and
    /// up to the 情况 or 事项 that closes it.
    private static func heading(
        of section: Outline.Section,
        in scalars: [Unicode.Scalar],
        from start: Int
    ) -> Range<Int>? {
        let numeral = Array("一二三四五六".unicodeScalars)[section.rawValue]
        let keyword = Array(section.keyword.unicodeScalars)
        var index = start
        while index + 1 < scalars.count {
            defer { index += 1 }
            guard scalars[index] == numeral, scalars[index + 1] == "、",
                let end = NearMatch.end(
                    of: keyword,
                    in: scalars[(index + 2)..<min(index + 2 + 16 + keyword.count, scalars.count)]
                )
            else { continue }
            let found = max(index + 2, end - keyword.count)
            let closings = ["情况", "事项"].compactMap { closing in
                firstIndex(of: Array(closing.unicodeScalars), in: scalars, from: found, within: 20)
            }
            return index..<max(end, (closings.min() ?? 0) + 2)
        }
        return nil
    }

    /// The first index at or after `start`, and less than `limit` after it, where `pattern` begins.
    private static func firstIndex(
        of pattern: [Unicode.Scalar],
        in scalars: [Unicode.Scalar],
        from start: Int,
        within limit: Int
    ) -> Int? {
        let last = min(start + limit, scalars.count - pattern.count)
        guard start <= last else { return nil }
        return (start...last).first { scalars[$0..<$0 + pattern.count].elementsEqual(pattern) }
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(String.UnicodeScalarView(scalars))
    }
}
