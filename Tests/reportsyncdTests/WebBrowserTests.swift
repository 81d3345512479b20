import Foundation
import Testing

/// Each page in headless Chromium (Debian's `chromium`, installed by `scripts/setup`): the rendered DOM
/// has what the page promises, the browser logs no console message (a blocked inline style or script,
/// a failed load), and screenshots are saved (into `$REPORTSYNCD_SCREENSHOTS` when set: `docs/` shows
/// two of them).
@Suite(.serialized)
struct WebBrowserTests {
    @Test func everyPageRendersInChromiumWithoutConsoleMessages() throws {
        let site = try WebFixture()
        let folder =
            ProcessInfo.processInfo.environment["REPORTSYNCD_SCREENSHOTS"] ?? (site.daemon.root + "/screenshots")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let pages: [(path: String, screenshot: String?, mustHave: [String])] = [
            ("/", "status-overview.png", ["<table id=\"overview\">", "badge inconsistent"]),
            (
                "/reports/2024/\(SiteEncoding.encode(WebFixture.inconsistentAgency))", "status-report.png",
                ["class=\"value finding\" id=\"cell-requests.received.naturalPerson\"", "<pre class=\"source\">"]
            ),
            ("/agencies/\(SiteEncoding.encode(WebFixture.agency))", "status-agency.png", ["<polyline", "<circle"]),
            ("/rejected", nil, ["&lt;script&gt;alert(2)&lt;/script&gt;.txt"]),
            ("/reports/2024/\(SiteEncoding.encode(WebFixture.hostileAgency))", nil, ["&lt;script&gt;alert(1)"]),
        ]
        for page in pages {
            let url = "http://127.0.0.1:\(site.server.port)\(page.path)"
            let dom = try Chromium.run(["--dump-dom", url])
            for text in page.mustHave {
                #expect(dom.output.contains(text), "\(page.path): \(text)")
            }
            // Only the markup the server wrote: no script ran and added any.
            #expect(!dom.output.contains("<script"), "\(page.path)")
            #expect(dom.consoleMessages.isEmpty, "\(page.path): \(dom.consoleMessages)")
            if let name = page.screenshot {
                let path = folder + "/" + name
                try? FileManager.default.removeItem(atPath: path)
                let shot = try Chromium.run(["--screenshot=\(path)", "--window-size=1280,1700", url])
                #expect(shot.consoleMessages.isEmpty, "\(page.path): \(shot.consoleMessages)")
                let png = FileManager.default.contents(atPath: path) ?? Data()
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "\(path)")
            }
        }
    }
}

/// Debian's headless Chromium, run once per page.
enum Chromium {
    struct Outcome {
        var output: String
        /// The `CONSOLE` lines its log printed: console messages, CSP violations, failed loads.
        var consoleMessages: [String]
    }

    static func run(_ arguments: [String]) throws -> Outcome {
        let folder = try BuiltBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("log").path
        let flags = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=\(folder.path)/profile",
        ]
        let command = (["/usr/bin/chromium"] + flags + arguments).map { "'\($0)'" }.joined(separator: " ")
        let outcome = try ChildProcess.run("/bin/sh", ["-c", "\(command) 2>'\(log)'"])
        guard outcome.status == 0 else {
            throw HarnessError(
                "chromium failed (\(outcome.status)): \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")"
            )
        }
        let messages = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n")
            .filter { $0.contains(":CONSOLE") }.map(String.init)
        return Outcome(output: outcome.text, consoleMessages: messages)
    }
}
