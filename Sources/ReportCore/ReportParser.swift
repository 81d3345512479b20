import Crypto

/// Reads the bytes of one file into a ``Record``, or says why it is not a report.
///
/// The parser is pure and deterministic: the same bytes always give the same record, it does no I/O
/// (PDF text extraction is delegated to a ``PDFTextExtracting``), and it never throws or traps on bad
/// input: every failure is a ``NotAReport`` with a reason.
///
/// The stages, in order: container and encoding (`SourceText`: a PDF through `pdfText`, `DocxText`,
/// `HTMLText`, else `DecodedText`) → normalised lines (`TextNormalizer`), run-on lines cut at their headings
/// (`RunOnLines`) → section headings, identity (`Outline`, `Identity`), template edition (`Edition`)
/// → layout reader (`TextLayout`) → cell stream → tables (`TableReader`: `TableExtractor` for a clean
/// table, else `TableStream`, `RowAlignment`, `DigitSplitter`, `ColumnLayout`, `ReadingChoice`) →
/// validation (`Validator`) → the record's typed tables and the canonical content and its hash, both
/// read from the cells through the template's `CellTree`s (`CellTreeDecoder`, `CanonicalContent`).
public struct ReportParser: Sendable {
    private let pdfText: (any PDFTextExtracting)?

    /// - Parameter pdfText: converts PDFs to layout text; without one, PDFs are refused.
    public init(pdfText: (any PDFTextExtracting)? = nil) {
        self.pdfText = pdfText
    }

    /// Parses and validates one file.
    /// - Parameters:
    ///   - bytes: the file's raw bytes.
    ///   - sourceName: the name recorded in `source.name` (the daemon passes the inbox-relative path).
    public func parse(_ bytes: [UInt8], sourceName: String) -> Result<Record, NotAReport> {
        do {
            return .success(try record(bytes, sourceName: sourceName))
        } catch {
            return .failure(error)
        }
    }

    /// The lines the parser reads in a file: its text, decoded or extracted from its container,
    /// folded, with run-on lines cut at their headings; each with the number that `sourceLines` give.
    public func lines(_ bytes: [UInt8]) -> Result<[(number: Int, text: String)], NotAReport> {
        do throws(NotAReport) {
            let (_, lines, numbers) = try readableLines(bytes)
            return .success(zip(numbers, lines).map { (number: $0, text: $1) })
        } catch {
            return .failure(error)
        }
    }

    /// The file's text, its lines as read, and the 1-based source line of each.
    private func readableLines(_ bytes: [UInt8]) throws(NotAReport) -> (SourceText, [String], [Int]) {
        let text = try SourceText(bytes, pdfText: pdfText)
        let (lines, numbers) = RunOnLines.split(TextNormalizer.lines(of: text.text))
        return (text, lines, numbers)
    }

    private func record(_ bytes: [UInt8], sourceName: String) throws(NotAReport) -> Record {
        let (text, lines, lineNumbers) = try readableLines(bytes)
        let outline = Outline(lines: lines)
        guard let requestsBody = outline.body(of: .requests) else {
            throw NotAReport(.notAReport, "no section \(Outline.Section.requests.heading): not an annual report")
        }
        guard let activeBody = outline.body(of: .active) else {
            throw NotAReport(.unreadableTable, "no section \(Outline.Section.active.heading) (table 2)")
        }
        guard let reviewsBody = outline.body(of: .reviews) else {
            throw NotAReport(.unreadableTable, "no section \(Outline.Section.reviews.heading) (table 4)")
        }
        let edition = try Edition.of(table: lines[activeBody], numbers: lineNumbers)
        let identity = try Identity(outline, sourceName: sourceName)
        let layout = text.layout ?? TextLayout.detect(lines)

        let overview = outline.body(of: .overview).map { lines[$0] } ?? []
        let stated = StatedDocumentCounts.cells(overview: overview, edition: edition)
        func readActive(_ activeLines: ArraySlice<String>, numbers: [Int]) throws(NotAReport) -> TableCells {
            var cells = TableCells()
            try TableReader.read(
                edition.activeTable,
                from: layout.cells(of: activeLines, numbers: numbers),
                positioned: layout == .spaced,
                stated: stated,
                into: &cells
            )
            return cells
        }
        var cells: TableCells
        do {
            cells = try readActive(lines[activeBody], numbers: lineNumbers)
        } catch {
            // Some extractions print table 2's rows out of order: read them again in the template's.
            let shape = edition.activeTable
            guard let reordered = RowBlocks.inTemplateOrder(lines[activeBody], numbers: lineNumbers, shape: shape)
            else { throw error }
            cells = try readActive(reordered.lines[...], numbers: reordered.numbers)
        }
        var narrative = NarrativeCount(overview: overview)
        if let line = narrative?.line { narrative?.line = lineNumbers[line - 1] }
        try TableReader.read(
            Template.requestsTable,
            from: layout.cells(of: lines[requestsBody], numbers: lineNumbers),
            positioned: layout == .spaced,
            stated: narrative.flatMap { Int($0.count) }.map { [Template.receivedTotalCell: $0] } ?? [:],
            into: &cells
        )
        try TableReader.read(
            Template.reviewsTable,
            from: layout.cells(of: lines[reviewsBody], numbers: lineNumbers),
            positioned: layout == .spaced,
            into: &cells
        )

        let findings = Validator.findings(cells, edition: edition, narrative: narrative)
        let sections = Record.Sections(
            overview: SectionText.of(overview),
            problems: outline.body(of: .problems).map { SectionText.of(lines[$0]) } ?? "",
            other: outline.body(of: .other).map { SectionText.of(lines[$0]) } ?? ""
        )
        let tables = cells.tables(edition)
        let content = CanonicalContent(
            agency: identity.agency,
            year: identity.year,
            edition: edition,
            cells: cells,
            sections: sections
        )
        return Record(
            edition: edition.rawValue,
            agency: identity.agency,
            year: identity.year,
            title: identity.title,
            publishedOn: identity.publishedOn,
            contentHash: content.hash,
            source: Record.Source(
                name: sourceName,
                sha256: SHA256.hash(data: bytes).hexString,
                bytes: bytes.count,
                encoding: text.encoding.rawValue,
                layout: text.layoutName ?? layout.rawValue
            ),
            active: tables.active,
            requests: tables.requests,
            reviews: tables.reviews,
            sections: sections,
            validation: Record.Validation(findings: findings)
        )
    }
}
