import Foundation
import Testing

/// The README's first steps on the real daemon: it runs, then `cp examples/* <inbox>/`, and every
/// example, a real published report, becomes a record.
@Suite("Daemon: the README's examples")
struct ExampleReportsTests {
    /// What each example is: its agency and year as the change log names them, and whether it adds up.
    static let expected: [String: (subject: String, consistent: Bool)] = [
        "000-tab-separated.txt": ("下冶镇人民政府 2024", true),
        "001-one-cell-per-line.txt": ("桐柏县淮源镇人民政府 2023", true),
        "003-pipe-rows.txt": ("桓仁满族自治县 2024", true),
        // Table 2's 22 and 55 stand where the text cannot tell which column: cells.ambiguous.
        "101-pdf-to-markdown.md": ("上海市人民政府办公厅 2025", false),
        // Table 3 does not add up as published: requests.outcomes.
        "104-crawler-text-2019-edition.txt": ("平潭综合实验区 2020", false),
    ]

    @Test func copyingTheExamplesIntoTheInboxAddsEachOnce() throws {
        let examples = BuiltBinary.packageRoot.appendingPathComponent("examples")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted() == Self.expected.keys.sorted()
        )
        let daemon = try DaemonHarness()
        // As a person runs it: one readable line a file, no journal fields.
        try daemon.start(verbose: false)
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/bin/sh")
        copy.arguments = ["-c", "cp examples/* \"$0\"/", daemon.inbox]
        copy.currentDirectoryURL = BuiltBinary.packageRoot
        try copy.run()
        copy.waitUntilExit()
        #expect(copy.terminationStatus == 0)
        for (name, expected) in Self.expected {
            let event = try daemon.waitForEvent(name)
            #expect(event.event == .added, "\(name)")
            #expect("\(event.agency ?? "") \(event.year ?? 0)" == expected.subject, "\(name)")
            #expect(event.status == (expected.consistent ? .valid : .inconsistent), "\(name)")
            let line = daemon.logText().split(separator: "\n").first { $0.contains(" from \(name)") }
            let readable =
                expected.consistent
                ? " added \(expected.subject) from \(name)"
                : " warning: added \(expected.subject) (inconsistent) from \(name)"
            #expect(line?.hasSuffix(readable) == true, "\(line ?? "no line for \(name)")")
        }
        #expect(daemon.stop() == 0)
        #expect(daemon.events().count == Self.expected.count)
    }
}
