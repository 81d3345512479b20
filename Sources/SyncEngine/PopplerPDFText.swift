import ReportCore

/// Placeholder until the poppler extractor lands.
public struct PopplerPDFText: PDFTextExtracting {
    public init() {}
    public func layoutText(ofPDF pdf: [UInt8]) throws(NotAReport) -> String {
        throw NotAReport(.unreadableContainer, "PDF is not read yet")
    }
}
