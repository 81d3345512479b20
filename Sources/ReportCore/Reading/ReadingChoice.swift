/// Chooses one reading for each row of a table where the text left more than one open: the readings
/// that together keep the table's identities across rows (table 3's balance and outcomes) and, among
/// those, agree with the counts the report states in its prose, as the spec's "Reading the tables"
/// says. A table without identities between its rows (table 2) keeps, row by row, the readings that
/// agree most with the prose.
///
/// Cells of rows that had to be read by arithmetic are *inferred*; cells whose value differs
/// between readings that keep every identity are *ambiguous*, and hold the first such reading.
/// When no combination keeps the identities (a report inconsistent as published), each row keeps
/// its first reading, and rows with several are ambiguous: nothing then decides between them.
struct ReadingChoice {
    private struct Entry {
        var row: TableShape.Row
        var readings: [RowReading]
        /// What the file printed for the row, for messages.
        var printed: ArraySlice<TableStream.Value>
        /// Whether the text left the values' places open (run together, or some left out).
        var isOpen: Bool
        /// Whether `readings` are all the readings there are (not cut short by a search's limit).
        var isComplete: Bool
    }

    private let shape: TableShape
    private var entries: [Entry] = []

    /// How many combinations are tried before the search gives up.
    private static let workLimit = 100_000
    /// How many readings a message lists.
    private static let listedReadings = 16
    /// How many combinations that keep every identity are collected.
    private static let solutionLimit = 16

    /// Counts the report states in its prose (总体情况's received requests), by `TableCells` index:
    /// among readings that keep every identity, those that agree with them are taken.
    private let stated: [Int: Int]

    init(_ shape: TableShape, stated: [Int: Int] = [:]) {
        self.shape = shape
        self.stated = stated
    }

    /// Adds a row with its readings (at least one), the values it was read from, whether the text
    /// left their places open, and whether the readings are all there are.
    mutating func add(
        row: TableShape.Row,
        readings: [RowReading],
        printed values: ArraySlice<TableStream.Value>,
        isOpen: Bool,
        isComplete: Bool = true
    ) {
        precondition(!readings.isEmpty, "a row without a reading")
        entries.append(Entry(row: row, readings: readings, printed: values, isOpen: isOpen, isComplete: isComplete))
    }

    /// Cells read by arithmetic (`TableCells` indices).
    private(set) var inferred: [Int] = []
    /// Groups of cells that several readings fit, with a message listing the readings.
    private(set) var ambiguities: [(cells: [Int], message: String)] = []

    /// The reading of each row.
    mutating func chosen() -> [(row: TableShape.Row, reading: RowReading)] {
        let open = entries.indices.filter { entries[$0].readings.count > 1 }
        var choice = entries.map { _ in 0 }
        var solutions: [[Int]] = []
        if !open.isEmpty && !shape.identities.isEmpty {
            var values = [Int: Int]()
            for entry in entries where entry.readings.count == 1 {
                for (column, count) in entry.readings[0].counts.enumerated() {
                    values[entry.row.firstCell + column] = count
                }
            }
            var work = 0
            search(open[...], &choice, &values, &solutions, &work)
            // A search cut short proves nothing: then no reading is taken for certain.
            if work > Self.workLimit { solutions = [] }
            let agreeing = solutions.filter(agreesWithProse)
            if solutions.count > 1, !agreeing.isEmpty { solutions = agreeing }
        }
        if let first = solutions.first { choice = first }
        // No identities between the rows (table 2): each row keeps the readings that agree most with the prose.
        let narrowed = shape.identities.isEmpty ? entries.map(readingsAgreeingWithProse) : nil
        if let narrowed { choice = narrowed.map { $0[0] } }
        for (index, entry) in entries.enumerated() {
            let cells = (0..<entry.row.width).map { entry.row.firstCell + $0 }
            let reading = entry.readings[choice[index]]
            inferred += cells.indices.filter { entry.isOpen || reading.open[$0] }.map { cells[$0] }
            let alternatives: [Int] =
                narrowed?[index]
                ?? (solutions.isEmpty
                    ? Array(entry.readings.indices) : Array(Set(solutions.map { $0[index] })).sorted())
            guard alternatives.count > 1 || !entry.isComplete else { continue }
            var counts: [[String]] = []
            for reading in alternatives.map({ entry.readings[$0].values }) where !counts.contains(reading) {
                counts.append(reading)
            }
            var open = cells.indices.filter { column in Set(counts.map { $0[column] }).count > 1 }
            // Readings cut short by a search's limit leave every cell open.
            if !entry.isComplete { open = Array(cells.indices) }
            guard !open.isEmpty else { continue }
            let listed = counts.prefix(Self.listedReadings).map { $0.joined(separator: "|") }
            ambiguities.append(
                (
                    cells: open.map { cells[$0] },
                    message: "\(entry.row.key)「\(entry.printed.map { String($0.cell.text) }.joined(separator: " "))」"
                        + "可读作 \(entry.isComplete ? "" : "至少 ")\(counts.count) 种：\(listed.joined(separator: "；"))；"
                        + "文本和表格的勾稽关系都不能确定是哪一种，暂取第一种"
                )
            )
        }
        inferred.removeAll { cell in ambiguities.contains { $0.cells.contains(cell) } }
        return entries.indices.map { (entries[$0].row, entries[$0].readings[choice[$0]]) }
    }

    /// The indices of `entry`'s readings that hold the most of the counts the prose states for its cells,
    /// in order; all of them when they hold none.
    private func readingsAgreeingWithProse(_ entry: Entry) -> [Int] {
        let cells = entry.row.firstCell..<entry.row.firstCell + entry.row.width
        let statedHere = stated.filter { cells.contains($0.key) }
        let agreements = entry.readings.map { reading in
            statedHere.count { cell, count in reading.counts[cell - entry.row.firstCell] == count }
        }
        let most = agreements.max() ?? 0
        return entry.readings.indices.filter { most == 0 || agreements[$0] == most }
    }

    /// Whether the cells that the prose states hold the stated counts in `solution` (a reading
    /// index for each entry).
    private func agreesWithProse(_ solution: [Int]) -> Bool {
        stated.allSatisfy { cell, count in
            guard
                let index = entries.firstIndex(where: {
                    ($0.row.firstCell..<$0.row.firstCell + $0.row.width).contains(cell)
                })
            else { return true }
            let entry = entries[index]
            return entry.readings[solution[index]].counts[cell - entry.row.firstCell] == count
        }
    }

    private func search(
        _ open: ArraySlice<Int>,
        _ choice: inout [Int],
        _ values: inout [Int: Int],
        _ solutions: inout [[Int]],
        _ work: inout Int
    ) {
        work += 1
        guard solutions.count < Self.solutionLimit, work <= Self.workLimit else { return }
        guard let entryIndex = open.first else {
            if shape.keepsIdentities({ values[$0] ?? 0 }) { solutions.append(choice) }
            return
        }
        let entry = entries[entryIndex]
        for (index, reading) in entry.readings.enumerated() {
            choice[entryIndex] = index
            for (column, count) in reading.counts.enumerated() { values[entry.row.firstCell + column] = count }
            search(open.dropFirst(), &choice, &values, &solutions, &work)
        }
        choice[entryIndex] = 0
    }
}
