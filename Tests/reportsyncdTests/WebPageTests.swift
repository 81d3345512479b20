import Foundation
import ReportFixtures
import SyncEngine
import Testing

/// `reportsyncd serve` on a mirror the daemon made: every page over HTTP, the highlighted cells and
/// their source lines, the charts, the downloads, `/metrics` through Prometheus's own parser.
@Suite(.serialized)
struct WebPageTests {
    @Test func overviewListsEveryAgencyAndYearWithItsStatus() throws {
        let site = try WebFixture()
        let page = try site.server.get("/")
        #expect(page.status == 200)
        #expect(page.headers["content-security-policy"] == "default-src 'self'")
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        let html = page.text
        #expect(html.contains(">2023年</th>") && html.contains(">2024年</th>"))
        // 青山 2023 and 2024 valid, 白云 2024 inconsistent, 白云 2023 and the hostile agency's 2023 missing.
        #expect(html.contains("<span class=\"badge valid\">有效</span> 3</span>"))
        #expect(html.contains("<span class=\"badge inconsistent\">不一致</span> 1</span>"))
        #expect(html.contains("<span class=\"badge missing\">未报送</span> 2</span>"))
        #expect(html.contains("href=\"/reports/2024/%E7%99%BD%E4%BA%91%E9%95%87%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C\""))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;镇人民政府"))
        #expect(!html.contains("<script"))
        // The last events, newest first: the rejected file is the last one.
        #expect(html.contains("&lt;script&gt;alert(2)&lt;/script&gt;.txt"))
        #expect(html.contains("收件箱待处理"))

        let filtered = try site.server.get("/?year=2023&q=%E9%9D%92%E5%B1%B1").text
        #expect(filtered.contains(">2023年</th>") && !filtered.contains(">2024年</th>"))
        #expect(filtered.contains(WebFixture.agency) && !filtered.contains("<th><a href=\"/agencies/%E7%99%BD"))
        #expect(try site.server.get("/style.css").headers["content-type"] == "text/css; charset=utf-8")
    }

    @Test func reportPageHighlightsEveryCellAFindingNamesWithItsSourceLine() throws {
        let site = try WebFixture()
        let event = site.event("baiyun-2024.txt")
        let page = try site.server.get("/reports/2024/\(SiteEncoding.encode(WebFixture.inconsistentAgency))")
        #expect(page.status == 200)
        let html = page.text
        let record = try #require(
            MirrorFolder(root: .init(site.daemon.mirror)).record(agency: WebFixture.inconsistentAgency, year: 2024)
        )
        let errors = record.validation.findings.filter { $0.severity == .error }
        #expect(Set(errors.map(\.rule)) == ["requests.balance", "requests.columnTotal"])
        // The three tables as printed: merged headers and row labels.
        for words in ["二、主动公开政府信息情况", "申请人情况", "法人或其他组织", "（三）不予公开", "1.属于国家秘密", "未经复议直接起诉"] {
            #expect(html.contains(words), "\(words)")
        }
        #expect(html.contains("rowspan=\"8\">（三）不予公开</th>"))
        let received = WebFixture.inconsistentReport().requests[0][0]
        for finding in errors {
            #expect(html.contains(HTMLText.escape(finding.message)))
            for cell in finding.cells {
                #expect(html.contains("class=\"value finding\" id=\"cell-\(cell)\""), "\(cell) highlighted")
            }
        }
        // Named by both the balance of its column and the total of its row.
        #expect(html.contains("id=\"cell-requests.received.naturalPerson\" title=\"[1][2]\">\(received)</td>"))
        // The source line the received count was read from, from the archived original.
        let line = try #require(
            String(decoding: site.daemon.contents(of: site.daemon.retiredPath(of: event))!, as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false).first { $0.contains("本年新收") }
        )
        #expect(html.contains("<pre class=\"source\">"))
        #expect(html.contains(HTMLText.escape(String(line.split(separator: "\t")[0]))))
        #expect(html.contains("href=\"/originals/\(event.seq)\""))
        let original = try site.server.get("/originals/\(event.seq)")
        #expect(original.status == 200)
        #expect(original.body == WebFixture.inconsistentReport().bytes(.tsv))
        #expect(original.headers["content-disposition"]?.hasPrefix("attachment;") == true)

        let valid = try site.server.get("/reports/2023/\(SiteEncoding.encode(WebFixture.agency))").text
        #expect(valid.contains("没有发现问题") && !valid.contains("value finding"))
    }

    @Test func agencyPageChartsItsFiguresAndListsItsRevisions() throws {
        let site = try WebFixture()
        let page = try site.server.get("/agencies/\(SiteEncoding.encode(WebFixture.agency))")
        #expect(page.status == 200)
        let html = page.text
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.components(separatedBy: "<polyline").count - 1 == 7)
        let received2024 = SampleReport.distinct(agency: WebFixture.agency, year: 2024, seed: 2).requests[0][6]
        #expect(html.contains("新收申请 2024年：\(received2024)</title>"))
        #expect(html.contains("<td>修订</td>") && html.contains("qingshan-2024-修订.md"))
        #expect(html.contains("<td>新增</td>"))
    }

    @Test func hostileNamesAreTextAndRejectedFilesAreListed() throws {
        let site = try WebFixture()
        let hostile = try site.server.get("/reports/2024/\(SiteEncoding.encode(WebFixture.hostileAgency))")
        #expect(hostile.status == 200)
        #expect(hostile.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;镇人民政府"))
        #expect(!hostile.text.contains("<script"))
        let agency = try site.server.get("/agencies/\(SiteEncoding.encode(WebFixture.hostileAgency))")
        #expect(agency.status == 200 && !agency.text.contains("<script"))

        let rejected = try site.server.get("/rejected")
        #expect(rejected.status == 200)
        let event = site.event(WebFixture.hostileFile)
        #expect(rejected.text.contains("&lt;script&gt;alert(2)&lt;/script&gt;.txt"))
        #expect(rejected.text.contains(HTMLText.escape(try #require(event.reason))))
        #expect(rejected.text.contains("href=\"/originals/\(event.seq)\""))
        #expect(!rejected.text.contains("<script"))
        let file = try site.server.get("/originals/\(event.seq)")
        #expect(file.text == "这不是年度报告。\n")
        #expect(file.headers["content-type"] == "application/octet-stream")
    }

    @Test func addressesOutsideTheSiteAreNotFound() throws {
        let site = try WebFixture()
        // A symlink planted in the archive in place of an original: nothing is read through it.
        let event = site.event("qingshan-2023.txt")
        let archived = site.daemon.retiredPath(of: event).string
        try FileManager.default.removeItem(atPath: archived)
        try FileManager.default.createSymbolicLink(atPath: archived, withDestinationPath: "/etc/passwd")
        let long = String(repeating: "镇", count: 1000)
        let paths = [
            "/../../../../etc/passwd", "/reports/2024/..%2F..%2F..%2Fetc%2Fpasswd", "/reports/2024/%2e%2e",
            "/reports/..%2F2024/x", "/agencies/..", "/agencies/%2E%2E%2Fetc%2Fpasswd", "/originals/..%2F1",
            "/originals/-1", "/originals/99999", "/originals/\(event.seq)", "/reports/2024/%ZZ", "/reports/2024/",
            "/agencies/\(SiteEncoding.encode(long))", "/style.css/..", "/records/2024", "/changes.jsonl",
            "/reports/99999999999/x", "/%00", "/agencies/%C0%AE%C0%AE",
        ]
        for path in paths {
            let page = try site.server.get(path)
            #expect(page.status == 404, "\(path)")
            #expect(page.text.contains("找不到该页面"), "\(path)")
            #expect(!page.text.contains("root:"), "\(path)")
        }
        let tooLong = try site.server.get("/agencies/" + String(repeating: "a", count: 5000))
        #expect(tooLong.status == 404)
        // The page still works, and the report whose original is now a symlink shows no source lines.
        #expect(try site.server.get("/healthz").status == 200)
        let report = try site.server.get("/reports/2023/\(SiteEncoding.encode(WebFixture.agency))")
        #expect(report.status == 200 && !report.text.contains("root:"))
    }

    @Test func exportDownloadsAndYearOverYearFindings() throws {
        let site = try WebFixture()
        let csv = try site.server.get("/export.csv")
        #expect(csv.status == 200 && csv.headers["content-type"] == "text/csv; charset=utf-8")
        #expect(csv.text.contains(WebFixture.agency) && csv.text.contains(WebFixture.inconsistentAgency))
        let workbook = try site.server.get("/export.xlsx")
        #expect(workbook.status == 200 && workbook.body.starts(with: Array("PK".utf8)))
        #expect(workbook.headers["content-disposition"] == "attachment; filename=reportsyncd-export.xlsx")
        // 青山 2024 carries over other counts than 2023 carried forward: crossYear.carryOver, linked to 2023.
        let page = try site.server.get("/reports/2024/\(SiteEncoding.encode(WebFixture.agency))").text
        #expect(page.contains("<h2>跨年度检查</h2>") && page.contains("<b>crossYear.carryOver</b>"))
        #expect(page.contains("href=\"/reports/2023/\(SiteEncoding.encode(WebFixture.agency))\">"))
        let earlier = try site.server.get("/reports/2023/\(SiteEncoding.encode(WebFixture.agency))").text
        #expect(!earlier.contains("crossYear.carryOver"))
    }

    @Test func pagesFollowTheChangeLogWhileServing() throws {
        let site = try WebFixture()
        #expect(!(try site.server.get("/").text.contains("黄石镇人民政府")))
        let before = try site.server.get("/reports/2024/\(SiteEncoding.encode(WebFixture.inconsistentAgency))").text
        try site.daemon.start()
        try site.daemon.dropByRename(
            SampleReport.distinct(agency: "黄石镇人民政府", year: 2022, seed: 7).bytes(.tsv),
            as: "huangshi.txt"
        )
        // 白云's 2024 report corrected: the mirror record is replaced, the page reads it again.
        let corrected = SampleReport.distinct(agency: WebFixture.inconsistentAgency, year: 2024, seed: 3)
        try site.daemon.dropByRename(corrected.bytes(.tsv), as: "baiyun-2024-更正.txt")
        try site.daemon.waitForEvent("huangshi.txt")
        try site.daemon.waitForEvent("baiyun-2024-更正.txt")
        let overview = try site.server.get("/").text
        #expect(overview.contains("黄石镇人民政府") && overview.contains(">2022年</th>"))
        #expect(overview.contains("<span class=\"badge inconsistent\">不一致</span> 0</span>"))
        let after = try site.server.get("/reports/2024/\(SiteEncoding.encode(WebFixture.inconsistentAgency))").text
        #expect(before.contains("value finding") && !after.contains("value finding"))
        #expect(after.contains(">\(corrected.requests[0][0])</td>"))
        let agency = try site.server.get("/agencies/\(SiteEncoding.encode(WebFixture.inconsistentAgency))").text
        #expect(agency.contains("baiyun-2024-更正.txt") && agency.contains("<td>修订</td>"))
    }

    @Test func metricsAreAcceptedByPromtool() throws {
        let site = try WebFixture()
        _ = try site.server.get("/")
        _ = try site.server.get("/nowhere")
        let metrics = try site.server.get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.contains("reportsyncd_web_requests_total{page=\"overview\",code=\"200\"} 1"))
        #expect(metrics.text.contains("reportsyncd_web_requests_total{page=\"not_found\",code=\"404\"} 1"))
        let file = site.daemon.root + "/metrics.txt"
        FileManager.default.createFile(atPath: file, contents: Data(metrics.body))
        let check = try ChildProcess.run("/bin/sh", ["-c", "promtool check metrics < '\(file)' 2>&1"])
        #expect(check.status == 0, "\(check.text)")
        #expect(metrics.text.contains("# HELP reportsyncd_web_requests_total "))
        // The daemon's textfile, written at its shutdown, is served first and passes on its own.
        let textfile = site.daemon.state + "/metrics.prom"
        let daemonMetrics = try String(contentsOfFile: textfile, encoding: .utf8)
        #expect(daemonMetrics.contains("reportsyncd_build_info{version="))
        for sample in [
            #"reportsyncd_events_total{event="added",status="valid"} 3"#,
            #"reportsyncd_events_total{event="added",status="inconsistent"} 1"#,
            #"reportsyncd_events_total{event="revised",status="valid"} 1"#,
            #"reportsyncd_events_total{event="rejected",status="none"} 1"#,
            #"reportsyncd_rejected_total{reason="notAReport"} 1"#, "reportsyncd_last_seq 6.0",
            "reportsyncd_parse_duration_seconds_count 6",
            "reportsyncd_ingest_duration_seconds_count 6",
        ] {
            #expect(daemonMetrics.contains(sample + "\n"), "\(sample)")
        }
        let logSize = try FileManager.default.attributesOfItem(atPath: site.daemon.mirror + "/changes.jsonl")[.size]
        #expect(daemonMetrics.contains("reportsyncd_changelog_bytes \(logSize as? Int ?? -1).0\n"))
        // The overview shows the backlog the daemon last counted (its queue when it stopped).
        let waiting = try #require(
            daemonMetrics.split(separator: "\n").first { $0.hasPrefix("reportsyncd_files_waiting ") }
                .flatMap { Double($0.split(separator: " ")[1]) }
        )
        #expect(try site.server.get("/").text.contains("<b id=\"backlog\">\(Int(waiting))</b>"))
        #expect(metrics.text.hasPrefix(daemonMetrics))
        let daemonCheck = try ChildProcess.run("/bin/sh", ["-c", "promtool check metrics < '\(textfile)' 2>&1"])
        #expect(daemonCheck.status == 0, "\(daemonCheck.text)")
        #expect(try site.server.get("/healthz").text == "ok \(site.daemon.events().count)\n")
    }

    @Test func serveSaysWhenTheWebServerIsMissing() throws {
        let folder = try BuiltBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let alone = folder.appendingPathComponent("reportsyncd").path
        try FileManager.default.copyItem(atPath: DaemonHarness.binary, toPath: alone)
        let outcome = try ChildProcess.run(
            "/bin/sh",
            ["-c", "'\(alone)' serve --mirror /nonexistent 2>&1; echo \"exit $?\""]
        )
        #expect(outcome.text.contains("reportsyncd-web"))
        #expect(outcome.text.contains("exit 69"))
    }
}

/// Percent-encoding of one address segment, as the site writes its links.
enum SiteEncoding {
    static func encode(_ text: String) -> String {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}

/// HTML escaping as the site does it, to find escaped text in a page.
enum HTMLText {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
