/// Splits the lines of `pdftotext -layout` output, where columns are aligned with runs of spaces.
enum SpacedColumns {
    /// The line's fields: text between runs of two or more spaces; a field made only of numbers
    /// separated by single spaces (narrow columns) is split into one field per number.
    static func fields(of line: String) -> [Substring] {
        var fields: [Substring] = []
        var start: String.Index?
        var spaces = 0
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == " " || character == "\t" {
                spaces += 1
            } else {
                if let current = start, spaces >= 2 {
                    fields.append(contentsOf: split(line[current..<index].trimmed))
                    start = index
                } else if start == nil {
                    start = index
                }
                spaces = 0
            }
            index = line.index(after: index)
        }
        if let start {
            fields.append(contentsOf: split(line[start...].trimmed))
        }
        return fields
    }

    /// Whether the line looks like a table row: at least two numbers in separate columns.
    static func isColumnRow(_ line: String) -> Bool {
        var numbers = 0
        var spaces = 0
        var inNumber = false
        for byte in line.utf8 {
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

    private static func split(_ field: Substring) -> [Substring] {
        let parts = field.split(separator: " ")
        return parts.count > 1 && parts.allSatisfy { CellValue.isNumeral($0) } ? parts : [field]
    }
}
