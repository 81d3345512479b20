/// Turns an HTML page into extracted text (see ``ExtractedTextBuilder``): the report's paragraphs
/// as lines and its table rows as tab-separated lines, without the site around it.
///
/// The article is the smallest element that contains both `总体情况` and `其他需要报告的事项` and at
/// least one `<table>`, else `<body>`. Navigation, headers, footers, forms, scripts and styles inside
/// it are skipped. When the page's title line (the first `<h1>`, else `<h2>`, `<h3>`, `<title>` that
/// contains `年度报告`) is not among the article's lines, it is put first.
package enum HTMLText {
    /// Elements whose text is never page content.
    private static let nonContent: Set<String> = [
        "head", "script", "style", "noscript", "template", "select", "option", "button",
    ]
    /// Elements skipped inside the article: the above and site chrome.
    private static let chrome = nonContent.union(["nav", "header", "footer", "form"])
    /// Elements that start and end a line.
    private static let blocks: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "center", "dd", "details", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "legend", "li",
        "main", "ol", "p", "pre", "section", "summary", "ul",
    ]
    private static let articleMarkers = ["总体情况", "其他需要报告的事项"]
    private static let titleMarker = "年度报告"

    /// The extracted text of the page `bytes`, in any encoding ``DecodedText`` detects (UTF-8,
    /// UTF-16, GB18030/GBK); the charset the page declares is not trusted over its bytes.
    package static func extract(_ bytes: [UInt8]) throws(NotAReport) -> String {
        let page = try DecodedText(bytes).text
        let lines = XMLTree.withHTML(Array(page.utf8)) { root in
            var lines = Self.lines(of: article(in: root))
            if let title = title(in: root), !lines.contains(title) { lines.insert(title, at: 0) }
            return lines
        }
        guard let lines else { throw NotAReport(.unreadableContainer, "the HTML page has no elements") }
        return lines.joined(separator: "\n")
    }

    // MARK: Finding the report

    /// The smallest element with both section markers and a table, else `<body>`, else `root`.
    private static func article(in root: XMLNode) -> XMLNode {
        var text: [Unicode.Scalar] = []
        var tables = 0
        var open: [(node: XMLNode, start: Int, tables: Int)] = []
        var spans: [(node: XMLNode, range: Range<Int>, hasTable: Bool)] = []
        var body: XMLNode?
        root.walk { step in
            switch step {
            case .enter(let node):
                let name = node.name
                if nonContent.contains(name) { return false }
                if name == "body", body == nil { body = node }
                if name == "table" { tables += 1 }
                open.append((node, text.count, name == "table" ? tables - 1 : tables))
            case .exit(let node):
                guard let last = open.last, last.node == node else { break }
                open.removeLast()
                spans.append((node, last.start..<text.count, tables > last.tables))
            case .text(let piece):
                text += piece.unicodeScalars.filter { !$0.properties.isWhitespace }
            }
            return true
        }
        let occurrences = articleMarkers.map { starts(of: $0, in: text) }
        var best: (node: XMLNode, length: Int)?
        for span in spans where span.hasTable && span.range.count < best?.length ?? .max {
            let hasMarkers = zip(articleMarkers, occurrences).allSatisfy { marker, starts in
                guard let first = starts.first(where: { $0 >= span.range.lowerBound }) else { return false }
                return first + marker.unicodeScalars.count <= span.range.upperBound
            }
            if hasMarkers { best = (span.node, span.range.count) }
        }
        return best?.node ?? body ?? root
    }

    /// Where `marker` starts in `text`, in increasing order.
    private static func starts(of marker: String, in text: [Unicode.Scalar]) -> [Int] {
        let needle = Array(marker.unicodeScalars)
        guard text.count >= needle.count else { return [] }
        return (0...(text.count - needle.count)).filter { start in
            text[start] == needle[0] && text[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    /// The page's title line: the first `<h1>` containing `年度报告`, else such an `<h2>`, `<h3>`,
    /// else the part of `<title>` that contains it (without the site name).
    private static func title(in root: XMLNode) -> String? {
        let ranked = ["h1", "h2", "h3", "title"]
        var found: [String: String] = [:]
        root.walk { step in
            guard case .enter(let node) = step else { return true }
            let name = node.name
            guard ranked.contains(name) else { return !nonContent.contains(name) || name == "head" }
            let text = ExtractedTextBuilder.collapsed(node.textContent)
            if found[name] == nil, text.contains(titleMarker) { found[name] = text }
            return false
        }
        guard let rank = ranked.first(where: { found[$0] != nil }), let text = found[rank] else { return nil }
        guard rank == "title" else { return text }
        let parts = text.split(whereSeparator: { "_|｜".contains($0) }).flatMap { $0.components(separatedBy: " - ") }
        return parts.first { $0.contains(titleMarker) }.map { ExtractedTextBuilder.collapsed(String($0)) }
    }

    // MARK: Reading the article

    private static func lines(of article: XMLNode) -> [String] {
        let layoutRows = article.elements(where: { $0.name == "tr" }, containing: { $0.name == "table" })
        let isLayoutCell = { (cell: XMLNode) in cell.parent.map(layoutRows.contains) ?? false }
        var builder = ExtractedTextBuilder()
        /// Tells the builder about entering or leaving `node`; returns whether its content is read.
        func mark(_ node: XMLNode, entering: Bool) -> Bool {
            let name = node.name
            if node != article, chrome.contains(name) { return false }
            switch name {
            case "table":
                entering ? builder.beginTable() : builder.endTable()
            case "tr" where !layoutRows.contains(node):
                entering ? builder.beginRow() : builder.endRow()
            case "td" where isLayoutCell(node), "th" where isLayoutCell(node), "caption":
                entering ? builder.beginBlockContainer() : builder.endBlockContainer()
            case "td", "th":
                entering ? builder.beginCell() : builder.endCell()
            case _ where blocks.contains(name):
                builder.breakLine()
            default:
                break
            }
            return true
        }
        article.walk { step in
            switch step {
            case .enter(let node): return mark(node, entering: true)
            case .exit(let node): _ = mark(node, entering: false)
            case .text(let piece): builder.append(piece)
            }
            return true
        }
        return builder.finish()
    }
}
