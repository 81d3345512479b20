import Testing

@testable import ReportCore

/// `ReadingChoice` on a table of two one-cell rows that must be equal: both readings of each row
/// keep that identity together, so only a count the prose states can decide.
struct ReadingChoiceTests {
    static let shape = TableShape(
        name: "表",
        rows: ["a", "b"].enumerated().map { index, key in
            TableShape.Row(
                key: key,
                label: Template.Label(needles: [key]),
                printed: key,
                firstCell: index,
                width: 1,
                sums: []
            )
        },
        identities: [(parts: [0], total: [1])]
    )

    static func reading(_ number: String) -> RowReading {
        let cell = number.withUTF8Bytes { Cell(number, $0, bounds: 0..<$0.count, line: 1, row: 1) }
        return RowReading([cell])
    }

    static func choice(stated: [Int: Int]) -> ReadingChoice {
        var choice = ReadingChoice(shape, stated: stated)
        for row in shape.rows {
            choice.add(row: row, readings: [reading("5"), reading("7")], printed: [], isOpen: true)
        }
        return choice
    }

    @Test func readingsThatTheIdentitiesCannotTellApartAreAmbiguous() {
        var choice = Self.choice(stated: [:])
        let chosen = choice.chosen()
        #expect(chosen.map { $0.reading.counts } == [[5], [5]])
        #expect(choice.ambiguities.flatMap(\.cells).sorted() == [0, 1])
    }

    @Test func theCountThatTheProseStatesDecides() {
        var choice = Self.choice(stated: [1: 7])
        let chosen = choice.chosen()
        #expect(chosen.map { $0.reading.counts } == [[7], [7]])
        #expect(choice.ambiguities.isEmpty)
        #expect(choice.inferred.sorted() == [0, 1])
    }
}
