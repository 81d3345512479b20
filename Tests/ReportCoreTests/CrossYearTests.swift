import ReportCore
import ReportFixtures
import Testing

/// The `crossYear.*` rules of `shared/spec/record.md`: each kept and broken by reports of one
/// agency in consecutive years, and section 五 copied from the year before, from another agency,
/// or rewritten.
struct CrossYearTests {
    private func record(_ report: SampleReport) throws -> Record {
        try ReportParser().parse(report.bytes(.tsv), sourceName: "\(report.agency)-\(report.year).txt").get()
    }

    /// Two years of one agency whose reports keep every rule, each with its own section 五.
    private func consistentYears() -> (SampleReport, SampleReport) {
        var previous = SampleReport.distinct(agency: "东湖镇人民政府", year: 2023, seed: 3)
        previous.problems = SampleReport.problems(1)
        var current = SampleReport.distinct(agency: "东湖镇人民政府", year: 2024, seed: 4)
        current.problems = SampleReport.problems(8)
        return (previous, current.carryingOver(from: previous).keepingInForce(from: previous))
    }

    @Test func consecutiveYearsThatAgreeHaveNoFinding() throws {
        let (previous, current) = consistentYears()
        let findings = CrossYearCheck.findings(previous: try record(previous), current: try record(current))
        #expect(findings.isEmpty, "\(findings.map(\.finding.message))")
    }

    @Test func carryOverBroken() throws {
        let (previous, kept) = consistentYears()
        var current = kept
        current.requests[1][2] += 5
        current.requests[1][6] += 5
        current.requests[0][2] -= 5
        current.requests[0][6] -= 5
        current.stateRequests(current.requests[0][6])
        let findings = CrossYearCheck.findings(previous: try record(previous), current: try record(current))
        #expect(findings.map(\.finding.rule) == ["crossYear.carryOver"])
        let finding = try #require(findings.first)
        #expect(finding.finding.severity == .warning)
        #expect(finding.finding.cells == ["requests.carriedOver.research", "requests.carriedOver.total"])
        #expect(finding.record == .init(agency: "东湖镇人民政府", year: 2024))
        #expect(finding.other == .init(agency: "东湖镇人民政府", year: 2023))
        #expect(finding.finding.message.contains("结转下年度 \(previous.requests[24][2])"))
    }

    @Test func inForceBroken() throws {
        let (previous, kept) = consistentYears()
        var current = kept
        current.active[5] += 2  // 行政规范性文件 现行有效件数
        let findings = CrossYearCheck.findings(previous: try record(previous), current: try record(current))
        #expect(findings.map(\.finding.rule) == ["crossYear.inForce"])
        #expect(
            findings.first?.finding.cells == [
                "active.normativeDocuments.issued", "active.normativeDocuments.repealed",
                "active.normativeDocuments.inForce",
            ]
        )
    }

    @Test func inForceIsNotCheckedAgainstTheTrialEdition() throws {
        let previous = SampleReport.trial(agency: "东湖镇人民政府", year: 2020)
        var current = SampleReport.distinct(agency: "东湖镇人民政府", year: 2021).carryingOver(from: previous)
        current.problems = SampleReport.problems(5)
        let findings = CrossYearCheck.findings(previous: try record(previous), current: try record(current))
        #expect(findings.isEmpty, "\(findings.map(\.finding.message))")
    }

    @Test func problemsCopiedFromLastYearAreCaughtRewrittenOnesAreNot() throws {
        let (previous, kept) = consistentYears()
        var copied = kept
        copied.problems = SampleReport.lightlyEdited(previous.problems)
        let findings = CrossYearCheck.findings(previous: try record(previous), current: try record(copied))
        #expect(findings.map(\.finding.rule) == ["crossYear.copiedProblems"])
        #expect(findings.first?.finding.cells == ["sections.problems"])
        #expect(findings.first?.finding.message.contains("本单位2023年报告") == true)

        var rewritten = kept
        rewritten.problems = [
            "一是公开内容不够全面，部分栏目更新不及时；二是政策解读形式单一，图解视频类解读偏少。",
            "下一步，我们将加强业务培训，丰富解读形式，每月通报栏目更新情况，确保整改到位。",
        ]
        #expect(CrossYearCheck.findings(previous: try record(previous), current: try record(rewritten)).isEmpty)
    }

    @Test func problemsCopiedFromAnotherAgencyOfTheSameYearNameIt() throws {
        var reports = (0..<6).map { index in
            var report = SampleReport.distinct(agency: "第\(index)街道办事处", year: 2024, seed: index)
            report.problems = SampleReport.problems(index * 5 + 1)
            return report
        }
        reports[4].problems = SampleReport.lightlyEdited(reports[1].problems)
        reports[5].problems = reports[1].problems
        let records = try reports.map(record)
        let findings = CrossYearCheck.findings(in: records)
        #expect(findings.allSatisfy { $0.finding.rule == "crossYear.copiedProblems" })
        let pairs = findings.map { "\($0.record.agency)→\($0.other.agency)" }
        // Each copy names its closest other: the identical pair each other, the edited one the original.
        #expect(pairs == ["第1街道办事处→第5街道办事处", "第4街道办事处→第1街道办事处", "第5街道办事处→第1街道办事处"])
        #expect(findings.first?.finding.message.contains("100%") == true)
    }

    @Test func theSimilarityJoinFindsWhatComparingEveryPairFinds() throws {
        // 80 reports of one year: variants that share wording, a few edited copies.
        var reports = (0..<80).map { index in
            var report = SampleReport.distinct(agency: "单位\(index)", year: 2024, seed: index % 50)
            report.problems = SampleReport.problems(index % 40)
            return report
        }
        for index in stride(from: 3, to: 80, by: 11) {
            reports[index].problems = SampleReport.lightlyEdited(reports[index - 1].problems)
        }
        let records = try reports.map(record)
        let found = CrossYearCheck.findings(in: records).filter { $0.finding.rule == "crossYear.copiedProblems" }
        // Every pair at or above 80 %, compared naively, by the same 5-gram Jaccard similarity.
        func shingles(_ text: String) -> Set<String> {
            let characters = Array(text.unicodeScalars)
            return Set((0...(characters.count - 5)).map { String(String.UnicodeScalarView(characters[$0..<$0 + 5])) })
        }
        let sets = records.map { shingles($0.sections.problems) }
        var copying = Set<String>()
        for first in records.indices {
            for second in records.indices where first != second {
                let common = sets[first].intersection(sets[second]).count
                if Double(common) / Double(sets[first].union(sets[second]).count) >= 0.8 {
                    copying.insert(records[first].agency)
                }
            }
        }
        #expect(!copying.isEmpty)
        #expect(Set(found.map(\.record.agency)) == copying)
    }

    @Test func cellColumnsAreTheTemplatesCellsWithUniqueTitles() {
        let columns = CellColumn.all
        #expect(columns.count == 222)
        #expect(Set(columns.map(\.title)).count == 222)
        #expect(columns.first?.title == "表二 规章 本年制发件数")
        #expect(columns.first { $0.key == "active.feesTenThousandYuan" }?.title == "表二 行政事业性收费（万元）")
        #expect(columns.first { $0.key == "reviews.review.other" }?.title == "表四 行政复议 其他结果")
        #expect(
            columns.filter(\.isDecimal).map(\.key) == ["active.feesTenThousandYuan", "active.procurement.amountYuan"]
        )
        let record = try? ReportParser().parse(SampleReport.distinct().bytes(.tsv), sourceName: "a.txt").get()
        let recordKeys = record?.cellValues.map(\.key) ?? []
        #expect(recordKeys == columns.filter { $0.edition != "2019" }.map(\.key))
        #expect(
            CellColumn.requestOutcomeGroups.map(\.title) == [
                "表三 不予公开 总计", "表三 无法提供 总计", "表三 不予处理 总计", "表三 其他处理 总计",
            ]
        )
    }
}
