/// Splits the lines of `pdftotext -layout` output, where columns are aligned with runs of spaces.
package enum SpacedColumns {
    /// Calls `body` with the UTF-8 bounds of each of the line's fields: text between runs of two or
    /// more spaces; a field made only of numbers separated by single spaces (narrow columns) is
    /// split into one field per number.
    package static func forEachField(of line: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var start: Int?
        var spaces = 0
        var index = 0
        while index < line.count {
            let byte = line[index]
            // The other two bytes of a CJK ideograph would change nothing below.
            defer { index += (0xE4...0xE9).contains(byte) ? 3 : 1 }
            if byte == UInt8(ascii: "\t")
                || byte == UInt8(ascii: " ") && line.isLoneCharacter(at: index, in: 0..<line.count)
            {
                spaces += 1
            } else {
                if let current = start, spaces >= 2 {
                    split(line, line.trimmedBounds(current..<index), body)
                    start = index
                } else if start == nil {
                    start = index
                }
                spaces = 0
            }
        }
        if let start {
            split(line, line.trimmedBounds(start..<line.count), body)
        }
    }

    /// Whether the line looks like a table row: at least two numbers in separate columns.
    package static func isColumnRow(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.containsByte(UInt8(ascii: " ")) else { return false }
        var numbers = 0
        var spaces = 0
        var inNumber = false
        for byte in line {
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if byte == UInt8(ascii: " ") {
                if inNumber { numbers += 1 }
                inNumber = false
                spaces += 1
            } else if isDigit && spaces >= 2 {
                inNumber = true
                spaces = 0
            } else if !(inNumber && (isDigit || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ","))) {
                inNumber = false
                spaces = 0
            }
            if numbers == 2 { return true }
        }
        return numbers + (inNumber ? 1 : 0) >= 2
    }

    /// Hands `field` to `body`, or each of its space-separated parts when there are several and all
    /// are numbers. (Numbers are ASCII, so splitting at every space byte is splitting at every
    /// space character whenever it matters.)
    private static func split(_ line: UnsafeBufferPointer<UInt8>, _ field: Range<Int>, _ body: (Range<Int>) -> Void) {
        var parts = 0
        var allNumerals = true
        forEachPart(of: field, in: line) { part in
            parts += 1
            allNumerals = allNumerals && CellValue.isNumeral(UnsafeBufferPointer(rebasing: line[part]))
        }
        if parts > 1 && allNumerals {
            forEachPart(of: field, in: line, body)
        } else {
            body(field)
        }
    }

    /// The non-empty runs of `field` between spaces.
    private static func forEachPart(
        of field: Range<Int>,
        in line: UnsafeBufferPointer<UInt8>,
        _ body: (Range<Int>) -> Void
    ) {
        var start = field.lowerBound
        for index in field where line[index] == UInt8(ascii: " ") {
            if index > start { body(start..<index) }
            start = index + 1
        }
        if field.upperBound > start { body(start..<field.upperBound) }
    }
}
