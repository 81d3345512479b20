/// A file's text, whatever container it came in: plain text in any supported encoding, an HTML page,
/// a .docx document, or a PDF turned into layout text.
struct SourceText {
    var text: String
    var encoding: SourceEncoding
    /// The layout the container implies (HTML and .docx extract to tab-separated rows, PDF to spaced
    /// columns); `nil` for plain text, whose layout is detected.
    var layout: TextLayout?
    /// The `source.layout` name when it is the container's rather than the layout's.
    var layoutName: String?

    init(_ bytes: [UInt8], pdfText: (any PDFTextExtracting)?) throws(NotAReport) {
        if bytes.starts(with: Array("%PDF-".utf8)) {
            guard let pdfText else {
                throw NotAReport(.unreadableContainer, "a PDF, and no PDF text extractor (pdftotext) is configured")
            }
            self.init(text: try pdfText.layoutText(ofPDF: bytes), encoding: .utf8, layout: .spaced, name: "pdf")
        } else if DocxText.isDocx(bytes) {
            self.init(text: try DocxText.extract(bytes), encoding: .utf8, layout: .tsv, name: "docx")
        } else {
            let decoded = try DecodedText(bytes)
            if Self.looksLikeHTML(decoded.text) {
                self.init(text: try HTMLText.extract(bytes), encoding: decoded.encoding, layout: .tsv, name: "html")
            } else {
                self.init(text: decoded.text, encoding: decoded.encoding, layout: nil, name: nil)
            }
        }
    }

    private init(text: String, encoding: SourceEncoding, layout: TextLayout?, name: String?) {
        self.text = text
        self.encoding = encoding
        self.layout = layout
        self.layoutName = name
    }

    /// Whether the text is an HTML page, or the fragment of one that a CMS keeps as an article's body
    /// (`<p style='…'>标题</p><p>…`, no `<html>` or `<body>`, the first table maybe far down).
    private static func looksLikeHTML(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            let head = UnsafeBufferPointer(rebasing: bytes.prefix(4096))
            guard head.containsBytes(of: "<") else { return false }
            let lowered = String(decoding: head.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
            if ["<!doctype html", "<html", "<body", "<table"].contains(where: lowered.containsBytes(of:)) {
                return true
            }
            let start = lowered.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
            return fragmentStarts.contains { start.hasPrefix("<\($0)>") || start.hasPrefix("<\($0) ") }
                && lowered.containsBytes(of: "</")
        }
    }

    /// The elements an article's body starts with when it is saved without its page.
    private static let fragmentStarts = ["p", "div", "h1", "h2", "h3", "table", "span", "section", "article", "center"]
}
