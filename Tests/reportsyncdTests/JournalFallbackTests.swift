import Foundation
import Logging
import SystemPackage
import Testing

@testable import SystemdService

#if canImport(Glibc)
import Glibc
#endif

/// An entry the journal refuses goes to the fallback output instead of being lost.
///
/// `sd_journal_sendv` always writes to `/run/systemd/journal/socket`, so the refusing journal is made for real
/// in a child process: this test binary runs again under `unshare --mount`, with a stale socket (one nobody
/// listens on) bind-mounted over the journal socket in that private mount namespace only, and runs
/// ``refusedEntryGoesToTheFallbackOutput()`` there.
@Suite struct JournalFallbackTests {
    private static let childVariable = "REPORTSYNCD_TEST_REFUSING_JOURNAL"

    @Test(.enabled(if: getuid() == 0, "needs root for unshare --mount"))
    func entryTheJournalRefusesIsWrittenAsAConsoleLine() throws {
        try Journald.ensureRunning()
        let stale = try UnixDatagramSocket.stale()
        defer { unlink(stale) }
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let script = """
            mount --bind "$1" \(LogDestination.journalSocket) && \
            \(Self.childVariable)=1 exec "$2" --testing-library swift-testing --filter refusedEntryGoesToTheFallbackOutput
            """

        let child = try ChildProcess.run(
            "/usr/bin/unshare",
            ["--mount", "--propagation", "private", "/bin/sh", "-c", script, "sh", stale, testBinary]
        )

        #expect(child.status == 0)
        #expect(child.text.contains(#" warning reportsyncd.tests: refused entry "#))
        #expect(child.text.contains(#"JOURNAL_ERROR="Connection refused" REPORTSYNC_EVENT=rejected"#))
    }

    /// The child half, run only by the test above: logs one entry to a journal that refuses it.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil, "runs in the child process only"))
    func refusedEntryGoesToTheFallbackOutput() {
        let logger = Logger(label: "reportsyncd.tests") {
            JournalLogHandler(label: $0, fallbackOutput: .standardOutput, metadataProvider: nil)
        }
        logger.warning("refused entry", metadata: ["REPORTSYNC_EVENT": "rejected"])
    }
}
