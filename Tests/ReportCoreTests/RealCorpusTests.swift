import Foundation
import ReportCore
import Testing

/// Real published reports with hand-checked expected records (`Fixtures/real` and
/// `Fixtures/edition2019`, each file's origin in `SOURCES.tsv`), judged as the project's scorer
/// judges them: agency, year, edition, every cell, and the verdict. A cell
/// the text alone cannot decide (`undecidable`) counts as right when the record names it in a
/// `cells.ambiguous` error.
struct RealCorpusTests {
    struct Expected: Decodable {
        var agency: String
        var year: Int
        /// "2019" for the trial edition; absent for the 2021 template.
        var edition: String?
        var active: [String: JSONValue]
        var requests: [String: JSONValue]
        var reviews: [String: JSONValue]
        var consistent: Bool
        var violations: [String]
        var undecidable: [String]?
    }

    /// A JSON value of an expected record: a number, a decimal string, or a nested object.
    enum JSONValue: Decodable {
        case number(Int)
        case text(String)
        case object([String: JSONValue])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .number(number)
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else {
                self = .object(try container.decode([String: JSONValue].self))
            }
        }

        /// Every leaf under `prefix` as (dotted key, value as the record writes it).
        func leaves(_ prefix: String) -> [(String, String)] {
            switch self {
            case .number(let number): [(prefix, String(number))]
            case .text(let text): [(prefix, text)]
            case .object(let members): members.flatMap { $0.value.leaves(prefix + "." + $0.key) }
            }
        }
    }

    /// The corpus folders and how many reports each holds at least.
    static let folders = ["real": 3, "edition2019": 1]

    /// One report of a corpus folder.
    struct Report: CustomTestStringConvertible, Sendable {
        var folder: String
        var name: String
        var testDescription: String { "\(folder)/\(name)" }
    }

    /// The fixture folder `name`.
    static func url(of folder: String) -> URL {
        Bundle.module.url(forResource: folder, withExtension: nil, subdirectory: "Fixtures")!
    }

    static let reports: [Report] = folders.keys.sorted().flatMap { folder in
        let url = url(of: folder)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return files.filter { $0.hasSuffix(".expected.json") }.map { String($0.dropLast(".expected.json".count)) }
            .sorted().map { Report(folder: folder, name: $0) }
    }

    @Test(arguments: folders.keys.sorted())
    func theCorpusIsThere(_ folder: String) {
        #expect(Self.reports.filter { $0.folder == folder }.count >= Self.folders[folder]!)
    }

    @Test(arguments: reports)
    func readsTheReportAsPublished(_ report: Report) throws {
        let folder = Self.url(of: report.folder)
        let name = report.name
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        let source = try #require(files.first { $0.hasPrefix(name + ".") && !$0.hasSuffix(".expected.json") })
        let expected = try JSONDecoder().decode(
            Expected.self,
            from: Data(contentsOf: folder.appendingPathComponent(name + ".expected.json"))
        )
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(source)))
        let record = try ReportParser().parse(bytes, sourceName: source).get()
        #expect(record.agency == expected.agency)
        #expect(record.year == expected.year)
        #expect(record.edition == expected.edition ?? "2021")

        let ambiguous = Set(record.validation.findings.filter { $0.rule == "cells.ambiguous" }.flatMap(\.cells))
        let undecidable = Set(expected.undecidable ?? [])
        let got = Dictionary(uniqueKeysWithValues: record.cellValues.map { ($0.key, $0.value) })
        let want =
            JSONValue.object(expected.active).leaves("active") + JSONValue.object(expected.requests).leaves("requests")
            + JSONValue.object(expected.reviews).leaves("reviews")
        #expect(want.count == (expected.edition == "2019" ? 212 : 200))
        #expect(want.count == got.count)
        for (key, value) in want where !(undecidable.contains(key) && ambiguous.contains(key)) {
            #expect(got[key] == value, "\(key)")
        }

        let flagged = !ambiguous.isDisjoint(with: undecidable)
        let errors = Set(record.validation.findings.filter { $0.severity == .error }.map(\.rule))
        #expect(errors == Set(expected.violations).union(flagged ? ["cells.ambiguous"] : []))
        #expect(record.validation.status == (expected.consistent && !flagged ? .valid : .inconsistent))
    }
}
