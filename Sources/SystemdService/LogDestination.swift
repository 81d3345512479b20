import ArgumentParser
import Logging
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Where the daemon's log goes, as chosen with `--log=journal|console|auto`.
public enum LogDestination: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Structured entries to the systemd journal (``JournalLogHandler``).
    case journal
    /// Readable lines on standard error (``ConsoleLogHandler``).
    case console
    /// The journal when standard error is connected to it (`$JOURNAL_STREAM` names stderr's device and inode),
    /// or when the journal socket is there and standard error is not a terminal; the console otherwise.
    case auto

    /// The socket journald listens on for native entries, the one `sd_journal_sendv` writes to.
    public static let journalSocket: FilePath = "/run/systemd/journal/socket"

    /// Decides, once at start-up, where every entry goes.
    ///
    /// The journal is chosen only when `journalSocket` accepts a connection, since `sd_journal_sendv` drops
    /// entries silently when it is missing; so `--log=journal` without a journal logs to the console.
    public func resolve(
        environment: [String: String],
        standardError: FileDescriptor = .standardError,
        journalSocket: FilePath = Self.journalSocket
    ) -> LogTarget {
        let isTerminal = isatty(standardError.rawValue) == 1
        let console = LogTarget.console(colour: isTerminal && environment["NO_COLOR"] == nil)
        let wantsJournal =
            switch self {
            case .journal: true
            case .console: false
            case .auto: Self.isJournalStream(environment["JOURNAL_STREAM"], standardError) || !isTerminal
            }
        return wantsJournal && Self.acceptsConnections(at: journalSocket) ? .journal : console
    }

    /// Whether `JOURNAL_STREAM` (`DEVICE:INODE`, set by systemd for a service whose output goes to the journal)
    /// names the file that `standardError` is open on.
    private static func isJournalStream(_ value: String?, _ standardError: FileDescriptor) -> Bool {
        guard let parts = value?.split(separator: ":"), parts.count == 2,
            let device = UInt64(parts[0]), let inode = UInt64(parts[1])
        else { return false }
        var status = stat()
        guard fstat(standardError.rawValue, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }

    /// Whether a datagram socket can connect to `path`: false when it is missing or nobody listens (a stale socket).
    public static func acceptsConnections(at path: FilePath) -> Bool {
        let socket = Glibc.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let fits = path.withPlatformString { name in
            withUnsafeMutableBytes(of: &address.sun_path) { slot in
                let length = strlen(name)
                guard length < slot.count else { return false }
                slot.copyMemory(from: UnsafeRawBufferPointer(start: name, count: length))
                return true
            }
        }
        guard fits else { return false }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }
}

/// The log handler every logger gets, as decided by ``LogDestination/resolve(environment:standardError:journalSocket:)``.
public enum LogTarget: Sendable, Equatable {
    /// Structured entries to the systemd journal.
    case journal
    /// Readable lines on standard error, coloured when it is a terminal and `NO_COLOR` is unset.
    case console(colour: Bool)

    /// A handler for the logger `label`, its journal entries under `SYSLOG_IDENTIFIER=identifier`: pass this
    /// to `LoggingSystem.bootstrap`. The journal gets every field; the console gets them only when `verbose`.
    public func makeHandler(label: String, identifier: String = "reportsyncd", verbose: Bool = false) -> any LogHandler
    {
        switch self {
        case .journal: JournalLogHandler(label: label, identifier: identifier)
        case .console(let colour): ConsoleLogHandler(label: label, colour: colour, verbose: verbose)
        }
    }
}
