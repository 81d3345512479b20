import Foundation
import ReportCore
import ReportFixtures
import Testing

/// Reports as they are really published (`docs/record.md`, "Identity" and "Reading the tables
/// as they are published"), each habit written out from a model by `RealWorldCase` (never copied from
/// a real file). Every cell of a model holds a value no other cell holds wherever the habit allows it,
/// so a value read into the wrong row or column fails; the content must hash as the plain
/// tab-separated rendering of the same model does, and the findings must be exactly the ones the
/// spec asks for: `cells.blank` for blanks, `cells.inferred` for cells whose place the text leaves
/// open, `cells.ambiguous` for cells it leaves undecided.
struct RealWorldReadingTests {
    // MARK: Helpers

    static func parse(_ habit: RealWorldCase) throws -> Record {
        try ReportParser().parse(habit.model.bytes(habit), sourceName: habit.sourceName).get()
    }

    /// The record of `model` as plain tab-separated text: the content every rendering of it has.
    static func reference(_ model: SampleReport) throws -> Record {
        try ReportParser().parse(model.bytes(.tsv), sourceName: "reference.txt").get()
    }

    /// The 200 dotted cell keys of the spec, in template order.
    static let cellKeys: [String] = {
        let counts = ["issued", "repealed", "inForce"]
        var keys = ["rules", "normativeDocuments"].flatMap { table in counts.map { "active.\(table).\($0)" } }
        keys += ["licensing", "punishment", "coercion", "feesTenThousandYuan"].map { "active.\($0)" }
        let denied =
            ["stateSecret", "prohibitedByLaw", "endangersSecurity", "thirdPartyRights", "internalAffairs"]
            + ["processInformation", "enforcementFiles", "queryMatters"]
        let rows =
            ["received", "carriedOver", "granted", "partiallyGranted"] + denied.map { "denied.\($0)" }
            + ["notHeld", "needsCreation", "unclear"].map { "unavailable.\($0)" }
            + ["petition", "repeated", "publication", "excessive", "reconfirm"].map { "notProcessed.\($0)" }
            + ["overdueCorrection", "unpaidFee", "other"].map { "otherHandling.\($0)" } + ["total", "carriedForward"]
        let columns = ["naturalPerson", "commercial", "research", "socialWelfare", "legalService", "otherOrg", "total"]
        keys += rows.flatMap { row in columns.map { "requests.\(row).\($0)" } }
        let groups = ["review", "litigationDirect", "litigationAfterReview"]
        keys += groups.flatMap { group in
            ["upheld", "corrected", "other", "pending", "total"].map { "reviews.\(group).\($0)" }
        }
        return keys
    }()

    static func keys(_ positions: Set<SampleReport.CellPosition>) -> Set<String> {
        Set(positions.map { cellKeys[$0.templateIndex] })
    }

    /// `key: read X, expected Y` for every cell the record holds wrongly.
    static func misreadCells(_ record: Record, _ expected: [String]) -> [String] {
        zip(record.cellValues, expected).compactMap { cell, value in
            cell.value == value ? nil : "\(cell.key): read \(cell.value), expected \(value)"
        }
    }

    /// Checks what the spec demands of `habit`'s record: identity, all 200 cells, the content hash
    /// and the findings.
    static func expectRead(_ record: Record, as habit: RealWorldCase) throws {
        #expect(record.agency == habit.expectedAgency)
        #expect(record.year == habit.expectedYear)
        #expect(record.title == habit.expectedTitle)
        #expect(record.publishedOn == habit.expectedPublishedOn)
        #expect(record.cellValues.count == 200)
        let misread = misreadCells(record, habit.expectedCellValues)
        #expect(misread.isEmpty, "\(misread.count) cells misread: \(misread.prefix(10).joined(separator: "; "))")
        if let content = habit.contentModel {
            let reference = try reference(content)
            #expect(record.sections == reference.sections)
            #expect(record.contentHash == reference.contentHash)
        }
        expectFindings(record, habit)
    }

    /// The findings are exactly those the habit calls for, each naming exactly its cells.
    static func expectFindings(_ record: Record, _ habit: RealWorldCase) {
        let findings = record.validation.findings
        var allowed: Set<String> = []
        if !habit.blankCells.isEmpty { allowed.insert("cells.blank") }
        if !habit.cellsLeftOpen.isEmpty || !habit.cellsMaybeInferred.isEmpty { allowed.insert("cells.inferred") }
        if !habit.ambiguousCells.isEmpty { allowed.insert("cells.ambiguous") }
        let unexpected = findings.filter { !allowed.contains($0.rule) }
        #expect(unexpected.isEmpty, "unexpected findings: \(unexpected.map { "\($0.rule) \($0.cells.prefix(8))" })")

        let cells = { (rule: String) in Set(findings.filter { $0.rule == rule }.flatMap(\.cells)) }
        let severities = { (rule: String) in Set(findings.filter { $0.rule == rule }.map(\.severity)) }
        if !habit.blankCells.isEmpty {
            #expect(cells("cells.blank") == keys(habit.blankCells))
            #expect(severities("cells.blank") == [.warning])
        }
        let open = keys(habit.cellsLeftOpen)
        let inferred = cells("cells.inferred")
        if !open.isEmpty {
            #expect(
                open.subtracting(inferred).isEmpty,
                "not named in cells.inferred: \(open.subtracting(inferred).sorted())"
            )
            #expect(severities("cells.inferred") == [.warning])
        }
        let stray = inferred.subtracting(open).subtracting(keys(habit.cellsMaybeInferred))
        #expect(stray.isEmpty, "named in cells.inferred though the text gives their place: \(stray.sorted())")
        if !habit.ambiguousCells.isEmpty {
            #expect(cells("cells.ambiguous") == keys(habit.ambiguousCells))
            #expect(severities("cells.ambiguous") == [.error])
        }
        #expect(record.validation.status == (habit.ambiguousCells.isEmpty ? .valid : .inconsistent))
    }

    // MARK: 1. Titles and agencies

    @Test(arguments: RealWorldCase.TitleHabit.allCases)
    func titleAndAgencyAsPublished(_ habit: RealWorldCase.TitleHabit) throws {
        try Self.expectRead(Self.parse(.title(habit)), as: .title(habit))
    }

    // MARK: 2. Row labels

    @Test(arguments: RealWorldCase.LabelHabit.allCases)
    func rowLabelsAsPublished(_ habit: RealWorldCase.LabelHabit) throws {
        try Self.expectRead(Self.parse(.rowLabels(habit)), as: .rowLabels(habit))
    }

    // MARK: 3. Traditional characters

    @Test func traditionalCharactersThroughout() throws {
        let record = try Self.parse(.traditional)
        #expect(record.agency == "青山區人民政府")
        #expect(record.title == "青山區人民政府2024年政府信息公開工作年度報告")
        try Self.expectRead(record, as: .traditional)
    }

    // MARK: 4. CMS pages

    @Test func trsLikeCMSPage() throws {
        let record = try Self.parse(.cmsPage)
        #expect(record.source.layout == "html")
        #expect(record.active.edition2021?.feesTenThousandYuan == "4166.241619")
        try Self.expectRead(record, as: .cmsPage)
    }

    @Test func cmsArticleSavedWithoutItsPage() throws {
        let record = try Self.parse(.cmsFragment)
        #expect(record.source.layout == "html")
        try Self.expectRead(record, as: .cmsFragment)
    }

    // MARK: Misprinted headings

    @Test func misprintedSectionHeadings() throws {
        try Self.expectRead(Self.parse(.headingTypos), as: .headingTypos)
    }

    /// Crawler text cuts its one line at the headings: misprinted ones too.
    @Test func misprintedSectionHeadingsInCrawlerText() throws {
        let habit = RealWorldCase.runTogether(.decidable)
        let printed = habit.model.render(habit)
        let misprinted = HeadingVariants.typos.reduce(printed) {
            $0.replacingOccurrences(of: $1.key, with: $1.value)
        }
        #expect(misprinted != printed)
        try Self.expectRead(
            ReportParser().parse(Array(misprinted.utf8), sourceName: habit.sourceName).get(),
            as: habit
        )
    }

    @Test func tableTwoWithItsRowsOutOfOrder() throws {
        try Self.expectRead(Self.parse(.tableTwoOutOfOrder), as: .tableTwoOutOfOrder)
    }

    // MARK: 5. OCR / vision transcriptions

    @Test func ocrTranscriptionToMarkdown() throws {
        try Self.expectRead(Self.parse(.ocrMarkdown), as: .ocrMarkdown)
    }

    // MARK: 6. PDF-to-Markdown with detached labels

    @Test func pdfMarkdownWithLabelsDetachedFromTheirNumbers() throws {
        let habit = RealWorldCase.detachedLabels
        let record = try Self.parse(habit)
        try Self.expectRead(record, as: habit)
        // Heading 五 is absent, so `problems` is left open; 一 and 六 (printed 五) are not.
        let reference = try Self.reference(habit.model)
        #expect(record.sections.overview == reference.sections.overview)
        #expect(record.sections.other == reference.sections.other)
        #expect(!record.sections.overview.contains("—1—"))
    }

    // MARK: 7. Digits run together

    @Test(arguments: RealWorldCase.RunTogetherHabit.allCases)
    func digitsRunTogetherInCrawlerText(_ habit: RealWorldCase.RunTogetherHabit) throws {
        let record = try Self.parse(.runTogether(habit))
        try Self.expectRead(record, as: .runTogether(habit))
        if habit == .undecidableTable2 {
            // The undecided cells hold the first candidate; the message lists the candidates.
            let documents = try #require(record.active.edition2021?.normativeDocuments)
            #expect(documents.issued == 5)
            #expect(documents.repealed == 8)
            #expect(documents.inForce == 4731)
            let message = record.validation.findings.first { $0.rule == "cells.ambiguous" }?.message ?? ""
            #expect(message.contains("4731") && message.contains("58") && message.contains("731"))
        }
    }

    // MARK: 8. Numbers and labels wrapped in narrow columns

    @Test func numbersWrappedInsideNarrowColumns() throws {
        try Self.expectRead(Self.parse(.narrowColumns), as: .narrowColumns)
    }

    // MARK: 9. Blank cells

    @Test func blankCellsAsWordTablesLeaveThem() throws {
        let record = try Self.parse(.wordBlanks)
        #expect(record.requests.carriedForward.total == 0)
        #expect(record.counts(under: "requests.granted")[1...5] == [0, 0, 0, 0, 0])
        try Self.expectRead(record, as: .wordBlanks)
    }

    // MARK: 10. Page furniture

    @Test(arguments: RealWorldCase.FurnitureLayout.allCases)
    func pageFurnitureIsNotContent(_ layout: RealWorldCase.FurnitureLayout) throws {
        let record = try Self.parse(.pageFurniture(layout))
        try Self.expectRead(record, as: .pageFurniture(layout))
        for section in [record.sections.overview, record.sections.problems, record.sections.other] {
            for marker in ["-1-", "-2-", "—3—", "第4页", "-5-"] {
                #expect(!section.contains(marker), "page number \(marker) in a section")
            }
        }
    }

    // MARK: The fixtures themselves

    /// Every model is a consistent report: read from plain tab-separated text it raises no finding, so
    /// a finding above comes from the habit, not from the model.
    @Test(arguments: RealWorldCase.allCases)
    func everyModelIsConsistentAsPlainText(_ habit: RealWorldCase) throws {
        let model = habit.contentModel ?? habit.model
        let record = try Self.reference(model)
        #expect(record.validation.findings == [])
        #expect(record.cellValues.map(\.value) == habit.expectedCellValues)
        #expect(record.cellValues.map(\.key) == Self.cellKeys)
    }

    /// The cuts of `digits` into `count` numbers without leading zeros.
    static func splits(_ digits: Substring, into count: Int) -> [[Int]] {
        guard count > 1 else { return digits.count > 1 && digits.first == "0" ? [] : [[Int(digits)!]] }
        guard digits.count >= count else { return [] }
        var result: [[Int]] = []
        for length in 1...(digits.count - count + 1) {
            let head = digits.prefix(length)
            if length > 1 && head.first == "0" { continue }
            result += splits(digits.dropFirst(length), into: count - 1).map { [Int(head)!] + $0 }
        }
        return result
    }

    /// What the run-together models claim: table 3 and table 4 part in exactly one way that satisfies
    /// the identities and the stated count; rows 0, 2, 12, 23 have more digits than cells;
    /// `584731` parts in ten ways, the first being 5 | 8 | 4731.
    @Test func runTogetherDigitsPartAsClaimed() throws {
        let model = RealWorldCase.runTogether(.decidable).model
        let rows = model.requests.map { row in
            Self.splits(Substring(row.map(String.init).joined()), into: 7).filter { $0[0..<6].reduce(0, +) == $0[6] }
        }
        #expect(rows.indices.filter { model.requests[$0].map(String.init).joined().count > 7 } == [0, 2, 12, 23])
        var readings = [[[Int]]()]
        for candidates in rows {
            readings = readings.flatMap { reading in candidates.map { reading + [$0] } }
        }
        readings = readings.filter { (table: [[Int]]) -> Bool in
            guard table[0][6] == model.narrativeRequests else { return false }
            return (0..<7).allSatisfy { (column: Int) -> Bool in
                let outcomes: Int = (2...22).reduce(0) { $0 + table[$1][column] }
                let balance: Bool = table[0][column] + table[1][column] == table[23][column] + table[24][column]
                return table[23][column] == outcomes && balance
            }
        }
        #expect(readings == [model.requests])
        let reviews = Self.splits(Substring(model.reviews.map(String.init).joined()), into: 15).filter { cells in
            (0..<3).allSatisfy { group in cells[group * 5..<group * 5 + 4].reduce(0, +) == cells[group * 5 + 4] }
        }
        #expect(reviews == [model.reviews])
        let table2 = Self.splits("584731", into: 3)
        #expect(table2.count == 10)
        #expect(table2.first == [5, 8, 4731])
    }

    @Test func theRenderingsShowTheirHabits() {
        let text = { (habit: RealWorldCase) in habit.model.render(habit) }
        #expect(text(.runTogether(.decidable)).split(separator: "\n").count == 10)
        #expect(text(.runTogether(.decidable)).contains("一、本年新收政府信息公开申请数量87150123108二、"))
        #expect(text(.runTogether(.undecidableTable2)).contains("行政规范性文件584731第二十条"))
        #expect(text(.traditional).contains("1.屬於國家秘密") && !text(.traditional).contains("属于"))
        let narrow = text(.narrowColumns).split(separator: "\n").map { $0.split(separator: " ") }
        #expect(narrow.contains(["3602", "3618"]) && narrow.contains(["2", "2"]))
        #expect(narrow.contains(["家秘密"]) && narrow.contains(["物"]))
        #expect(text(.detachedLabels).contains("\n— 5 —\n") && !text(.detachedLabels).contains("五、存在的主要问题"))
        #expect(text(.cmsPage).contains("4166.241619") && text(.cmsPage).contains("结果<br/>维持"))
        #expect(text(.ocrMarkdown).contains("数据6 |\n") && text(.ocrMarkdown).contains("**行政诉讼（复议后起诉）**"))
        #expect(text(.pageFurniture(.spaced)).contains("— 3 —") && text(.pageFurniture(.tsv)).contains("\n第4页\n"))
        #expect(text(.rowLabels(.typos)).contains("\t2.其他法律行政止公开\t"))
    }
}

/// Files that look like reports but are not one stay refused, however lenient the reading becomes.
struct RealWorldRefusalTests {
    @Test(arguments: NotAReportSample.allCases)
    func isRefused(_ sample: NotAReportSample) {
        let result = ReportParser().parse(Array(sample.text.utf8), sourceName: "\(sample.rawValue).txt")
        guard case .failure(let notAReport) = result else {
            Issue.record("\(sample.rawValue) was read as a report")
            return
        }
        switch sample {
        case .disclosureGuide:
            #expect(notAReport.kind == .notAReport)
        case .meetingMinutes, .blankTemplate, .truncatedTSV, .truncatedSpaced:
            #expect([NotAReport.Kind.notAReport, .unreadableTable].contains(notAReport.kind))
        }
    }
}
