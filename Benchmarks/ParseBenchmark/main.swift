// Parse throughput on one core: `swift run -c release ParseBenchmark [reports]`.
//
// Renders a few thousand reports of our own (distinct values, every text layout, UTF-8 and GB18030),
// then parses each one and prints reports/s and MB/s. No I/O happens inside the timed loop.
import Foundation
import ReportCore
import ReportFixtures

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 4000
let layouts = SampleLayout.allCases
var inputs: [[UInt8]] = []
inputs.reserveCapacity(count)
for index in 0..<count {
    let report = SampleReport.distinct(agency: "第\(index)号测试单位", seed: index % 50)
    let encoding: SampleEncoding = index % 5 == 4 ? .gb18030 : .utf8
    inputs.append(report.bytes(layouts[index % layouts.count], encoding: encoding))
}
let totalBytes = inputs.reduce(0) { $0 + $1.count }

let parser = ReportParser()
// One warm-up pass over a few inputs, then the measured pass.
for input in inputs.prefix(50) { _ = parser.parse(input, sourceName: "warm-up") }
let clock = ContinuousClock()
var parsed = 0
let elapsed = clock.measure {
    for input in inputs {
        if case .success = parser.parse(input, sourceName: "bench.txt") { parsed += 1 }
    }
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let megabytes = Double(totalBytes) / 1_000_000
print(
    "parsed \(parsed) of \(count) reports (\(String(format: "%.1f", megabytes)) MB, mean \(totalBytes / count) bytes)"
)
print(
    String(
        format: "%.0f reports/s, %.1f MB/s on one core (%.1f µs per report)",
        Double(count) / seconds,
        megabytes / seconds,
        seconds / Double(count) * 1e6
    )
)

// The same for reports in the habits of real published files (wrapped titles, typos, traditional
// copies, CMS pages, OCR and PDF Markdown, run-together digits, wrapped numbers, blank gaps, page
// furniture): most of them go through the general alignment rather than the exact reading.
let habits = RealWorldCase.allCases
let realWorld = (0..<max(count / 4, habits.count)).map { index in
    let habit = habits[index % habits.count]
    return (bytes: habit.model.bytes(habit), name: habit.sourceName)
}
let realWorldBytes = realWorld.reduce(0) { $0 + $1.bytes.count }
for input in realWorld.prefix(50) { _ = parser.parse(input.bytes, sourceName: input.name) }
var realWorldParsed = 0
let realWorldElapsed = clock.measure {
    for input in realWorld {
        if case .success = parser.parse(input.bytes, sourceName: input.name) { realWorldParsed += 1 }
    }
}
let realWorldSeconds =
    Double(realWorldElapsed.components.seconds) + Double(realWorldElapsed.components.attoseconds) / 1e18
print(
    String(
        format: "real-world habits: parsed %d of %d, %.0f reports/s, %.1f MB/s (%.1f µs per report)",
        realWorldParsed,
        realWorld.count,
        Double(realWorld.count) / realWorldSeconds,
        Double(realWorldBytes) / 1_000_000 / realWorldSeconds,
        realWorldSeconds / Double(realWorld.count) * 1e6
    )
)
