import Foundation
import OfficeExport
import ReportCore
import ReportFixtures
import SyncEngine
import Testing

/// The collecting office's commands on a mirror the real daemon made from the seeds and fixtures:
/// `export` read back by real readers (openpyxl, Python's csv module), the cross-year findings in the
/// export, `status` and the journal, `history` and `validate --format json`.
@Suite("Export, history, status and validate for the collecting office", .serialized)
final class ExportCommandTests {
    let harness: DaemonHarness
    let mirror: MirrorFolder

    /// One agency that keeps every cross-year rule, one that breaks all three, one whose section 五
    /// is another agency's, one in the 2019 trial edition, one inconsistent report.
    static let keeping = "东湖镇人民政府"
    static let breaking = "西山乡人民政府"
    static let copying = "南岭街道办事处"

    init() throws {
        harness = try DaemonHarness()
        mirror = MirrorFolder(root: .init(harness.mirror))
        try harness.start()
        let seeds = BuiltBinary.packageRoot.appendingPathComponent("Tests/ReportCoreTests/Fixtures/seeds")
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted() {
            let bytes = try Data(contentsOf: seeds.appendingPathComponent(name))
            try harness.drop(Array(bytes), as: "seeds/\(name)")
            try harness.waitForEvent("seeds/\(name)")
        }
        for (name, report) in Self.reports() {
            try harness.drop(report.bytes(.tsv), as: name)
            try harness.waitForEvent(name)
        }
    }

    deinit { harness.stop() }

    static func reports() -> [(String, SampleReport)] {
        var keeping2023 = SampleReport.distinct(agency: keeping, year: 2023, seed: 3)
        keeping2023.problems = SampleReport.problems(1)
        var keeping2024 = SampleReport.distinct(agency: keeping, year: 2024, seed: 4)
        keeping2024.problems = SampleReport.problems(8)
        keeping2024 = keeping2024.carryingOver(from: keeping2023).keepingInForce(from: keeping2023)
        var breaking2023 = SampleReport.distinct(agency: breaking, year: 2023, seed: 5)
        breaking2023.problems = SampleReport.problems(15)
        var breaking2024 = SampleReport.distinct(agency: breaking, year: 2024, seed: 6)
        breaking2024.problems = SampleReport.lightlyEdited(breaking2023.problems)
        var copying2024 = SampleReport.distinct(agency: copying, year: 2024, seed: 7)
        copying2024.problems = keeping2024.problems
        var trial = SampleReport.trial(agency: "北塘镇人民政府", year: 2020, seed: 8)
        trial.problems = SampleReport.problems(22)
        var inconsistent = SampleReport.distinct(agency: "中和镇人民政府", year: 2024, seed: 9)
        inconsistent.problems = SampleReport.problems(29)
        inconsistent.requests[24][2] += 1
        inconsistent.requests[24][6] += 1
        return [
            ("keeping-2023.txt", keeping2023), ("keeping-2024.txt", keeping2024),
            ("breaking-2023.txt", breaking2023), ("breaking-2024.txt", breaking2024),
            ("copying-2024.txt", copying2024), ("trial-2020.txt", trial), ("inconsistent-2024.txt", inconsistent),
        ]
    }

    private func run(_ arguments: [String]) throws -> BuiltBinary.Outcome {
        try BuiltBinary.run(
            arguments + ["--mirror", harness.mirror, "--state", harness.state, "--inbox", harness.inbox]
        )
    }

    /// Runs one of the readers in `scripts/` on `file`, returning its JSON output.
    private func read<Output: Decodable>(_ script: String, _ file: String, as: Output.Type) throws -> Output {
        let path = BuiltBinary.packageRoot.appendingPathComponent("scripts/\(script)").path
        let outcome = try ChildProcess.run("/usr/bin/python3", [path, file])
        try #require(outcome.status == 0, "\(script) failed")
        return try JSONDecoder().decode(Output.self, from: Data(outcome.output))
    }

    /// A value as a reader gives it: a number, a text, or nothing.
    enum ReadValue: Decodable, Equatable {
        case integer(Int)
        case number(Double)
        case text(String)
        case empty

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .empty
            } else if let integer = try? container.decode(Int.self) {
                self = .integer(integer)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    struct WorkbookContents: Decodable {
        struct Sheet: Decodable {
            var name: String
            var frozen: String?
            var rows: [[ReadValue]]
        }
        var sheets: [Sheet]
    }

    /// The figures the summary row of `record` must show, by key, taken from the record itself: every
    /// cell of its edition, each outcome group's total as the sum of its rows' 总计 cells.
    private func expectedFigures(_ record: Record) -> [String: String] {
        var figures = Dictionary(uniqueKeysWithValues: record.cellValues.map { ($0.key, $0.value) })
        for group in ["denied", "unavailable", "notProcessed", "otherHandling"] {
            let parts = record.cellValues.filter {
                $0.key.hasPrefix("requests.\(group).") && $0.key.hasSuffix(".total")
            }
            figures["requests.\(group).total"] = String(parts.reduce(0) { $0 + Int($1.value)! })
        }
        return figures
    }

    private func workbookReadByOpenpyxlHoldsEveryFigureOfEveryRecord() throws {
        let file = harness.root + "/export.xlsx"
        let outcome = try run(["export", "--format", "xlsx", "-o", file])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let workbook = try read("read-workbook.py", file, as: WorkbookContents.self)
        #expect(workbook.sheets.map(\.name) == ["汇总", "问题清单", "说明"])
        let summary = workbook.sheets[0]
        #expect(summary.frozen == "A2")
        let titles = summary.rows[0].map { value -> String in
            guard case .text(let text) = value else { return "" }
            return text
        }
        let columns = SummaryColumn.all
        #expect(titles == columns.map(\.title))
        #expect(titles.prefix(6) == ["单位名称", "年度", "模板版本", "校验结果", "错误数", "提示数"])
        #expect(titles.contains("表三 本年新收政府信息公开申请数量 自然人"))
        #expect(titles.contains("表二 行政事业性收费（万元）"))
        // Every cell key is a column exactly once.
        #expect(Set(columns.map(\.key)).isSuperset(of: CellColumn.all.map(\.key)))
        #expect(Set(columns.map(\.key)).count == columns.count)

        let records = try mirror.records()
        #expect(summary.rows.count - 1 == records.count)
        #expect(records.count == 12)
        var compared = 0
        for row in summary.rows.dropFirst() {
            guard case .text(let agency) = row[0], case .integer(let year) = row[1] else {
                Issue.record("row without agency and year: \(row.prefix(2))")
                continue
            }
            let record = try #require(mirror.record(agency: agency, year: year))
            let figures = expectedFigures(record)
            let findings = record.validation.findings
            #expect(row[2] == .text(record.edition))
            #expect(row[3] == .text(record.validation.status.rawValue))
            #expect(row[4] == .integer(findings.count { $0.severity == .error }))
            #expect(row[5] == .integer(findings.count { $0.severity == .warning }))
            for (column, value) in zip(columns, row).dropFirst(7) {
                guard let expected = figures[column.key] else {
                    #expect(value == .empty, "\(agency) \(year) \(column.key) is not in its edition")
                    continue
                }
                if column.kind == .decimal {
                    let number: Double? =
                        switch value {
                        case .number(let number): number
                        case .integer(let integer): Double(integer)
                        default: nil
                        }
                    #expect(number == Double(expected), "\(agency) \(year) \(column.key)")
                } else {
                    #expect(value == .integer(Int(expected)!), "\(agency) \(year) \(column.key)")
                }
                compared += 1
            }
        }
        // 11 records of the 2021 template and one of the 2019 edition, each figure compared.
        #expect(compared == 11 * (200 + 4) + (212 + 4))

        let problems = workbook.sheets[1].rows.dropFirst().map { row in
            row.map { value -> String in
                switch value {
                case .text(let text): text
                case .integer(let integer): String(integer)
                case .number(let number): String(number)
                case .empty: ""
                }
            }
        }
        let crossYear = problems.filter { $0[2].hasPrefix("crossYear.") }.map { "\($0[0]) \($0[1]) \($0[2]) \($0[7])" }
        #expect(
            Set(crossYear) == [
                "\(Self.breaking) 2024 crossYear.carryOver \(Self.breaking) 2023",
                "\(Self.breaking) 2024 crossYear.inForce \(Self.breaking) 2023",
                "\(Self.breaking) 2024 crossYear.copiedProblems \(Self.breaking) 2023",
                "\(Self.copying) 2024 crossYear.copiedProblems \(Self.keeping) 2024",
                "\(Self.keeping) 2024 crossYear.copiedProblems \(Self.copying) 2024",
            ]
        )
        #expect(problems.contains { $0[0] == "中和镇人民政府" && $0[2] == "requests.balance" && $0[3] == "error" })
        // The summary's cross-year count agrees with the list.
        let breakingRow = try #require(summary.rows.first { $0[0] == .text(Self.breaking) && $0[1] == .integer(2024) })
        // carryOver, inForce for 规章 and for 行政规范性文件, copiedProblems.
        #expect(breakingRow[6] == .integer(4))
        #expect(workbook.sheets[2].rows.count == 1 + columns.count + 8)
    }

    struct CSVContents: Decodable {
        var bom: Bool
        var rows: [[String]]
    }

    private func csvReadByPythonHoldsEveryFigureUnderItsKey() throws {
        let file = harness.root + "/export.csv"
        let outcome = try run(["export", "--format", "csv", "-o", file, "--year", "2024", "--year", "2023"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let csv = try read("read-csv.py", file, as: CSVContents.self)
        #expect(csv.bom)
        let columns = SummaryColumn.all
        #expect(csv.rows[0] == columns.map(\.key))
        #expect(csv.rows[0].prefix(5) == ["agency", "year", "edition", "status", "errors"])
        let records = try mirror.records().filter { $0.year >= 2023 }
        #expect(csv.rows.count - 1 == records.count)
        for row in csv.rows.dropFirst() {
            let record = try #require(mirror.record(agency: row[0], year: Int(row[1])!))
            let figures = expectedFigures(record)
            for (column, value) in zip(columns, row).dropFirst(7) {
                #expect(value == figures[column.key] ?? "", "\(row[0]) \(column.key)")
            }
        }

        let chinese = try run(["export", "--format", "csv", "--header", "zh", "--agency", "西山"])
        let lines = chinese.standardOutput.split(separator: "\r\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("\u{FEFF}单位名称,年度,模板版本"))
    }

    private func jsonLinesNameEveryValueByItsKey() throws {
        let outcome = try run(["export", "--format", "jsonl", "--agency", Self.keeping])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let object = try JSONDecoder().decode([String: ReadValue].self, from: Data(line.utf8))
            guard case .text(let agency) = object["agency"], case .integer(let year) = object["year"] else {
                Issue.record("no agency and year in \(line)")
                continue
            }
            let record = try #require(mirror.record(agency: agency, year: year))
            for (key, expected) in expectedFigures(record) {
                let value = object[key]
                if key == "active.feesTenThousandYuan" {
                    #expect(value == .number(Double(expected)!))
                } else {
                    #expect(value == .integer(Int(expected)!), "\(key)")
                }
            }
            #expect(object["active.procurement.amountYuan"] == .empty)
        }
    }

    private func crossYearFindingsInStatusAndTheJournal() throws {
        let status = try run(["status"])
        #expect(status.status == 0)
        #expect(
            status.standardOutput.contains(
                "cross-year: 1 crossYear.carryOver, 2 crossYear.inForce, 3 crossYear.copiedProblems"
            )
        )
        #expect(status.standardOutput.contains("latest cross-year findings:"))
        // At ingest, the later report of the breaking agency disagreed with the mirrored earlier one.
        let log = harness.logText()
        for rule in ["crossYear.carryOver", "crossYear.inForce", "crossYear.copiedProblems"] {
            #expect(log.contains("REPORTSYNC_RULE=\(rule)"), "no journal warning for \(rule)")
        }
        #expect(log.contains("MESSAGE_ID=4ecfa96e528d46cfac098c57eff69bb8"))
        // The agency whose years agree has no warning.
        #expect(!log.split(separator: "\n").contains { $0.contains("REPORTSYNC_RULE") && $0.contains(Self.keeping) })
    }

    /// The read-only commands on one mirror (made once: each mirror is a daemon and 12 drops).
    @Test func officeCommandsOnOneMirror() throws {
        try workbookReadByOpenpyxlHoldsEveryFigureOfEveryRecord()
        try csvReadByPythonHoldsEveryFigureUnderItsKey()
        try jsonLinesNameEveryValueByItsKey()
        try crossYearFindingsInStatusAndTheJournal()
    }

    @Test func historyShowsEachRevisionsCellsOldToNew() throws {
        var revised = Self.reports()[1].1
        revised.active[6] += 11  // 行政许可
        try harness.drop(revised.bytes(.tsv), as: "keeping-2024-revised.txt")
        let event = try harness.waitForEvent("keeping-2024-revised.txt")
        #expect(event.event == .revised)
        let history = try run(["history", Self.keeping])
        #expect(history.status == 0, "\(history.standardError)")
        let lines = history.standardOutput.split(separator: "\n").map(String.init)
        let events = lines.filter { $0.hasPrefix("#") }
        #expect(events.count == 3)
        #expect(events.map { $0.split(separator: " ")[2] } == ["added", "added", "revised"])
        let old = revised.active[6] - 11
        #expect(lines.contains("  active.licensing 表二 行政许可: \(old) → \(old + 11)"))

        let missing = try run(["history", "没有这个单位"])
        #expect(missing.status == 66)
    }
}

/// `validate --format json`: one array for scripts, the same exit codes as the text output.
struct ValidateJSONTests {
    struct ValidateResult: Decodable {
        var file: String
        var agency: String?
        var year: Int?
        var status: String
        var findings: [Finding]?
        var reason: String?
        var exitCode: Int32
    }

    @Test func validateAsJSONForScripts() throws {
        let folder = try BuiltBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.path + "/good.txt"
        let broken = folder.path + "/broken.txt"
        let junk = folder.path + "/junk.txt"
        let reports = ExportCommandTests.reports()
        try Data(reports[0].1.bytes(.tsv)).write(to: URL(fileURLWithPath: good))
        try Data(reports[6].1.bytes(.tsv)).write(to: URL(fileURLWithPath: broken))
        try Data("会议纪要\n".utf8).write(to: URL(fileURLWithPath: junk))
        let outcome = try BuiltBinary.run(["validate", "--format", "json", good, broken, junk])
        #expect(outcome.status == 65)
        let results = try JSONDecoder().decode([ValidateResult].self, from: Data(outcome.standardOutput.utf8))
        #expect(results.map(\.status) == ["valid", "inconsistent", "notAReport"])
        #expect(results.map(\.exitCode) == [0, 1, 65])
        #expect(results[0].agency == ExportCommandTests.keeping && results[0].year == 2023)
        // The broken column and the 总计 column.
        #expect(results[1].findings?.map(\.rule) == ["requests.balance", "requests.balance"])
        #expect(results[2].reason?.hasPrefix("not a report") == true)
    }
}
