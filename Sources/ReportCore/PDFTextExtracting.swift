/// Turns a PDF into the text that `pdftotext -layout` prints.
///
/// ReportCore does no I/O, so reading PDFs is delegated: the daemon supplies an extractor that runs
/// poppler's `pdftotext`; without one, a PDF is refused as an unreadable container.
public protocol PDFTextExtracting: Sendable {
    /// Returns the layout-preserving text of `pdf`, or throws a ``NotAReport`` saying why it cannot.
    func layoutText(ofPDF pdf: [UInt8]) throws(NotAReport) -> String
}
