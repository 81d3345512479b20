/// The counts of 规章 and 规范性文件 that the 总体情况 prose states (本年度制发行政规范性文件62件，废止33件，
/// 现行有效698件), by `TableCells` index. Where table 2 runs a row's digits together (`6233440`), they
/// decide between its readings, as the spec's "Reading the tables as they are published" asks of the
/// counts 总体情况 states.
///
/// Within a sentence, a count followed by 件 or 部 belongs to the document named last (规章 or 规范性文件)
/// and to the column its verb names last (制发 … issued, 废止 repealed, 现行有效 in force): the prose
/// leaves out either when it repeats (`制发规章2件、行政规范性文件60件`, `制发…62件，废止33件`).
enum StatedDocumentCounts {
    /// The counts `overview` states for `edition`'s table 2, the first statement of each cell.
    static func cells(overview lines: ArraySlice<String>, edition: Edition) -> [Int: Int] {
        let templateRows = edition == .edition2021 ? Template.activeRows : Template.trialActiveRows
        var cells: [Int: Int] = [:]
        for line in lines {
            // Cheap test first: most lines name no document (規 in a traditional copy).
            guard LabelKey.withKey(of: line, { $0.containsBytes(of: "规") }) else { continue }
            let key = Array(LabelKey.of(line))
            var document: String?
            var column: String?
            var index = 0
            while index < key.count {
                if "。；;".contains(key[index]) {
                    (document, column) = (nil, nil)
                } else if let (word, name) = Self.word(at: index, in: key, from: documents) {
                    document = name
                    index += word.count
                    continue
                } else if let (word, name) = Self.word(at: index, in: key, from: verbs) {
                    column = name
                    index += word.count
                    continue
                } else if key[index].isASCII, key[index].isNumber {
                    let digits = key[index...].prefix { $0.isASCII && $0.isNumber }
                    let end = index + digits.count
                    if end < key.count, "件部".contains(key[end]), let document, let column,
                        let count = Int(String(digits)),
                        let row = edition.activeTable.rows.first(where: { $0.key == document }),
                        let columns = templateRows.first(where: { $0.key == document })?.columns,
                        // The trial edition's 本年新制作数量 is what the 2021 template calls 本年制发件数.
                        let offset = columns.firstIndex(of: column)
                            ?? (column == "issued" ? columns.firstIndex(of: "made") : nil)
                    {
                        cells[row.firstCell + offset] = cells[row.firstCell + offset] ?? count
                    }
                    index = end
                    continue
                }
                index += 1
            }
        }
        return cells
    }

    /// The documents of table 2's first two rows, by the words that name them (规章制度 is no 规章).
    private static let documents: [(word: [Character], name: String)] = [
        (Array("规范性文件"), "normativeDocuments"), (Array("规章"), "rules"),
    ]

    /// The verbs that name a column of those rows; longer words first.
    private static let verbs: [(word: [Character], name: String)] = [
        (Array("现行有效"), "inForce"), (Array("有效"), "inForce"), (Array("废止"), "repealed"),
        (Array("制发"), "issued"), (Array("印发"), "issued"), (Array("出台"), "issued"), (Array("制定"), "issued"),
        (Array("制作"), "issued"),
    ]

    /// The word of `words` that `key` holds at `index`, with its name. 规章 followed by 制度 is not the
    /// document.
    private static func word(
        at index: Int,
        in key: [Character],
        from words: [(word: [Character], name: String)]
    ) -> (word: [Character], name: String)? {
        for candidate in words where key[index...].starts(with: candidate.word) {
            if candidate.name == "rules", key[(index + candidate.word.count)...].starts(with: Array("制度")) { continue }
            return candidate
        }
        return nil
    }
}
