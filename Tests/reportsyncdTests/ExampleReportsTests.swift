import Foundation
import Testing

/// The README's first steps on the real daemon: it runs, then `cp examples/* <inbox>/`, and every
/// example, a real published report, becomes a record.
@Suite("Daemon: the README's examples")
struct ExampleReportsTests {
    /// What each example is: its agency and year as the change log names them.
    static let expected = [
        "000-tab-separated.txt": "下冶镇人民政府 2024",
        "001-one-cell-per-line.txt": "桐柏县淮源镇人民政府 2023",
        "003-pipe-rows.txt": "桓仁满族自治县 2024",
        "101-pdf-to-markdown.md": "上海市人民政府办公厅 2025",
        "104-crawler-text-2019-edition.txt": "平潭综合实验区 2020",
    ]

    @Test func copyingTheExamplesIntoTheInboxAddsEachOnce() throws {
        let examples = BuiltBinary.packageRoot.appendingPathComponent("examples")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted() == Self.expected.keys.sorted()
        )
        let daemon = try DaemonHarness()
        try daemon.start()
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/bin/sh")
        copy.arguments = ["-c", "cp examples/* \"$0\"/", daemon.inbox]
        copy.currentDirectoryURL = BuiltBinary.packageRoot
        try copy.run()
        copy.waitUntilExit()
        #expect(copy.terminationStatus == 0)
        for (name, subject) in Self.expected {
            let event = try daemon.waitForEvent(name)
            #expect(event.event == .added, "\(name)")
            #expect("\(event.agency ?? "") \(event.year ?? 0)" == subject, "\(name)")
            #expect(daemon.logText().contains("added \(subject) from \(name)"), "\(name)")
        }
        #expect(daemon.stop() == 0)
        #expect(daemon.events().count == Self.expected.count)
    }
}
