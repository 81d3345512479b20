import Foundation
import ReportFixtures
import SyncEngine
import SystemPackage

/// A mirror made by the real daemon from our reports (valid, revised, inconsistent, an agency and a
/// rejected file named `<script>…`), and the real `reportsyncd-web` serving it.
final class WebFixture {
    let daemon: DaemonHarness
    let server: WebServer

    static let agency = "青山区人民政府"
    static let inconsistentAgency = "白云镇人民政府"
    /// An agency as a file can name itself: markup, and a `/` (its record file says `_`).
    static let hostileAgency = "<script>alert(1)</script>镇人民政府"
    static let hostileFile = "<script>alert(2)</script>.txt"

    init() throws {
        daemon = try DaemonHarness()
        try daemon.start()
        var green = SampleReport.distinct(agency: Self.agency, year: 2023, seed: 1)
        try daemon.dropByRename(green.bytes(.tsv), as: "qingshan-2023.txt")
        green = SampleReport.distinct(agency: Self.agency, year: 2024, seed: 2)
        try daemon.dropByRename(green.bytes(.tsv), as: "qingshan-2024.txt")
        try daemon.waitForEvent("qingshan-2024.txt")
        // A revision of 2024: one request moved from 部分公开 to 予以公开, still consistent.
        for (row, change) in [(2, 1), (3, -1)] {
            green.requests[row][0] += change
            green.requests[row][6] += change
        }
        try daemon.dropByRename(green.bytes(.markdown), as: "qingshan-2024-修订.md")
        try daemon.dropByRename(Self.inconsistentReport().bytes(.tsv), as: "baiyun-2024.txt")
        try daemon.dropByRename(
            SampleReport.distinct(agency: Self.hostileAgency, year: 2024, seed: 4).bytes(.tsv),
            as: "hostile.txt"
        )
        try daemon.dropByRename(Array("这不是年度报告。\n".utf8), as: Self.hostileFile)
        for name in ["qingshan-2023.txt", "qingshan-2024-修订.md", "baiyun-2024.txt", "hostile.txt", Self.hostileFile] {
            try daemon.waitForEvent(name)
        }
        daemon.stop()
        server = try WebServer(mirror: daemon.mirror, state: daemon.state, logPath: daemon.root + "/web.log")
    }

    /// 白云镇 2024 with one received count too many: `requests.balance` and `requests.columnTotal` break.
    static func inconsistentReport() -> SampleReport {
        var report = SampleReport.distinct(agency: inconsistentAgency, year: 2024, seed: 3)
        report.requests[0][0] += 5
        return report
    }

    func event(_ name: String) -> ChangeEvent {
        daemon.events(for: name)[0]
    }
}
