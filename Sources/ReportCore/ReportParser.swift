/// Reads the bytes of one file into a ``Record``, or says why it is not a report.
///
/// The parser is pure and deterministic: the same bytes always give the same record, it does no I/O
/// (PDF text extraction is delegated to a ``PDFTextExtracting``), and it never throws or traps on bad
/// input: every failure is a ``NotAReport`` with a reason.
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
        .failure(NotAReport(.notAReport, "not implemented yet"))
    }
}
