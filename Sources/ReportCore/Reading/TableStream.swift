/// The values of one table's section in reading order, and the label text around them: what
/// `RowAlignment` lines up with the template's rows.
///
/// A value is a number cell, a blank mark (`/`, `-`, an empty cell between two values of one row),
/// or a run of digits found inside text: crawler copies glue a row's label and its values together
/// (`…申请数量640020470二、上年结转…`), and such a run may hold several values (see `DigitSplitter`).
/// Digits that belong to the words are not values: list numbering (`1.`, `（2）`, the `2` of
/// `00000002.其他…`), quantities with a unit (`189 件`, `2024 年`, `17.46%`), `第3页`, and page
/// numbers between rows (`— 4 —`). Where the table's values may carry a sign or a unit (the 2019
/// trial edition's table 2), a sign in front of digits is the value's (`2648-18538`: 2648, then a
/// value starting -18…) and so is 元 or 万元 after them (`73802895.90元`).
struct TableStream {
    /// One value, as a cell whose bounds cover just its digits or mark.
    struct Value {
        var cell: Cell
        /// Digits found inside text: possibly several values printed without separators.
        var joined: Bool
        /// Whether text stands between this value and the one before it.
        var followsText: Bool

        /// Whether the value is an empty cell of a grid (see `markBlanks`), not a printed mark.
        var isEmptyCell: Bool { cell.value == .blank && cell.bounds.isEmpty }

        /// How many values it can make at most: a run of digits inside text as many as it has digits.
        var capacity: Int { joined ? cell.bounds.count : 1 }
    }

    /// The folded text (see `LabelKey`) between two values: its first and last characters.
    struct Label {
        var head = ""
        var tail = ""
        /// The last few text cells, each folded: a row printed with its label and no value at all
        /// (every cell left blank) is found among them.
        var cells: [(text: String, cell: Cell)] = []
    }

    private(set) var values: [Value] = []
    /// `labels[i]` is the text in front of `values[i]`; the last one is the text after the last value.
    private(set) var labels: [Label] = []
    /// `groupEnds[i]`: the index after the last value of the run (values without text between them)
    /// that `values[i]` belongs to.
    private(set) var groupEnds: [Int] = []
    /// `nextPrinted[i]`: the first value at or after `i` that is no empty cell (`values.count` if none).
    private(set) var nextPrinted: [Int] = []
    /// `digitsBefore[i]`: how many values `values[..<i]` can make at most (a run of digits inside
    /// text as many as it has digits), so that any stretch's count is one subtraction.
    private(set) var digitsBefore: [Int] = []

    /// How many characters of text on each side of a value count as its label.
    static let labelCharacters = 40

    /// - Parameter signsAndUnits: whether values may carry a sign and an amount its unit (see
    ///   `TableShape.signsAndUnits`).
    init(cells: [Cell], signsAndUnits: Bool) {
        var cells = cells
        Cell.markBlanks(&cells, afterWords: true)
        var pending = Pending()
        // One value more than a table may hold is enough to refuse it (`TableReader.maximumValues`).
        for cell in cells where values.count <= TableReader.maximumValues {
            switch cell.value {
            case .empty:
                continue
            case .number, .blank:
                append(Value(cell: cell, joined: false, followsText: false), after: &pending)
            case .text:
                guard !PageFurniture.isPageNumber(cell.text) else { continue }
                pending.sincePrinted.startCell(cell)
                cell.withUTF8Bytes { bytes in
                    Self.scan(bytes, signsAndUnits: signsAndUnits) { range, isValue in
                        let bounds =
                            cell.bounds.lowerBound + range.lowerBound..<cell.bounds.lowerBound + range.upperBound
                        if isValue, values.count <= TableReader.maximumValues {
                            var digits = cell
                            digits.bounds = bounds
                            digits.value = CellValue(UnsafeBufferPointer(rebasing: bytes[range]))
                            append(Value(cell: digits, joined: range.count > 1, followsText: false), after: &pending)
                        } else {
                            pending.add(UnsafeBufferPointer(rebasing: bytes[range]))
                        }
                    }
                }
            }
        }
        labels.append(pending.sincePrinted.label)
        groupEnds = [Int](repeating: values.count, count: values.count)
        nextPrinted = [Int](repeating: values.count, count: values.count + 1)
        var end = values.count
        for index in values.indices.reversed() {
            groupEnds[index] = end
            if values[index].followsText { end = index }
            nextPrinted[index] = values[index].isEmptyCell ? nextPrinted[index + 1] : index
        }
        digitsBefore = [0]
        digitsBefore.reserveCapacity(values.count + 1)
        for value in values { digitsBefore.append(digitsBefore[digitsBefore.count - 1] + value.capacity) }
    }

    /// Whether a row may start at value `index`: after text, or at the start of a visual row.
    func startsRow(_ index: Int) -> Bool {
        index == 0 || values[index].followsText || values[index].cell.row != values[index - 1].cell.row
    }

    /// Appends `value`. A printed value's label is all the text since the last printed value, so that
    /// the empty cells of a header row padded to the grid do not take a row's label from it; the empty
    /// cells of one row stay one run, and a row's values after them start one of their own.
    private mutating func append(_ value: Value, after pending: inout Pending) {
        var value = value
        let previous = values.last
        let otherRow = previous.map { $0.cell.row != value.cell.row } ?? true
        value.followsText =
            previous == nil || !pending.sinceAny.isEmpty
            || otherRow && (value.isEmptyCell || previous?.isEmptyCell == true)
        if value.isEmptyCell {
            labels.append(pending.sinceAny.label)
            pending.sinceAny = PendingText()
        } else {
            labels.append(pending.sincePrinted.label)
            pending = Pending()
        }
        values.append(value)
    }

    /// Calls `body` with each stretch of the text cell `text`: a run of digits that is a value
    /// (`true`), or words (`false`); with `signsAndUnits`, a sign in front of digits is part of the run.
    static func scan(
        _ text: UnsafeBufferPointer<UInt8>,
        signsAndUnits: Bool,
        _ body: (Range<Int>, Bool) -> Void
    ) {
        let isSigned = { (index: Int) in
            signsAndUnits && index + 1 < text.count && isSign(text[index]) && isDigit(text[index + 1])
        }
        var wordsStart = 0
        var index = 0
        while index < text.count {
            guard isDigit(text[index]) || isSigned(index) else {
                index += text[index] < 0x80 ? 1 : UTF8.scalarWidth(lead: text[index])
                continue
            }
            var end = index + 1
            while end < text.count, isDigit(text[end]) || isSigned(end) { end += 1 }
            if end + 1 < text.count, text[end] == UInt8(ascii: "."), isDigit(text[end + 1]) {
                end += 1
                while end < text.count, isDigit(text[end]) { end += 1 }
            }
            let digits = index..<end
            let value = valueDigits(digits, in: text, amounts: signsAndUnits)
            if let value, !value.isEmpty {
                if wordsStart < value.lowerBound { body(wordsStart..<value.lowerBound, false) }
                body(value, true)
                wordsStart = value.upperBound
            }
            index = end
        }
        if wordsStart < text.count { body(wordsStart..<text.count, false) }
    }

    /// The part of the digit run `digits` that is a value, or `nil` when the run belongs to the words;
    /// with `amounts`, a number in 元 or 万元 is a value.
    private static func valueDigits(
        _ digits: Range<Int>,
        in text: UnsafeBufferPointer<UInt8>,
        amounts: Bool
    ) -> Range<Int>? {
        let before = digits.lowerBound > 0 ? text.scalar(before: digits.lowerBound) : nil
        let next = digits.upperBound < text.count ? text.scalar(at: digits.upperBound) : nil
        let nextWord = text.firstScalar(from: digits.upperBound, skipping: " ")
        if let nextWord, unitCharacters.contains(nextWord), !(amounts && "元万".unicodeScalars.contains(nextWord)) {
            return nil
        }
        if before == "第" || before.map(isLetter) == true || next.map(isLetter) == true { return nil }
        if before == "(" && next == ")" { return nil }
        // 1. 2、 before a label: numbering. A longer run ends with the numbering of the next label.
        if let next, next == "." || next == "、",
            case let afterIndex = digits.upperBound + UTF8.scalarWidth(lead: text[digits.upperBound]),
            afterIndex >= text.count || !isDigit(text[afterIndex])
        {
            let isDecimal = text[digits].contains(UInt8(ascii: "."))
            guard !isDecimal, digits.count > 1 else { return nil }
            return digits.lowerBound..<digits.upperBound - 1
        }
        // 数据1, 表3, 附件2: a header cell of a word or two and a number.
        if digits.lowerBound <= 6, let before, before.value >= 0x3000, next == nil { return nil }
        return digits
    }

    /// Characters that make the number in front of them a quantity in prose.
    private static let unitCharacters: Set<Unicode.Scalar> = Set(
        "件年月日个项次人元%‰页条场名家份岁天号万亿余多位户起宗批期届倍".unicodeScalars
    )

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isSign(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}

/// The text since the last value, and since the last printed one (not an empty cell).
private struct Pending {
    var sinceAny = PendingText()
    var sincePrinted = PendingText()

    mutating func add(_ text: UnsafeBufferPointer<UInt8>) {
        LabelKey.withKey(ofUTF8: text) { key in
            guard !key.isEmpty else { return }
            sinceAny.add(key: key)
            sincePrinted.add(key: key)
        }
    }
}

/// The folded text between two values, kept to its first and last `labelCharacters`, and its last
/// few text cells.
private struct PendingText {
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    private var length = 0
    private var cells: [(text: [UInt8], cell: Cell)] = []

    /// How many text cells are kept: enough for the labels of several rows printed without values.
    static let cellLimit = 64

    /// Text from `cell` follows.
    mutating func startCell(_ cell: Cell) {
        if cells.count == Self.cellLimit { cells.removeFirst() }
        cells.append(([], cell))
    }

    var isEmpty: Bool { length == 0 }

    /// Adds text whose key (see `LabelKey`) is `key`.
    mutating func add(key: UnsafeBufferPointer<UInt8>) {
        let limit = TableStream.labelCharacters * 3
        length += key.count
        if head.count < limit {
            head += UnsafeBufferPointer(rebasing: key.prefix(limit)).prefixOnScalarBoundary(limit - head.count)
        }
        tail += key
        if tail.count > 2 * limit { tail.removeFirst(tail.count - limit) }
        if !cells.isEmpty, cells[cells.count - 1].text.count < limit {
            cells[cells.count - 1].text += UnsafeBufferPointer(rebasing: key.prefix(limit)).prefixOnScalarBoundary(
                limit
            )
        }
    }

    var label: TableStream.Label {
        guard !isEmpty else { return TableStream.Label() }
        let limit = TableStream.labelCharacters * 3
        return TableStream.Label(
            head: Self.string(head),
            tail: Self.string(tail.withUnsafeBufferPointer { $0.suffixOnScalarBoundary(limit) }),
            cells: cells.filter { !$0.text.isEmpty }.map { (Self.string($0.text), $0.cell) }
        )
    }

    private static func string(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
