/// Turns a Word .docx file into extracted text (see ``ExtractedTextBuilder``): each body paragraph
/// (`w:p`) one line, each table row (`w:tr`) one line of tab-separated cells.
///
/// Only `word/document.xml` is read (see ``ZipLocalEntry``), in memory; it is refused when it would
/// decompress beyond ``maximumDocumentSize``. Text comes from `w:t` runs; `w:tab` and `w:br` read as
/// a space; cells continuing a vertical merge (`w:vMerge` without `restart`) read as empty; the
/// fallback copies of `mc:AlternateContent` are skipped.
package enum DocxText {
    /// The largest `word/document.xml` read, decompressed: a zip bomb stops here.
    package static let maximumDocumentSize = 64 << 20

    private static let documentPath = "word/document.xml"
    private static let wordNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]
    private static let markupCompatibilityNamespace = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    /// Whether `bytes` are a zip archive holding `word/document.xml`.
    static func isDocx(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) && ZipLocalEntry(named: documentPath, in: bytes) != nil
    }

    /// The extracted text of the .docx file `bytes`.
    package static func extract(_ bytes: [UInt8]) throws(NotAReport) -> String {
        let xml = try documentXML(bytes)
        let lines = XMLTree.withXML(xml) { root in Self.lines(of: root) }
        guard let lines else {
            throw NotAReport(.unreadableContainer, "the .docx file's \(documentPath) is not well-formed XML")
        }
        return lines.joined(separator: "\n")
    }

    /// Decompresses `word/document.xml`, refusing it beyond ``maximumDocumentSize``.
    private static func documentXML(_ bytes: [UInt8]) throws(NotAReport) -> [UInt8] {
        guard let entry = ZipLocalEntry(named: documentPath, in: bytes) else {
            throw NotAReport(.unreadableContainer, "not a .docx file: no \(documentPath) in a zip archive")
        }
        do {
            // Whatever sizes the headers claim, the limit holds for what is really inflated.
            return try entry.contents(limit: maximumDocumentSize)
        } catch .tooLarge {
            throw NotAReport(
                .unreadableContainer,
                "the .docx file's \(documentPath) is larger than \(maximumDocumentSize >> 20) MiB decompressed"
            )
        } catch {
            throw NotAReport(.unreadableContainer, "the .docx file's \(documentPath) cannot be decompressed")
        }
    }

    private static func lines(of root: XMLNode) -> [String] {
        let isWord = { (node: XMLNode, name: String) in
            node.name == name && node.namespaceURI.map(wordNamespaces.contains) == true
        }
        let layoutRows = root.elements(where: { isWord($0, "tr") }, containing: { isWord($0, "tbl") })
        let isLayoutCell = { (cell: XMLNode) in cell.parent.map(layoutRows.contains) ?? false }
        var builder = ExtractedTextBuilder()
        /// Tells the builder about entering or leaving `node`; returns whether its content is read.
        func mark(_ node: XMLNode, entering: Bool) -> Bool {
            guard let namespace = node.namespaceURI, wordNamespaces.contains(namespace) else {
                return !(node.name == "Fallback" && node.namespaceURI == markupCompatibilityNamespace)
            }
            switch node.name {
            case "p":
                builder.breakLine()
            case "tbl":
                entering ? builder.beginTable() : builder.endTable()
            case "tr" where !layoutRows.contains(node):
                entering ? builder.beginRow() : builder.endRow()
            case "tc" where isLayoutCell(node):
                entering ? builder.beginBlockContainer() : builder.endBlockContainer()
            case "tc":
                entering ? builder.beginCell() : builder.endCell()
                return !(entering && continuesVerticalMerge(node))
            case "t":
                if entering { builder.append(node.textContent) }
                return false
            case "tab", "br", "cr":
                if entering { builder.append(" ") }
            default:
                break
            }
            return true
        }
        root.walk { step in
            switch step {
            case .enter(let node): return mark(node, entering: true)
            case .exit(let node): _ = mark(node, entering: false)
            case .text: break
            }
            return true
        }
        return builder.finish()
    }

    /// Whether table cell `cell` continues a vertical merge begun above it.
    private static func continuesVerticalMerge(_ cell: XMLNode) -> Bool {
        let properties = cell.childElements.first { $0.name == "tcPr" }
        guard let merge = properties?.childElements.first(where: { $0.name == "vMerge" }) else { return false }
        return merge.attribute("val") != "restart"
    }
}
