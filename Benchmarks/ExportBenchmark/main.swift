// Export and cross-year check of a large mirror: `swift run -c release ExportBenchmark [agencies] [years]`.
//
// Writes a mirror of agencies × years records (default 3,000 × 5 = 15,000) made from our own reports,
// each with its own section 五 (a few copied from the year before or from another agency), then runs
// each measurement in a child process of its own, so that each peak RSS (getrusage ru_maxrss) is its
// own: reading the mirror, the cross-year check, the CSV, JSON Lines and .xlsx exports (each export
// includes reading the mirror and the cross-year check). Wall and CPU time are printed.
import Foundation
import OfficeExport
import ReportCore
import ReportFixtures
import SyncEngine

/// Seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// Peak resident memory of this process so far, in MB, and its CPU time (user + system), in seconds:
/// on a machine shared with other work, CPU time says more than the time on the clock.
func usage() -> (peakMegabytes: Double, cpuSeconds: Double) {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    let cpu = [usage.ru_utime, usage.ru_stime].reduce(0.0) { $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6 }
    return (Double(usage.ru_maxrss) / 1024, cpu)
}

/// A section 五 of five sentences picked from a pool by a seeded generator: distinct texts share
/// sentences now and then, as real reports share phrases.
func problems(_ seed: Int) -> String {
    let subjects = ["公开内容", "政策解读", "回应关切", "平台建设", "基层公开", "依申请办理", "信息更新", "栏目管理"]
    let faults = ["不够全面", "形式单一", "不够及时", "有待加强", "标准化不足", "规范性不够", "覆盖面不广", "深度不够"]
    let steps = ["加强培训", "完善机制", "丰富形式", "推进整合", "强化督查", "规范文书", "细化清单", "压实责任"]
    var state = UInt64(truncatingIfNeeded: seed) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    return (0..<5).map { _ in
        "\(subjects[next(8)])\(faults[next(8)])，第\(next(500))项任务需\(steps[next(8)])并\(steps[next(8)])，计划\(next(12) + 1)月底前完成。"
    }.joined()
}

func writeMirror(at root: URL, agencies: Int, years: Int) throws -> Int {
    let parser = ReportParser()
    let bases = try (0..<50).map { seed in
        try parser.parse(SampleReport.distinct(seed: seed).bytes(.tsv), sourceName: "base.txt").get()
    }
    var written = 0
    for yearIndex in 0..<years {
        let year = 2020 + yearIndex
        let folder = root.appendingPathComponent("records/\(year)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for agency in 0..<agencies {
            var record = bases[(agency + yearIndex) % bases.count]
            record.agency = "第\(agency)号测试单位"
            record.year = year
            // 3 % copy their own previous year's section, 1 % another agency's of the same year.
            let source =
                agency % 33 == 0 && yearIndex > 0
                ? (agency, yearIndex - 1) : agency % 97 == 0 ? (agency + 1, yearIndex) : (agency, yearIndex)
            record.sections.problems = problems(source.0 * 10 + source.1)
            try Data(record.jsonBytes()).write(to: folder.appendingPathComponent("\(record.agency).json"))
            written += 1
        }
    }
    return written
}

/// One measurement in this (child) process: prints its time and peak RSS.
func measure(_ what: String, mirror: MirrorFolder) throws {
    let start = ContinuousClock.now
    var detail = ""
    switch what {
    case "read":
        detail = "\(try mirror.records().count) records"
    case "crossYear":
        let records = try mirror.records()
        let read = seconds(since: start)
        let checkStart = ContinuousClock.now
        let findings = CrossYearFindings(records: records)
        let counts = findings.counts.map { "\($0.count) \($0.rule)" }.joined(separator: ", ")
        detail = String(format: "check alone %.2f s (reading %.2f s); ", seconds(since: checkStart), read) + counts
    default:
        let format = Export.Format(rawValue: what)!
        let bytes = try Export(mirror: mirror).bytes(format)
        detail = String(format: "%.1f MB written", Double(bytes.count) / 1e6)
    }
    let (peak, cpu) = usage()
    let figures = String(format: "%6.2f s (CPU %6.2f s), peak RSS %5.0f MB", seconds(since: start), cpu, peak)
    print(what.padding(toLength: 10, withPad: " ", startingAt: 0) + figures + "  (" + detail + ")")
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "measure" {
    try measure(arguments[1], mirror: MirrorFolder(root: .init(arguments[2])))
    exit(0)
}
let agencies = arguments.first.flatMap(Int.init) ?? 3000
let years = arguments.dropFirst().first.flatMap(Int.init) ?? 5
let root = FileManager.default.temporaryDirectory.appendingPathComponent("export-benchmark-\(getpid())")
defer { try? FileManager.default.removeItem(at: root) }
let start = ContinuousClock.now
let count = try writeMirror(at: root, agencies: agencies, years: years)
print(
    String(
        format: "mirror of %d records (%d agencies × %d years) written in %.1f s",
        count,
        agencies,
        years,
        seconds(since: start)
    )
)
for what in ["read", "crossYear", "csv", "jsonl", "xlsx"] {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    child.arguments = ["measure", what, root.path]
    try child.run()
    child.waitUntilExit()
}
