/// The skeleton of a report: where its six sections start, its title, 单位名称, statistics period,
/// and the signature and date that close it. Found on the normalised lines, before any table is read.
struct Outline {
    /// The six section headings of the template, in order.
    enum Section: Int, CaseIterable {
        case overview, active, requests, reviews, problems, other

        /// The words that make a short line this section's heading. Headings are misprinted as row
        /// labels are (四、政府信息公开行政法复议、行政诉讼情况): the keyword is found give or take one
        /// character (``NearMatch``).
        fileprivate func matches(_ key: Substring) -> Bool {
            switch self {
            case .overview: key.hasSuffix("总体情况") && key.unicodeScalars.count <= 8
            case .active: key.unicodeScalars.count <= 16 && NearMatch.contains(key, keyword)
            case .requests: key.unicodeScalars.count <= 22 && NearMatch.contains(key, keyword)
            case .reviews:
                key.unicodeScalars.count <= 24 && NearMatch.contains(key, keyword)
                    && NearMatch.contains(key, "行政诉讼")
            // 五、政府信息公开工作存在的主要问题及改进情况 names its subject again.
            case .problems: key.unicodeScalars.count <= 24 && NearMatch.contains(key, keyword)
            case .other: key.unicodeScalars.count <= 18 && NearMatch.contains(key, keyword)
            }
        }

        /// What every key this section ``matches(_:)`` contains, give or take one character. (For
        /// 总体情况, matched exactly as a `Character` suffix: 况 has canonically equivalent spellings,
        /// 总体情 has not.)
        var keyword: String {
            switch self {
            case .overview: "总体情"
            case .active: "主动公开政府信息情况"
            case .requests: "收到和处理政府信息公开申请"
            case .reviews: "行政复议"
            case .problems: "存在的主要问题"
            case .other: "其他需要报告的事项"
            }
        }

        /// The heading as the template prints it, for messages.
        var heading: String {
            switch self {
            case .overview: "一、总体情况"
            case .active: "二、主动公开政府信息情况"
            case .requests: "三、收到和处理政府信息公开申请情况"
            case .reviews: "四、政府信息公开行政复议、行政诉讼情况"
            case .problems: "五、存在的主要问题及改进情况"
            case .other: "六、其他需要报告的事项"
            }
        }
    }

    /// The 0-based line index of each heading found.
    private(set) var headings: [Section: Int] = [:]
    /// The title's lines (0-based), if any: one, or two or three when a long title is wrapped.
    private(set) var titleLines: Range<Int>?
    /// Whether the title is a crawler's header field (`标题: …`): then only the text after the
    /// field name is the title.
    private(set) var titleIsField = false
    /// The 0-based index of the date under the signature, if any.
    private(set) var dateLine: Int?
    /// That date as `yyyy-MM-dd`.
    private(set) var date: String?
    /// The 0-based index of the signature line above that date, if any.
    private(set) var signatureLine: Int?
    let lines: [String]

    init(lines: [String]) {
        self.lines = lines
        let keys = lines.map(Self.headingKey)
        var searchFrom = 0
        for section in Section.allCases {
            var found: Int?
            var index = searchFrom
            while index < lines.count {
                let key = keys[index]
                if let key, section.matches(key) {
                    found = index
                    if section != .overview { break }
                } else if found != nil, key.map({ !$0.isEmpty }) ?? true {
                    break  // a heading may be repeated on consecutive lines; the last one counts
                }
                index += 1
            }
            if let found {
                headings[section] = found
                searchFrom = found + 1
            }
        }
        findTitle()
        findSignature()
    }

    /// The title: above the first heading, the first one to three consecutive lines that together
    /// name 政府信息公开 and end with 报告, and are no prose, path or breadcrumb (PDFs centre a long
    /// title over two or three lines). Lines above are joined while the title does not yet name its
    /// agency (`洪泽区人民政府` / `2023 年政府信息公开工作年度报告`). A crawler's `标题: …` header
    /// counts only when the page itself has no title.
    private mutating func findTitle() {
        let firstHeading = headings.values.min() ?? lines.count
        var field: Range<Int>?
        for end in 0..<firstHeading where Self.titleKey(lines[end]).hasSuffix("报告") {
            var key = ""
            var found: Range<Int>?
            for start in stride(from: end, through: max(0, end - 2), by: -1) {
                let line = Self.titleKey(lines[start])
                if line.isEmpty || line.hasSuffix("。") { break }
                key = line + key
                guard Self.canBeTitle(key) else { continue }
                if Self.fieldName(of: key) != nil {
                    if field == nil && start == end { field = start..<end + 1 }
                    break
                }
                if found == nil { found = start..<end + 1 }
                if Identity.agency(inTitle: key) != nil {
                    found = start..<end + 1
                    break
                }
            }
            if let found {
                titleLines = found
                return
            }
        }
        if let field {
            titleLines = field
            titleIsField = true
        }
    }

    /// A line's key as part of a title: a Markdown heading's `#` marks are not.
    static func titleKey(_ line: String) -> String {
        String(LabelKey.of(line).drop { $0 == "#" })
    }

    /// Whether the key of one or more joined lines can be a title.
    private static func canBeTitle(_ key: String) -> Bool {
        key.unicodeScalars.count <= 64 && key.hasSuffix("报告") && key.containsBytes(of: "政府信息公开")
            && !["，", "。", "《", ">", "/", "当前位置"].contains(where: key.containsBytes(of:))
    }

    /// The field name when `key` is a crawler's header field holding the title (`标题:`).
    static func fieldName(of key: String) -> String? {
        ["标题:", "标题："].first(where: key.hasPrefix)
    }

    /// The line range of a section's body (after its heading, up to the next heading found).
    func body(of section: Section) -> Range<Int>? {
        guard let start = headings[section] else { return nil }
        let next = Section.allCases.dropFirst(section.rawValue + 1).compactMap { headings[$0] }.first
        var end = next ?? lines.count
        if section == .other, let signatureLine, signatureLine > start { end = min(end, signatureLine) }
        if section == .other, let dateLine, dateLine > start { end = min(end, dateLine) }
        return start + 1..<max(start + 1, end)
    }

    /// A line's key when it is short enough to be a heading, else `nil`. Its numbering is only
    /// stripped (which is slow) when it has a section's keyword: no other key matches a section.
    private static func headingKey(_ line: String) -> Substring? {
        guard line.utf8.count <= 120,
            line.withUTF8Bytes({ bytes in ["情况", "事项", "情況", "事項"].contains(where: bytes.containsBytes(of:)) })
        else {
            return nil
        }
        let key = LabelKey.of(line)
        guard Section.allCases.contains(where: { NearMatch.contains(key, $0.keyword) }) else { return Substring(key) }
        return LabelKey.strippingNumbering(key)
    }

    /// The date that closes the report (`2025年1月26日`, `2025-01-26`) and the signature above it.
    private mutating func findSignature() {
        let start = headings[.other] ?? headings.values.max() ?? 0
        guard start < lines.count else { return }
        for index in stride(from: lines.count - 1, to: start, by: -1) {
            if let date = Self.date(in: LabelKey.of(lines[index])) {
                dateLine = index
                self.date = date
                break
            }
        }
        guard let dateLine else { return }
        var index = dateLine - 1
        while index > start, LabelKey.of(lines[index]).isEmpty { index -= 1 }
        let key = LabelKey.of(lines[index])
        if index > start, key.count <= 40, !key.hasSuffix("。"), !key.hasSuffix("."),
            key.withUTF8Bytes(CellValue.init) == .text
        {
            signatureLine = index
        }
    }

    /// `yyyy-MM-dd` when `key` is a whole date line.
    private static func date(in key: String) -> String? {
        var numbers: [Int] = []
        var current = ""
        var separators: [Character] = []
        for character in key {
            if character.isASCII && character.isNumber {
                guard current.count < 4 else { return nil }
                current.append(character)
            } else {
                guard !current.isEmpty else { return nil }
                numbers.append(Int(current)!)
                current = ""
                separators.append(character)
            }
        }
        if !current.isEmpty { numbers.append(Int(current)!) }
        let chinese = separators == ["年", "月", "日"]
        let dashed = separators.count == 2 && Set(separators).count == 1 && "-./".contains(separators[0])
        guard numbers.count == 3, chinese || dashed, (1990...2200).contains(numbers[0]), (1...12).contains(numbers[1]),
            (1...31).contains(numbers[2])
        else { return nil }
        let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return "\(numbers[0])-\(pad(numbers[1]))-\(pad(numbers[2]))"
    }
}
