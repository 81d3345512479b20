import Foundation
import ReportCore
import ReportFixtures
import Testing

/// The five real reports given with the project (`Fixtures/seeds`), each a different flattening of
/// the template.
struct SeedReportTests {
    struct Expectation: CustomTestStringConvertible, Sendable {
        var file: String
        var agency: String
        var year: Int
        var layout: String
        var publishedOn: String?
        /// The cells that are not 0 (all others must be).
        var nonZero: [String: String]
        var testDescription: String { file }
    }

    static let seeds = Bundle.module.url(forResource: "seeds", withExtension: nil, subdirectory: "Fixtures")!

    static let expectations = [
        Expectation(
            file: "000_051ab0c91cd3d220.txt",
            agency: "下冶镇人民政府",
            year: 2024,
            layout: "tsv",
            nonZero: [
                "active.punishment": "26",
                "requests.received.naturalPerson": "1", "requests.received.total": "1",
                "requests.granted.naturalPerson": "1", "requests.granted.total": "1",
                "requests.total.naturalPerson": "1", "requests.total.total": "1",
            ]
        ),
        Expectation(file: "001_85236c9e0b1ec5a3.txt", agency: "桐柏县淮源镇人民政府", year: 2023, layout: "cells", nonZero: [:]),
        Expectation(file: "002_976a34383c60b842.txt", agency: "李家山镇人民政府", year: 2022, layout: "cells", nonZero: [:]),
        Expectation(
            file: "003_c19ea3132700905e.txt",
            agency: "桓仁满族自治县",
            year: 2024,
            layout: "pipe",
            nonZero: [
                "active.normativeDocuments.issued": "1", "active.normativeDocuments.inForce": "20",
                "active.licensing": "37292", "active.punishment": "938", "active.feesTenThousandYuan": "5087.94",
                "requests.received.naturalPerson": "13", "requests.received.total": "13",
                "requests.granted.naturalPerson": "11", "requests.granted.total": "11",
                "requests.partiallyGranted.naturalPerson": "2", "requests.partiallyGranted.total": "2",
                "requests.total.naturalPerson": "13", "requests.total.total": "13",
            ]
        ),
        Expectation(
            file: "004_87a7b4ea8b1db070.txt",
            agency: "哈密市伊州区天山乡人民政府",
            year: 2024,
            layout: "pipe",
            publishedOn: "2025-01-26",
            nonZero: [:]
        ),
    ]

    @Test(arguments: expectations)
    func seedParsesToEveryCell(_ expected: Expectation) throws {
        let url = Self.seeds.appendingPathComponent(expected.file)
        let bytes = try [UInt8](Data(contentsOf: url))
        let record = try ReportParser().parse(bytes, sourceName: expected.file).get()
        #expect(record.agency == expected.agency)
        #expect(record.year == expected.year)
        #expect(record.publishedOn == expected.publishedOn)
        #expect(record.source.layout == expected.layout)
        #expect(record.validation.status == .valid)
        #expect(record.cellValues.count == 200)
        for (key, value) in record.cellValues {
            #expect(value == expected.nonZero[key, default: "0"], "\(key)")
        }
    }

    /// Each seed copied into traditional characters throughout reads to the same cells, its agency
    /// as written (seed 002's 單位名稱：李家山鎮人民政府 too).
    @Test(arguments: expectations)
    func traditionalCopyReadsTheSame(_ expected: Expectation) throws {
        let url = Self.seeds.appendingPathComponent(expected.file)
        let text = TraditionalCharacters.convert(try String(contentsOf: url, encoding: .utf8))
        let record = try ReportParser().parse(Array(text.utf8), sourceName: expected.file).get()
        #expect(record.agency == TraditionalCharacters.convert(expected.agency))
        #expect(record.year == expected.year)
        for (key, value) in record.cellValues {
            #expect(value == expected.nonZero[key, default: "0"], "\(key)")
        }
    }
}
