import Foundation

/// The flattenings people send, each modelled on a real report.
public enum SampleLayout: String, Sendable, CaseIterable {
    /// Tab-separated rows (seed 000).
    case tsv
    /// One cell per tab-indented line, rows separated by blank lines (seeds 001, 002).
    case cells
    /// `a | b | c |` rows (seed 003).
    case pipe
    /// One `cell |` per line, `||` span markers (seed 004).
    case pipeLines
    /// Markdown tables.
    case markdown
    /// Space-aligned columns, as `pdftotext -layout` prints a PDF.
    case spaced
}

/// The text encodings offices save reports in.
public enum SampleEncoding: String, Sendable, CaseIterable {
    case utf8
    case utf8BOM
    case utf16
    case gb18030

    /// The value of `source.encoding` a parser should report.
    public var recordName: String {
        switch self {
        case .utf8: "utf-8"
        case .utf8BOM: "utf-8-bom"
        case .utf16: "utf-16"
        case .gb18030: "gb18030"
        }
    }
}

extension SampleReport {
    /// The report as text in `layout`.
    public func render(_ layout: SampleLayout) -> String {
        var lines: [String] = []
        for block in blocks {
            switch block {
            case .paragraph(let text):
                lines.append(text)
            case .table(let rows):
                lines += Self.render(rows, layout)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as bytes in `layout` and `encoding`.
    public func bytes(_ layout: SampleLayout, encoding: SampleEncoding = .utf8) -> [UInt8] {
        Self.encode(render(layout), encoding)
    }

    /// `text` encoded as an office would save it.
    public static func encode(_ text: String, _ encoding: SampleEncoding) -> [UInt8] {
        switch encoding {
        case .utf8:
            return Array(text.utf8)
        case .utf8BOM:
            return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case .utf16:
            var bytes: [UInt8] = [0xFF, 0xFE]
            for unit in text.utf16 {
                bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            }
            return bytes
        case .gb18030:
            let gb18030 = String.Encoding(rawValue: 0x8000_0632)
            return Array(text.data(using: gb18030)!)
        }
    }

    private static func render(_ rows: [[String]], _ layout: SampleLayout) -> [String] {
        switch layout {
        case .tsv:
            return rows.map { $0.joined(separator: "\t") }
        case .cells:
            return rows.flatMap { row in row.map { "\t" + $0 } + [""] }
        case .pipe:
            return rows.map { $0.joined(separator: " | ") + " |" }
        case .pipeLines:
            return rows.flatMap { row in row.map { $0.isEmpty ? "||" : $0 + " |" } + ["||"] }
        case .markdown:
            let width = rows.map(\.count).max() ?? 0
            let padded = rows.map { $0 + [String](repeating: "", count: width - $0.count) }
            let lines = padded.map { "| " + $0.joined(separator: " | ") + " |" }
            let separator = "|" + [String](repeating: " --- |", count: width).joined()
            return [lines[0], separator] + lines.dropFirst()
        case .spaced:
            return rows.map { row in
                row.map { $0.isEmpty ? "    " : $0 }.joined(separator: "    ")
            }
        }
    }
}
