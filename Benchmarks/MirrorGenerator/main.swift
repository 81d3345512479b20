// Writes a mirror of many records straight to disk, as the daemon would have left it, for the status
// page's benchmark (`scripts/web-benchmark`): `records/<year>/<agency>.json` for every agency and year,
// and a change log with one `added` event for each (one report in seven inconsistent).
//
// Run: swift run -c release MirrorGenerator MIRROR [records]   (default 15,000: 3,000 agencies × 5 years)

import Foundation
import ReportCore
import ReportFixtures
import SyncEngine

let arguments = CommandLine.arguments.dropFirst()
guard let mirror = arguments.first else {
    FileHandle.standardError.write(Data("usage: MirrorGenerator MIRROR [records]\n".utf8))
    exit(64)
}
let count = arguments.dropFirst().first.flatMap { Int($0) } ?? 15_000
let years = Array(2020...2024)

let sample = SampleReport.distinct(agency: "模板镇人民政府", year: 2024)
guard case .success(let template) = ReportParser().parse(sample.bytes(.tsv), sourceName: "sample.txt") else {
    fatalError("the sample report does not parse")
}
var log = Data()
for index in 0..<count {
    var record = template
    record.agency = "第\(index / years.count + 1)号镇人民政府"
    record.year = years[index % years.count]
    record.contentHash = "sha256:" + String(repeating: String(index % 16, radix: 16), count: 64)
    if index % 7 == 3 {
        record.validation = Record.Validation(findings: [
            Finding(
                rule: "requests.balance",
                severity: .error,
                message: "自然人: 本年新收 + 上年结转 ≠ 总计 + 结转下年度",
                cells: ["requests.received.naturalPerson", "requests.total.naturalPerson"],
                sourceLines: [40, 62]
            )
        ])
    }
    let path = MirrorFolder(root: .init(mirror)).recordPath(agency: record.agency, year: record.year)
    try FileManager.default.createDirectory(
        atPath: path.removingLastComponent().string,
        withIntermediateDirectories: true
    )
    try Data(record.jsonBytes()).write(to: URL(fileURLWithPath: path.string))
    var event = ChangeEvent(
        seq: index + 1,
        time: "2025-01-26T08:00:00.000Z",
        event: .added,
        source: .init(name: "\(record.agency)\(record.year).txt", sha256: String(repeating: "0", count: 64))
    )
    event.agency = record.agency
    event.year = record.year
    event.contentHash = record.contentHash
    event.status = record.validation.status
    log.append(contentsOf: event.jsonLine() + [UInt8(ascii: "\n")])
}
try log.write(to: URL(fileURLWithPath: mirror + "/changes.jsonl"))
print("wrote \(count) records and \(count) change-log lines to \(mirror)")
