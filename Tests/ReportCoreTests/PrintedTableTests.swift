import ReportCore
import ReportFixtures
import Testing

/// The tables as the template prints them hold every cell of a record of their edition once, in the
/// record's own order, under the template's headers.
struct PrintedTableTests {
    @Test(arguments: [SampleReport.distinct(), SampleReport.trial()])
    func everyCellOnceInTemplateOrder(report: SampleReport) throws {
        let record = try ReportParser().parse(report.bytes(.tsv), sourceName: "report.txt").get()
        let tables = PrintedTable.tables(edition: record.edition)
        let printed = tables.flatMap { $0.rows.flatMap(\.cells) }
        #expect(printed == record.cellValues.map(\.key))
        #expect(tables.map(\.heading) == ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"])
    }

    @Test func headersSpanTheValueColumns() {
        for table in PrintedTable.tables(edition: "2021") {
            let width = table.rows.map { $0.cells.count }.max() ?? 0
            // Each header row's cells, with the spans of the rows above reaching down, cover the label
            // and value columns exactly.
            var reaching: [Int] = []
            for row in table.header {
                let covered = row.reduce(0) { $0 + $1.columnSpan } + reaching.count
                #expect(covered == table.labelColumns + width, "\(table.heading)")
                reaching =
                    reaching.compactMap { $0 > 2 ? $0 - 1 : nil }
                    + row.filter { $0.rowSpan > 1 }.flatMap { Array(repeating: $0.rowSpan, count: $0.columnSpan) }
            }
        }
    }

    @Test func describesCellsInTheTemplatesWords() {
        #expect(PrintedTable.describe(cell: "requests.denied.stateSecret.total") == "（三）不予公开 属于国家秘密 总计")
        #expect(PrintedTable.describe(cell: "reviews.litigationDirect.pending") == "未经复议直接起诉 尚未审结")
        #expect(PrintedTable.describe(cell: "active.rules.issued") == "规章 本年制发件数")
        #expect(PrintedTable.describe(cell: "requests.received.total") == "一、本年新收政府信息公开申请数量 总计")
    }
}
