// Ingest throughput and latency of the daemon (SyncEngine's `Daemon`, in process, logging off), on
// temp folders on the same disk as the build:
// 1. a burst of 10,000 reports renamed into the inbox: reports/s from the first drop to the last
//    change-log line, beside plain `cp` + `sha256sum` + fsync of the same files;
// 2. a steady 20 reports/s for 10 s: drop-to-change-log latency p50/p99 (drop until a reader polling
//    the change log every 0.5 ms sees the line).
//
// With --separate-mounts (as root) the state folder is bind-mounted onto itself first, as systemd's
// ReadWritePaths= does: `rename` from the inbox then answers EXDEV and every original is copied to
// archive/ (the path a service under systemd takes).
//
// Run: swift run -c release IngestBenchmark [burst-count] [--separate-mounts]

import Foundation
import Logging
import ReportCore
import ReportFixtures
import SyncEngine
import SystemPackage

struct NoNotifier: ServiceNotifier {
    func notifyReady(status: String) {}
    func notifyStatus(_ status: String) {}
    func notifyAlive() {}
    func notifyStopping() {}
}

let burstCount = CommandLine.arguments.dropFirst().lazy.compactMap(Int.init).first ?? 10_000
let separateMounts = CommandLine.arguments.contains("--separate-mounts")
let workspace = FileManager.default.currentDirectoryPath + "/.build/ingest-benchmark"
try? FileManager.default.removeItem(atPath: workspace)

func folder(_ name: String) -> String {
    let path = workspace + "/" + name
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Writes `count` distinct reports into `directory`; returns their names.
func writeReports(_ count: Int, from first: Int, into directory: String) -> [String] {
    (0..<count).map { index in
        let number = first + index
        let name = "report-\(number).txt"
        let report = SampleReport.distinct(agency: "基准\(number)镇人民政府", year: 2021 + number % 4, seed: number % 50)
        precondition(FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(report.bytes(.tsv))))
        return name
    }
}

func shell(_ command: String) -> Double {
    let start = Date()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    try! process.run()
    process.waitUntilExit()
    precondition(process.terminationStatus == 0, "`\(command)` failed")
    return Date().timeIntervalSince(start)
}

/// Follows the change log from another thread, noting when each line became visible to a reader.
/// A line is visible once written and durable after the fsync that follows, so the figures are low by
/// at most one fsync of the change log.
final class ChangeLogFollower: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var seen: [(event: ChangeEvent, at: Date)] = []
    private var stopped = false

    init(mirror: String) {
        path = mirror + "/changes.jsonl"
        Thread { self.follow() }.start()
    }

    private func follow() {
        var offset: UInt64 = 0
        var pending: [UInt8] = []
        while !lock.withLock({ stopped }) {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                usleep(1_000)
                continue
            }
            try? handle.seek(toOffset: offset)
            let data = handle.readDataToEndOfFile()
            try? handle.close()
            let now = Date()
            offset += UInt64(data.count)
            pending += data
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                if let event = try? ChangeEvent(jsonLine: pending[..<newline]) {
                    lock.withLock { seen.append((event, now)) }
                }
                pending.removeSubrange(...newline)
            }
            usleep(500)
        }
    }

    /// Waits until `count` events were seen; returns them with the moment each was seen.
    func wait(for count: Int) -> [(event: ChangeEvent, at: Date)] {
        while true {
            let current = lock.withLock { seen }
            if current.count >= count { return current }
            usleep(5_000)
        }
    }

    func stop() {
        lock.withLock { stopped = true }
    }
}

let staging = folder("staging")
let names = writeReports(burstCount, from: 0, into: staging)
let totalBytes = names.reduce(0) {
    $0 + ((try? FileManager.default.attributesOfItem(atPath: staging + "/" + $1)[.size] as? Int) ?? 0)
}
print(
    "\(burstCount) reports, \(totalBytes / burstCount) bytes each on average, in \(workspace)"
        + (separateMounts ? ", state on a mount of its own" : "")
)

// For scale: the parser alone, one thread, on the first 1,000 files.
let parseSample = names.prefix(1000).map { Array(FileManager.default.contents(atPath: staging + "/" + $0)!) }
let parseStart = Date()
for bytes in parseSample { _ = ReportParser().parse(bytes, sourceName: "x.txt") }
let parseRate = Double(parseSample.count) / Date().timeIntervalSince(parseStart)

// Baseline: cp + sha256sum + fsync of every copy and of the folder.
let copies = folder("baseline")
let baselineSeconds = shell(
    "cd '\(staging)' && find . -type f -print0 | xargs -0 cp -t '\(copies)' && cd '\(copies)' "
        + "&& find . -type f -print0 | xargs -0 sha256sum > /dev/null && find . -type f -print0 | xargs -0 sync && sync ."
)
let baselineRate = Double(burstCount) / baselineSeconds

// The daemon, in process.
let inbox = folder("inbox")
let mirror = workspace + "/mirror"
let state = folder("state")
if separateMounts { _ = shell("mount --bind '\(state)' '\(state)'") }
let options = DaemonOptions(inbox: FilePath(inbox), mirror: FilePath(mirror), state: FilePath(state))
let logger = Logger(label: "benchmark", factory: { _ in SwiftLogNoOpLogHandler() })
let daemon = Daemon(options: options, parser: ReportParser(), logger: logger, notifier: NoNotifier())
let running = Task.detached { try await daemon.run() }
while !FileManager.default.fileExists(atPath: state + "/running") { usleep(10_000) }
usleep(200_000)

let follower = ChangeLogFollower(mirror: mirror)
let burstStart = Date()
for name in names {
    rename(staging + "/" + name, inbox + "/" + name)
}
let burstEvents = follower.wait(for: burstCount)
let burstSeconds = burstEvents.last!.at.timeIntervalSince(burstStart)
let burstRate = Double(burstCount) / burstSeconds

// Steady 20 reports/s: each report renamed in, latency = event time - drop time.
let steadyCount = 200
let steadyStaging = folder("steady")
let steadyNames = writeReports(steadyCount, from: burstCount, into: steadyStaging)
var dropTimes: [String: Date] = [:]
let steadyStart = Date()
for (index, name) in steadyNames.enumerated() {
    let due = steadyStart.addingTimeInterval(Double(index) / 20)
    let wait = due.timeIntervalSinceNow
    if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
    dropTimes[name] = Date()
    rename(steadyStaging + "/" + name, inbox + "/" + name)
}
let steadyEvents = follower.wait(for: burstCount + steadyCount).suffix(steadyCount)
let latencies = steadyEvents.map { $0.at.timeIntervalSince(dropTimes[$0.event.source.name]!) * 1000 }.sorted()
func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }

follower.stop()
daemon.stop()
_ = await running.result

print(
    String(format: "burst:    %.0f reports/s through the daemon (%.2f s for %d)", burstRate, burstSeconds, burstCount)
)
print(String(format: "baseline: %.0f files/s for cp + sha256sum + fsync (%.2f s)", baselineRate, baselineSeconds))
print(String(format: "ratio:    daemon / baseline = %.2f", burstRate / baselineRate))
print(String(format: "parser:   %.0f reports/s parsing alone on one thread", parseRate))
print(
    String(
        format: "steady 20 reports/s: latency p50 %.1f ms, p99 %.1f ms (drop to change-log line)",
        percentile(0.5),
        percentile(0.99)
    )
)
if separateMounts { _ = shell("umount '\(state)'") }
try? FileManager.default.removeItem(atPath: workspace)
