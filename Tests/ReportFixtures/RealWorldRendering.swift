import Foundation

/// The habits of real published reports that the clean layouts of ``SampleLayout`` do not show: one
/// case per habit seen in real files (`shared/corpus/real`, `shared/corpus/real/SOURCES.tsv`), each
/// written out from a model by `SampleReport.render(_:)`, never copied from a real file.
///
/// A case knows its model (``model``), the file name it arrives under (``sourceName``) and what a
/// reader following `shared/spec/record.md` must make of it: the title, the cell values, the model
/// whose plain tab-separated rendering has the same content (``contentModel``) and the cells that the
/// rendering leaves open, blank or undecidable.
public enum RealWorldCase: Hashable, Sendable, CustomStringConvertible {
    /// Titles wrapped by PDFs, titles that start with the year, crawler headers and file names
    /// (spec "Identity").
    case title(TitleHabit)
    /// Row labels as offices publish them: typos, lost characters, other numbering, no numbering, and
    /// labels wrapped around their numbers.
    case rowLabels(LabelHabit)
    /// The whole page converted to traditional characters (headings, labels, title, prose); the agency
    /// is kept as written: 青山區人民政府.
    case traditional
    /// A TRS-like government CMS page: the section heading and the first table header in one block,
    /// each cell split over several `<p>`, labels broken by `<span>`, a newline and runs of `&nbsp;`,
    /// `<br/>` inside table-4 headers, table-2 heading rows without `<p>`, wrapper `<div>`s never
    /// closed, and a fee with 6 decimals (4166.241619).
    case cmsPage
    /// The article of a CMS page saved without its page (or cut out of the JavaScript string that
    /// holds it): no `<html>`, `<head>` or `<body>`, the title a first `<p style='…'>` with single-quoted
    /// attributes, then `发布日期：…`, the whole fragment on one line, and so much prose before the
    /// first table that none of it is in the first 4 KB.
    case cmsFragment
    /// Section headings misprinted or reworded as offices print them: a character added (行政法复议,
    /// 主动公开政府信息的情况), left out (申情况) or changed (其它需要报告的事项), the subject named again
    /// and a character lost (五、政府信息公开工作存在主要问题及改进情况).
    case headingTypos
    /// Table 2 as a PDF's text extraction printed it in a real file: 第二十条第（一）项, then the item
    /// rows (行政许可 … 行政事业性收费) with their headings, and the 规章 and 行政规范性文件 rows with
    /// their column header last.
    case tableTwoOutOfOrder
    /// An OCR / vision-model transcription to Markdown: every table-3 row as its own small pipe table
    /// headed `数据1 … 数据7` (some `数据1 … 数据6`), rows of `-` placeholders before the first row, a
    /// header row repeated in the middle of table 3, and table 4 as three small tables (行政复议 /
    /// 行政诉讼（未经复议直接起诉）/ 行政诉讼（复议后起诉）) each with its own header row.
    case ocrMarkdown
    /// PDF-to-Markdown as in real file 101.md: a stray 正文 line, a title that starts with the year
    /// wrapped over two lines, label text in blocks away from its value rows, value rows in template
    /// order without labels, rows labelled by a fragment of a wrapped label, a stray number line, page
    /// markers `— 5 —` inside tables and prose, heading 五 absent and heading 六 renumbered 五.
    case detachedLabels
    /// Crawler text as in real files 102.txt and 103.txt: a metadata header (`标题:`, `发布时间:`,
    /// `原文链接:` …), then the whole article on one line with the table cells concatenated without
    /// any separator.
    case runTogether(RunTogetherHabit)
    /// `pdftotext -layout` text of a PDF whose narrow columns wrap long numbers (`3602` on the line
    /// above the row, `2` on the line below) and whose label column breaks labels inside a word
    /// (`1.属于国` / `家秘密`, `3.要求提供公开出版` / `物`).
    case narrowColumns
    /// A Word table's blank cells in space-aligned text: an empty carriedForward total, all five
    /// 法人或其他组织 columns empty in a row, every zero of some sub-rows left blank, a blank cell in
    /// tables 2 and 4.
    case wordBlanks
    /// Page furniture of a printed PDF: page numbers (`-2-`, `- 1 -`, `— 3 —`, `第4页`) between rows
    /// and inside sections, and table 3's header rows repeated at the top of the next page.
    case pageFurniture(FurnitureLayout)

    /// How the title and the agency are printed.
    public enum TitleHabit: String, Sendable, CaseIterable {
        /// A PDF centres the long title over two lines: `洪泽区人民政府` / `2023 年政府信息公开工作年度报告`.
        case wrappedOverTwoLines
        /// Over three lines: `宁波市江北区人民政府办公室` / `2023 年政府信息公开工作` / `年度报告`.
        case wrappedOverThreeLines
        /// `2024 年上海市科委政府信息公开工作` / `年度报告`: the agency is 上海市科委, the text between the
        /// year and 政府信息公开; the signature names the office (上海市科委办公室), which must not win.
        case startsWithTheYear
        /// Spaces around every number and in the title a space after 年 (`青山区人民政府 2024 年 政府…`),
        /// `2025 年 1 月 26 日`, `2024 年，…`.
        case spacesAroundDigits
        /// A crawler's header (`标题:`, `发布时间:`, `原文链接:` …) and breadcrumb (`当前位置： 首页 > …`)
        /// above the article, which has its own title line.
        case crawlerHeader
        /// The crawler's `标题:` line is the only title; the signature names the office, which must not win.
        case crawlerHeaderIsTheOnlyTitle
        /// No title, no signature, no date, and the prose says 我县: only the file name
        /// (`沭阳县人民政府2025年政府信息公开工作年度报告-沭阳县人民政府.txt`) names the agency.
        case fileNameOnly
        /// The file name names another agency, the text has a title: the title wins.
        case fileNameAndTitle
    }

    /// How table 3's row labels are printed.
    public enum LabelHabit: String, Sendable, CaseIterable {
        /// Typos and lost characters as published: `2.其他法律行政止公开`, `5.属于三类内部事物信息`,
        /// `4.无正当理由大量反复申`, `其它`, ASCII quotes, in tab-separated text.
        case typos
        /// Row numbers written another way: `1、`, `（1）`, `1)`, `①`, in tab-separated text.
        case renumbered
        /// Row numbers left out: `予以公开`, `属于国家秘密`, `其他`, `总计`, in tab-separated text.
        case unnumbered
        /// Long labels wrapped by the PDF's label column with the row's numbers on a line of their own
        /// below the label, above it, or between its two halves (`pdftotext -layout` text).
        case wrappedAroundNumbers
    }

    /// What the run-together digits leave to the reader.
    public enum RunTogetherHabit: String, Sendable, CaseIterable {
        /// Every row has exactly one split that satisfies the template's identities (and the count
        /// stated in 总体情况).
        case decidable
        /// As `decidable`, but table 2's 行政规范性文件 row prints `584731` for 58 | 4 | 731: nothing in
        /// the text decides where its three cells part.
        case undecidableTable2
        /// As `undecidableTable2`, but 总体情况 states two of the row's counts (制发…58件，现行有效…731件,
        /// and 规章制度, which is not the 规章 row): the prose decides.
        case table2StatedInProse
    }

    /// The flattening the page furniture is printed in.
    public enum FurnitureLayout: String, Sendable, CaseIterable {
        case tsv
        case spaced
    }

    /// Every case, one argument per habit.
    public static let allCases: [RealWorldCase] =
        TitleHabit.allCases.map(RealWorldCase.title) + LabelHabit.allCases.map(RealWorldCase.rowLabels)
        + [.traditional, .cmsPage, .cmsFragment, .headingTypos, .tableTwoOutOfOrder, .ocrMarkdown, .detachedLabels]
        + RunTogetherHabit.allCases.map(RealWorldCase.runTogether)
        + [.narrowColumns, .wordBlanks] + FurnitureLayout.allCases.map(RealWorldCase.pageFurniture)

    public var description: String {
        switch self {
        case .title(let habit): "title: \(habit.rawValue)"
        case .rowLabels(let habit): "row labels: \(habit.rawValue)"
        case .traditional: "traditional characters"
        case .cmsPage: "CMS page"
        case .cmsFragment: "CMS article without its page"
        case .headingTypos: "misprinted section headings"
        case .tableTwoOutOfOrder: "table 2's rows out of order"
        case .ocrMarkdown: "OCR Markdown"
        case .detachedLabels: "PDF Markdown with detached labels"
        case .runTogether(let habit): "run-together digits: \(habit.rawValue)"
        case .narrowColumns: "numbers wrapped in narrow columns"
        case .wordBlanks: "Word blanks"
        case .pageFurniture(let layout): "page furniture in \(layout.rawValue)"
        }
    }
}

// MARK: - What each case must read to

extension RealWorldCase {
    /// The report this case is rendered from.
    public var model: SampleReport {
        switch self {
        case .title(let habit):
            return habit.model
        case .rowLabels, .headingTypos, .tableTwoOutOfOrder, .ocrMarkdown, .narrowColumns, .pageFurniture:
            return .distinct()
        case .cmsFragment:
            var report = SampleReport.distinct()
            let sentence = "我区持续推进政务公开标准化规范化建设，完善公开目录，优化公开渠道，提升公开质量。"
            report.overview += (1...3).map { _ in String(repeating: sentence, count: 20) }
            return report
        case .traditional:
            var report = SampleReport.distinct(agency: "青山區人民政府")
            report.overview = report.overview.map(TraditionalCharacters.convert)
            report.problems = report.problems.map(TraditionalCharacters.convert)
            report.other = report.other.map(TraditionalCharacters.convert)
            return report
        case .cmsPage:
            var report = SampleReport.distinct()
            report.fee = "4166.241619"
            return report
        case .detachedLabels:
            return .distinct(agency: "青山区人民政府办公室")
        case .runTogether(let habit):
            return .runTogether(habit)
        case .wordBlanks:
            return .wordBlanks
        }
    }

    /// The file name the rendering arrives under.
    public var sourceName: String {
        switch self {
        case .title(.fileNameOnly): "沭阳县人民政府2025年政府信息公开工作年度报告-沭阳县人民政府.txt"
        case .title(.fileNameAndTitle): "沭阳县人民政府2025年政府信息公开工作年度报告-沭阳县人民政府.txt"
        case .cmsPage: "t20250126_80614.html"
        case .cmsFragment: "t20250126_80614.htm"
        case .ocrMarkdown, .detachedLabels: "80614.md"
        default: "80614.txt"
        }
    }

    /// The agency a reader must name.
    public var expectedAgency: String { model.agency }

    /// The year a reader must name.
    public var expectedYear: Int { model.year }

    /// The title a reader must give: the title lines joined, without a crawler's header and without
    /// the spaces of the layout around digits; `nil` when the file prints none.
    public var expectedTitle: String? {
        let model = model
        switch self {
        case .title(.fileNameOnly): return nil
        case .title(.startsWithTheYear), .detachedLabels: return "\(model.year)年\(model.agency)政府信息公开工作年度报告"
        case .traditional: return TraditionalCharacters.convert(model.title)
        default: return model.title
        }
    }

    /// The date under the signature, `nil` where the rendering prints no signature date (a crawler's
    /// `发布时间:` is not one).
    public var expectedPublishedOn: String? {
        switch self {
        case .title(.fileNameOnly), .detachedLabels, .runTogether: nil
        default: model.publishedOn
        }
    }

    /// The 200 values the record must hold, in template order. Undecidable cells hold the first
    /// candidate reading (the one with the fewest digits in the earliest cell).
    public var expectedCellValues: [String] {
        var values = model.expectedCellValues
        if case .runTogether(.undecidableTable2) = self {
            for (position, value) in zip(Self.undecidableCells, ["5", "8", "4731"]) {
                values[position.templateIndex] = value
            }
        }
        return values
    }

    /// The model whose plain tab-separated rendering has the same canonical content (agency, year,
    /// tables, sections) as this rendering, so the same `contentHash`; `nil` where the spec leaves the
    /// content open (heading 五 absent: no text is known to be `problems`).
    public var contentModel: SampleReport? {
        switch self {
        case .detachedLabels:
            return nil
        case .wordBlanks:
            var report = model
            report.blankMarkers = [:]  // blank reads as 0: the same content as a printed 0
            return report
        case .runTogether(.undecidableTable2):
            var report = model
            report.active[3...5] = [5, 8, 4731]
            return report
        default:
            return model
        }
    }

    /// Cells whose place the rendering leaves open (digits run together, a value row without its
    /// label, a number wrapped inside a column): each must be named in a `cells.inferred` warning.
    public var cellsLeftOpen: Set<SampleReport.CellPosition> {
        switch self {
        case .runTogether:
            // The rows with more digits than cells, and table 4's one run of 15 cells.
            let rows = [0, 2, 12, 23]
            return Set(rows.flatMap { row in (0..<7).map { SampleReport.CellPosition.request(row: row, column: $0) } })
                .union((0..<15).map(SampleReport.CellPosition.review))
        case .detachedLabels:
            return Set(
                Self.detachedValueRows.filter { $0 != 3 }.flatMap { row in
                    (0..<7).map { SampleReport.CellPosition.request(row: row, column: $0) }
                } + (3...5).map(SampleReport.CellPosition.active)
            )
        case .narrowColumns:
            return Set(Self.wrappedNumbers)
        default:
            return []
        }
    }

    /// Cells a reader may also name in `cells.inferred` (their place is open only in a weaker sense:
    /// a row of exactly as many digits as cells, a row labelled only by a fragment, a wrapped label);
    /// any other cell in `cells.inferred` is a reader's mistake.
    public var cellsMaybeInferred: Set<SampleReport.CellPosition> {
        switch self {
        case .runTogether:
            return Set(
                (0..<25).flatMap { row in (0..<7).map { SampleReport.CellPosition.request(row: row, column: $0) } }
                    + (0..<6).map(SampleReport.CellPosition.active)
            )
        case .detachedLabels:
            // 20 and 21 are labelled by a fragment; 3's label stands as loose lines right above its
            // values, which a reader may take as its label.
            return Set(
                [3, 20, 21].flatMap { row in (0..<7).map { SampleReport.CellPosition.request(row: row, column: $0) } }
            )
        case .rowLabels(.wrappedAroundNumbers):
            return Set(
                Self.wrappedLabelRows.flatMap { row in
                    (0..<7).map { SampleReport.CellPosition.request(row: row, column: $0) }
                }
            )
        default:
            return []
        }
    }

    /// Cells printed blank: read as 0 and named in a `cells.blank` warning.
    public var blankCells: Set<SampleReport.CellPosition> { Set(model.blankMarkers.keys) }

    /// Cells that more than one reading fits: named in a `cells.ambiguous` error.
    public var ambiguousCells: Set<SampleReport.CellPosition> {
        if case .runTogether(.undecidableTable2) = self { return Set(Self.undecidableCells) }
        return []
    }

    /// Table 2's 行政规范性文件 row, printed `584731` in `.runTogether(.undecidableTable2)`.
    public static let undecidableCells: [SampleReport.CellPosition] = [.active(3), .active(4), .active(5)]

    /// The table-3 rows that `.detachedLabels` prints as value rows without any label.
    public static let detachedValueRows = [3] + Array(12...19)

    /// The table-3 rows whose labels `.rowLabels(.wrappedAroundNumbers)` wraps around their numbers.
    public static let wrappedLabelRows = [3, 19, 20, 21]

    /// The cells `.narrowColumns` wraps inside their column: all but the last digits on the line above
    /// the row, the rest on the line below.
    public static let wrappedNumbers: [SampleReport.CellPosition] = [
        .request(row: 0, column: 6), .request(row: 23, column: 0), .request(row: 23, column: 6), .review(4), .review(9),
    ]
}

extension RealWorldCase.TitleHabit {
    var model: SampleReport {
        switch self {
        case .wrappedOverTwoLines:
            return .distinct(agency: "洪泽区人民政府", year: 2023)
        case .wrappedOverThreeLines:
            return .distinct(agency: "宁波市江北区人民政府办公室", year: 2023)
        case .startsWithTheYear:
            return .distinct(agency: "上海市科委", year: 2024)
        case .fileNameOnly:
            var report = SampleReport.distinct(agency: "沭阳县人民政府", year: 2025)
            report.overview[0] = "2025年，我县坚持以公开为常态、不公开为例外，全面推进政务公开工作。"
            return report
        default:
            return .distinct()
        }
    }
}

extension SampleReport.CellPosition {
    /// The cell's index in template order: the order of `Record.cellValues` and of
    /// `SampleReport.expectedCellValues`.
    public var templateIndex: Int {
        switch self {
        case .active(let index): index
        case .request(let row, let column): 10 + row * 7 + column
        case .review(let index): 185 + index
        }
    }
}

// MARK: - Models

extension SampleReport {
    /// Small counts as a county office reports them, chosen so that the digits of each table-3 row
    /// and of table 4, run together, part in exactly one way that satisfies the template's identities
    /// (row sums, column sums, balance) and the count stated in 总体情况; rows 0, 2, 12 and 23 and
    /// table 4 have more digits than cells. Table 2's two three-cell rows have three digits each, except
    /// in `.undecidableTable2` (`584731`).
    static func runTogether(_ habit: RealWorldCase.RunTogetherHabit) -> SampleReport {
        var report = SampleReport.distinct()
        report.active = habit == .decidable ? [2, 0, 8, 5, 1, 9, 1873, 954, 37] : [2, 0, 8, 58, 4, 731, 1873, 954, 37]
        report.fee = "3106.204417"
        let applicants: [Int: [Int]] = [
            2: [31, 6, 0, 1, 0, 2], 3: [7, 2, 0, 0, 0, 0], 5: [1, 0, 0, 0, 0, 0], 7: [3, 1, 0, 0, 0, 0],
            8: [2, 0, 0, 0, 0, 0], 9: [4, 0, 0, 0, 1, 0], 11: [1, 0, 0, 0, 0, 0], 12: [19, 4, 0, 0, 1, 2],
            13: [2, 0, 0, 0, 0, 0], 14: [1, 0, 0, 0, 0, 0], 15: [5, 0, 0, 0, 0, 0], 16: [3, 0, 0, 0, 0, 0],
            19: [1, 0, 0, 0, 0, 0], 20: [2, 0, 0, 0, 0, 0], 22: [6, 1, 0, 0, 0, 0],
            1: [4, 0, 0, 0, 0, 1], 24: [3, 1, 0, 0, 0, 0],
        ]
        for row in 0..<25 {
            report.requests[row] = (applicants[row] ?? [0, 0, 0, 0, 0, 0]) + [0]
        }
        report.rebalance()
        report.reviews = [3, 1, 2, 0, 6, 10, 0, 2, 1, 13, 1, 0, 0, 1, 2]
        if habit == .table2StatedInProse {
            report.overview.append("本年度制发行政规范性文件58件，现行有效行政规范性文件731件，规章制度进一步健全。")
        }
        return report
    }

    /// `distinct()` with the cells a Word table leaves empty set to 0 and printed blank, the totals
    /// made consistent again.
    static var wordBlanks: SampleReport {
        var report = SampleReport.distinct()
        var blanks: [CellPosition] = [.active(1), .review(3)]
        report.active[1] = 0
        report.reviews[3] = 0
        report.reviews[4] = report.reviews[0..<4].reduce(0, +)
        // carriedForward: zeros typed in, the total left empty.
        report.requests[24] = [0, 0, 0, 0, 0, 0, 0]
        blanks.append(.request(row: 24, column: 6))
        // granted: all five 法人或其他组织 columns empty.
        for column in 1...5 {
            report.requests[2][column] = 0
            blanks.append(.request(row: 2, column: column))
        }
        // Sub-rows whose zeros are all left blank; publication is blank throughout.
        let zeros = [10: [0, 1, 2, 4, 5], 13: [1, 3, 4, 5], 17: [0, 1, 2, 3, 4, 5]]
        for (row, columns) in zeros {
            for column in columns { report.requests[row][column] = 0 }
            blanks += columns.map { .request(row: row, column: $0) }
            if row == 17 { blanks.append(.request(row: 17, column: 6)) }
        }
        report.rebalance()
        for position in blanks { report.blankMarkers[position] = "" }
        return report
    }

    /// Recomputes table 3's derived cells from the applicant columns of the outcome rows, carriedOver
    /// and carriedForward: row totals, the 总计 row, and received (by the balance); 总体情况 states the
    /// new received total.
    mutating func rebalance() {
        for row in 0..<25 { requests[row][6] = requests[row][0..<6].reduce(0, +) }
        for column in 0..<7 {
            requests[23][column] = (2...22).reduce(0) { $0 + requests[$1][column] }
            requests[0][column] = requests[23][column] + requests[24][column] - requests[1][column]
        }
        stateRequests(requests[0][6])
    }
}

// MARK: - Rendering

/// One piece of a report in reading order, as the real-world renderers lay it out.
enum ReportPiece {
    case title(String)
    /// The index of the section heading in `TemplateLabels.headings` (0 for 一 … 5 for 六).
    case heading(Int)
    case prose(String)
    case table(ReportTable, [[String]])
    case signature(String)
    case date(String)
}

enum ReportTable {
    case active
    case requests
    case reviews
}

extension SampleReport {
    /// The report in reading order: title, the six sections with their tables, signature and date.
    var pieces: [ReportPiece] {
        var pieces: [ReportPiece] = [.title(title), .heading(0)]
        pieces += overview.map(ReportPiece.prose)
        pieces += [.heading(1), .table(.active, activeTable)]
        pieces += [.heading(2), .table(.requests, requestsTable)]
        pieces += [.heading(3), .table(.reviews, reviewsTable)]
        pieces.append(.heading(4))
        pieces += problems.map(ReportPiece.prose)
        pieces.append(.heading(5))
        pieces += other.map(ReportPiece.prose)
        pieces.append(.signature(agency))
        if let signatureDate { pieces.append(.date(signatureDate)) }
        return pieces
    }

    /// The report rendered with the real-world habit `habit` (see ``RealWorldCase``).
    public func render(_ habit: RealWorldCase) -> String {
        switch habit {
        case .title(let titleHabit): renderTitle(titleHabit)
        case .rowLabels(.wrappedAroundNumbers): AlignedText.document(self, habit: .wrappedLabels)
        case .rowLabels(let labelHabit): Self.tsv(pieces.map { $0.relabelled(labelHabit) })
        case .traditional: TraditionalCharacters.convert(render(.tsv))
        case .cmsPage: cmsPage
        case .cmsFragment: cmsFragment
        case .headingTypos:
            HeadingVariants.typos.reduce(render(.tsv)) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        case .tableTwoOutOfOrder:
            Self.tsv(
                pieces.map { piece in
                    guard case .table(.active, let rows) = piece else { return piece }
                    return .table(.active, [rows[0]] + rows[4...] + rows[1...3])
                }
            )
        case .ocrMarkdown: ocrMarkdown
        case .detachedLabels: detachedLabelsMarkdown
        case .runTogether: crawlerText
        case .narrowColumns: AlignedText.document(self, habit: .narrowColumns)
        case .wordBlanks: AlignedText.document(self, habit: .plain)
        case .pageFurniture(.tsv): furnishedTSV
        case .pageFurniture(.spaced): AlignedText.document(self, habit: .pageFurniture)
        }
    }

    /// `render(habit)` as UTF-8 bytes.
    public func bytes(_ habit: RealWorldCase) -> [UInt8] { Array(render(habit).utf8) }

    /// Pieces as tab-separated text, one line per paragraph and per table row.
    static func tsv(_ pieces: [ReportPiece]) -> String {
        pieces.flatMap(\.tsvLines).joined(separator: "\n") + "\n"
    }

    private func renderTitle(_ habit: RealWorldCase.TitleHabit) -> String {
        var lines = pieces.map { piece -> [String] in
            switch piece {
            case .title:
                switch habit {
                case .wrappedOverTwoLines: return [agency, "\(year) 年政府信息公开工作年度报告"]
                case .wrappedOverThreeLines: return [agency, "\(year) 年政府信息公开工作", "年度报告"]
                case .startsWithTheYear: return ["\(year) 年\(agency)政府信息公开工作", "年度报告"]
                case .spacesAroundDigits: return ["\(agency) \(year) 年 政府信息公开工作年度报告"]
                case .crawlerHeaderIsTheOnlyTitle, .fileNameOnly: return []
                case .crawlerHeader, .fileNameAndTitle: return [title]
                }
            case .signature:
                switch habit {
                case .startsWithTheYear, .crawlerHeaderIsTheOnlyTitle: return ["\(agency)办公室"]
                case .fileNameOnly: return []
                default: return piece.tsvLines
                }
            case .date(let date):
                switch habit {
                case .spacesAroundDigits: return [Self.spacedDigits(date)]
                case .fileNameOnly: return []
                default: return [date]
                }
            case .prose(let text) where habit == .spacesAroundDigits:
                return [Self.spacedDigits(text)]
            default:
                return piece.tsvLines
            }
        }.flatMap { $0 }
        if habit == .crawlerHeader || habit == .crawlerHeaderIsTheOnlyTitle {
            lines = crawlerHeader + ["当前位置： 首页 > 政务公开 > 政府信息公开年报 > 正文"] + lines
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `2024年1月` as `2024 年 1 月`: a space on either side of every run of digits inside a sentence.
    static func spacedDigits(_ text: String) -> String {
        var result = ""
        var previousIsDigit = false
        for character in text {
            let isDigit = character.isASCII && character.isNumber
            if isDigit != previousIsDigit, !result.isEmpty { result += " " }
            result.append(character)
            previousIsDigit = isDigit
        }
        return result
    }

    /// The metadata header a site crawler writes above the page text (as in real files 102/103).
    var crawlerHeader: [String] {
        [
            "标题: \(title)",
            "发布时间: \(publishedOn ?? "") 09:30",
            "文号: ",
            "发布机构: \(agency)办公室",
            "栏目: 政府信息公开年报",
            "原文链接: https://www.example.gov.cn/zwgk/zfxxgknb/\(year + 1)01/t\(year + 1)0126_80614.htm",
            "本地目录: zwgk/zfxxgknb/\(year + 1)01/80614_\(title)",
            "页面链接与图片详见 links.tsv(同目录)",
            "==================== 正文 ====================",
        ]
    }

    /// The crawler's text of a CMS page: its header, then the whole article on one line, every table
    /// cell concatenated with the next without a separator; breadcrumb chrome before the article, no
    /// signature or date after it.
    var crawlerText: String {
        var body = "当前位置： 首页政务公开政府信息公开年报 \(title) 来源：\(agency)办公室 时间：\(publishedOn ?? "") 09:30"
        body += " 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： --> "
        for piece in pieces {
            switch piece {
            case .title, .signature, .date: continue
            case .heading(let index): body += (index == 0 ? "" : " ") + TemplateLabels.headings[index]
            case .prose(let text): body += text
            case .table(_, let rows): body += rows.map { $0.joined() }.joined()
            }
        }
        return (crawlerHeader + [body]).joined(separator: "\n")
    }

    /// Tab-separated text with page numbers between rows and inside paragraphs, and table 3's header
    /// rows repeated after the page break inside it.
    var furnishedTSV: String {
        var lines: [String] = []
        for piece in pieces {
            switch piece {
            case .prose(let text) where text == overview[1]:
                let (head, tail) = text.halves
                lines += [head, "- 1 -", tail]
            case .prose(let text) where text == problems[0]:
                let (head, tail) = text.halves
                lines += [head, "第4页", tail]
            case .table(.active, let rows):
                lines += rows[..<7].map { $0.joined(separator: "\t") } + ["-2-"]
                lines += rows[7...].map { $0.joined(separator: "\t") }
            case .table(.requests, let rows):
                let header = TemplateLabels.requestHeader.count
                lines += rows[..<(header + 12)].map { $0.joined(separator: "\t") }
                lines += ["— 3 —"] + TemplateLabels.requestHeader.map { $0.joined(separator: "\t") }
                lines += rows[(header + 12)...].map { $0.joined(separator: "\t") }
            case .date(let date):
                lines += [date, "- 5 -"]
            default:
                lines += piece.tsvLines
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ReportPiece {
    var tsvLines: [String] {
        switch self {
        case .title(let text), .prose(let text), .signature(let text), .date(let text): [text]
        case .heading(let index): [TemplateLabels.headings[index]]
        case .table(_, let rows): rows.map { $0.joined(separator: "\t") }
        }
    }

    /// The piece with table 3's labels printed the way `habit` prints them.
    func relabelled(_ habit: RealWorldCase.LabelHabit) -> ReportPiece {
        guard case .table(.requests, let rows) = self else { return self }
        let labels = LabelVariants.table(for: habit)
        return .table(.requests, rows.map { row in row.map { labels[$0] ?? $0 } })
    }
}

/// Section headings as real reports misprint them.
public enum HeadingVariants {
    /// The printed heading and its misprint, for headings 二 to 六.
    public static let typos = [
        "二、主动公开政府信息情况": "二、主动公开政府信息的情况",
        "三、收到和处理政府信息公开申请情况": "三、收到和处理政府信息公开申情况",
        "四、政府信息公开行政复议、行政诉讼情况": "四、政府信息公开行政法复议、行政诉讼情况",
        "五、存在的主要问题及改进情况": "五、政府信息公开工作存在主要问题及改进情况",
        "六、其他需要报告的事项": "六、其它需要报告的事项",
    ]
}

/// Table 3's labels as real reports misprint or renumber them.
enum LabelVariants {
    static func table(for habit: RealWorldCase.LabelHabit) -> [String: String] {
        switch habit {
        case .typos: typos
        case .renumbered: renumbered
        case .unnumbered: unnumbered
        case .wrappedAroundNumbers: [:]
        }
    }

    static let typos = [
        "一、本年新收政府信息公开申请数量": "一、本年新收政府信息公开申请数",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开（区分处理的，只计这一情形，不计其它情形）",
        "2.其他法律行政法规禁止公开": "2.其他法律行政止公开",
        "3.危及“三安全一稳定”": "3.危及\"三安全一稳定\"",
        "5.属于三类内部事务信息": "5.属于三类内部事物信息",
        "2.没有现成信息需要另行制作": "2.没有现成信息需另行制作",
        "4.无正当理由大量反复申请": "4.无正当理由大量反复申",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申",
        "四、结转下年度继续办理": "四、结转下年度继续办",
    ]

    /// Sub-rows numbered `1、` under （三）, `（1）` under （四）, `1)` under （五） and `①` under （六）.
    static let renumbered: [String: String] = {
        var labels: [String: String] = [:]
        var style = { (number: Int) in "\(number)." }
        for (group, label) in TemplateLabels.requestRows {
            switch group {
            case "（三）不予公开": style = { "\($0)、" }
            case "（四）无法提供": style = { "（\($0)）" }
            case "（五）不予处理": style = { "\($0))" }
            case "（六）其他处理": style = { String(UnicodeScalar(0x245F + $0)!) }
            default: break
            }
            guard let dot = label.firstIndex(of: "."), let number = Int(label[..<dot]) else { continue }
            labels[label] = style(number) + label[label.index(after: dot)...]
        }
        return labels
    }()

    /// Every row and group label without its number: `予以公开`, `属于国家秘密`, `其他`, `总计`.
    static let unnumbered: [String: String] = {
        var labels: [String: String] = [:]
        let numbering = #/^([一二三四五六七]、|（[一二三四五六七]）|[0-9]\.)/#
        for (group, label) in TemplateLabels.requestRows {
            for text in [group, label].compactMap({ $0 }) {
                labels[text] = text.replacing(numbering, with: "")
            }
        }
        return labels
    }()
}
