import Foundation
import SystemPackage
import Testing

@testable import SystemdService

#if canImport(Glibc)
import Glibc
#endif

/// `--log=journal|console|auto` decided against real sockets, pipes and pseudo-terminals.
@Suite struct JournalDestinationTests {
    private let missing: FilePath = "/run/reportsyncd-tests/no-such-journal-socket"

    @Test func consoleIsPlainOnAPipeAndColouredOnATerminal() throws {
        try withPipe { pipe in
            #expect(LogDestination.console.resolve(environment: [:], standardError: pipe) == .console(colour: false))
        }
        try withTerminal { terminal in
            #expect(LogDestination.console.resolve(environment: [:], standardError: terminal) == .console(colour: true))
            #expect(
                LogDestination.console.resolve(environment: ["NO_COLOR": "1"], standardError: terminal)
                    == .console(colour: false)
            )
        }
    }

    @Test func journalIsChosenOnlyWhenItsSocketAcceptsConnections() throws {
        let live = try UnixDatagramSocket()
        let stale = try UnixDatagramSocket.stale()
        defer { unlink(stale) }
        try withPipe { pipe in
            let resolve = { LogDestination.journal.resolve(environment: [:], standardError: pipe, journalSocket: $0) }
            #expect(resolve(FilePath(live.path)) == .journal)
            #expect(resolve(self.missing) == .console(colour: false))
            #expect(resolve(FilePath(stale)) == .console(colour: false))
        }
    }

    @Test func autoPicksTheJournalWhenStandardErrorIsNotATerminal() throws {
        let live = try UnixDatagramSocket()
        try withPipe { pipe in
            #expect(
                LogDestination.auto.resolve(environment: [:], standardError: pipe, journalSocket: FilePath(live.path))
                    == .journal
            )
            #expect(
                LogDestination.auto.resolve(environment: [:], standardError: pipe, journalSocket: self.missing)
                    == .console(colour: false)
            )
        }
    }

    @Test func autoPicksTheJournalForATerminalOnlyWhenJournalStreamNamesIt() throws {
        let live = try UnixDatagramSocket()
        try withTerminal { terminal in
            var status = stat()
            fstat(terminal.rawValue, &status)
            let resolve = {
                LogDestination.auto.resolve(
                    environment: $0,
                    standardError: terminal,
                    journalSocket: FilePath(live.path)
                )
            }
            #expect(resolve([:]) == .console(colour: true))
            #expect(resolve(["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino)"]) == .journal)
            #expect(resolve(["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino + 1)"]) == .console(colour: true))
            #expect(resolve(["JOURNAL_STREAM": "garbage"]) == .console(colour: true))
        }
    }

    private func withPipe(_ body: (FileDescriptor) throws -> Void) throws {
        let (reading, writing) = try FileDescriptor.pipe()
        defer {
            try? reading.close()
            try? writing.close()
        }
        try body(writing)
    }

    /// Runs `body` with the master side of a new pseudo-terminal, which is a terminal to `isatty`.
    private func withTerminal(_ body: (FileDescriptor) throws -> Void) throws {
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw Errno(rawValue: errno) }
        let terminal = FileDescriptor(rawValue: master)
        defer { try? terminal.close() }
        try body(terminal)
    }
}
