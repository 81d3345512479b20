import ReportCore
import ReportFixtures
import Testing

/// One test per rule of `docs/record.md`: each breaks the rule in a report of our own and
/// checks the finding, its cells and the lines they were read from. Removing a rule fails its test.
struct ValidationTests {
    /// Parses `report` rendered as tab-separated text; returns the record and the rendered lines.
    private func parse(_ report: SampleReport) throws -> (Record, [Substring]) {
        let text = report.render(.tsv)
        let record = try ReportParser().parse(Array(text.utf8), sourceName: "broken.txt").get()
        return (record, text.split(separator: "\n", omittingEmptySubsequences: false))
    }

    /// Every finding's cells were read from lines that hold their values.
    private func expectLinesHoldValues(_ record: Record, _ lines: [Substring]) {
        let values = Dictionary(uniqueKeysWithValues: record.cellValues.map { ($0.key, $0.value) })
        for finding in record.validation.findings {
            #expect(finding.cells.count == finding.sourceLines.count)
            for (cell, line) in zip(finding.cells, finding.sourceLines) {
                let fields = lines[line - 1].split(separator: "\t").map(String.init)
                #expect(fields.contains(values[cell]!), "\(cell) is not on line \(line)")
            }
        }
    }

    @Test func requestsBalance() throws {
        var report = SampleReport.distinct()
        report.requests[24][2] += 1
        report.requests[24][6] += 1
        let (record, lines) = try parse(report)
        #expect(Set(record.validation.findings.map(\.rule)) == ["requests.balance"])
        let finding = try #require(record.validation.findings.first)
        #expect(finding.severity == .error)
        #expect(
            finding.cells == [
                "requests.received.research", "requests.carriedOver.research", "requests.total.research",
                "requests.carriedForward.research",
            ]
        )
        #expect(record.validation.findings.count == 2)  // the research column and the total column
        #expect(record.validation.status == .inconsistent)
        expectLinesHoldValues(record, lines)
    }

    @Test func requestsOutcomes() throws {
        var report = SampleReport.distinct()
        for row in [0, 23] {
            report.requests[row][1] += 5
            report.requests[row][6] += 5
        }
        report.stateRequests(report.requests[0][6])
        let (record, lines) = try parse(report)
        #expect(Set(record.validation.findings.map(\.rule)) == ["requests.outcomes"])
        #expect(
            record.validation.findings.map { $0.cells[0] } == ["requests.total.commercial", "requests.total.total"]
        )
        #expect(record.validation.findings[0].cells.count == 22)
        expectLinesHoldValues(record, lines)
    }

    @Test func requestsColumnTotal() throws {
        var report = SampleReport.distinct()
        report.requests[7][6] += 1
        let (record, lines) = try parse(report)
        let finding = try #require(record.validation.findings.first { $0.rule == "requests.columnTotal" })
        #expect(finding.cells.first == "requests.denied.thirdPartyRights.total")
        #expect(finding.cells.count == 7)
        #expect(record.validation.findings.filter { $0.rule == "requests.columnTotal" }.count == 1)
        expectLinesHoldValues(record, lines)
    }

    @Test func reviewsTotal() throws {
        var report = SampleReport.distinct()
        report.reviews[9] += 3
        let (record, lines) = try parse(report)
        #expect(record.validation.findings.map(\.rule) == ["reviews.total"])
        #expect(record.validation.findings[0].cells.first == "reviews.litigationDirect.total")
        expectLinesHoldValues(record, lines)
    }

    @Test func cellsNonNegative() throws {
        var report = SampleReport.distinct()
        report.active[6] = -3
        report.fee = "-12.5"
        let (record, lines) = try parse(report)
        let findings = record.validation.findings.filter { $0.rule == "cells.nonNegative" }
        #expect(findings.map(\.cells) == [["active.licensing"], ["active.feesTenThousandYuan"]])
        #expect(record.active.edition2021?.licensing == -3)
        #expect(record.validation.status == .inconsistent)
        expectLinesHoldValues(record, lines)
    }

    @Test func cellsBlankIsAWarningAndReadsAsZero() throws {
        var report = SampleReport.distinct()
        report.blankMarkers = [.active(0): "/", .active(4): "-", .active(6): "—", .active(8): "无", .active(1): ""]
        let (record, _) = try parse(report)
        #expect(record.validation.findings.map(\.rule) == ["cells.blank"])
        let finding = record.validation.findings[0]
        #expect(finding.severity == .warning)
        #expect(
            Set(finding.cells) == [
                "active.rules.issued", "active.rules.repealed", "active.normativeDocuments.repealed",
                "active.licensing", "active.coercion",
            ]
        )
        #expect(record.validation.status == .valid)
        #expect(record.cellValues.map(\.value) == report.expectedCellValues)
    }

    @Test(arguments: [SampleLayout.tsv, .cells, .pipe, .markdown])
    func anEmptyCellBetweenValuesIsBlank(_ layout: SampleLayout) throws {
        var report = SampleReport.distinct()
        report.blankMarkers = [.active(1): ""]
        let record = try ReportParser().parse(report.bytes(layout), sourceName: "blank.txt").get()
        #expect(record.active.edition2021?.rules.repealed == 0)
        #expect(record.active.edition2021?.rules.inForce == report.active[2])
        #expect(record.validation.findings.map(\.cells) == [["active.rules.repealed"]])
    }

    @Test func narrativeRequests() throws {
        var report = SampleReport.distinct()
        report.stateRequests(report.requests[0][6] + 5)
        let (record, lines) = try parse(report)
        #expect(record.validation.findings.map(\.rule) == ["narrative.requests"])
        #expect(record.validation.findings[0].severity == .warning)
        #expect(record.validation.findings[0].cells == ["requests.received.total"])
        #expect(record.validation.status == .valid)
        expectLinesHoldValues(record, lines)
    }

    @Test func aConsistentNarrativeRaisesNothing() throws {
        var report = SampleReport.distinct()
        report.overview[2] = "（二）依申请公开情况。本年度新收政府信息公开申请共\(report.requests[0][6])件。"
        #expect(try parse(report).0.validation.findings == [])
        report.overview[2] = "（二）依申请公开情况。本年度未收到政府信息公开申请。"
        #expect(try parse(report).0.validation.findings.map(\.rule) == ["narrative.requests"])
    }

    /// 共受理 often counts the requests carried over from the year before with the new ones.
    @Test func aNarrativeCountingTheCarriedOverRequestsToo() throws {
        var report = SampleReport.distinct()
        let both = report.requests[0][6] + report.requests[1][6]
        report.overview[2] = "（二）依申请公开情况。全年共受理政府信息公开申请\(both)件，均按期答复。"
        #expect(try parse(report).0.validation.findings == [])
        report.overview[2] = "（二）依申请公开情况。全年共受理政府信息公开申请\(both + 1)件，均按期答复。"
        #expect(try parse(report).0.validation.findings.map(\.rule) == ["narrative.requests"])
    }

    @Test func otherHandlingPrintedAsOneRow() throws {
        let report = SampleReport.distinct()
        let merged = (0..<7).map { column in (20...22).reduce(0) { $0 + report.requests[$1][column] } }
        var lines = report.render(.tsv).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(lines.firstIndex { $0.hasPrefix("（六）其他处理\t") })
        lines.replaceSubrange(first...first + 2, with: ["（六）其他处理\t" + merged.map(String.init).joined(separator: "\t")])
        let record = try ReportParser().parse(Array(lines.joined(separator: "\n").utf8), sourceName: "six.txt").get()
        #expect(record.counts(under: "requests.otherHandling.other") == merged)
        #expect(record.counts(under: "requests.otherHandling.overdueCorrection") == [0, 0, 0, 0, 0, 0, 0])
        #expect(record.validation.findings.map(\.rule) == ["template.otherHandlingRow"])
        #expect(record.validation.status == .valid)
    }
}
