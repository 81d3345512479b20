import ArgumentParser
import Foundation
import SyncEngine

/// A daemon command that cannot go on: its message for stderr and the exit code (sysexits.h) that says
/// why, so that scripts and systemd can tell a configuration mistake from a busy lock.
struct DaemonFailure: Error, CustomStringConvertible {
    var description: String
    var exitCode: ExitCode

    init(_ error: ConfigurationError) {
        description = "\(error)"
        exitCode = ExitCode(78)  // EX_CONFIG
    }

    init(_ error: DaemonError) {
        description = "\(error)"
        exitCode =
            switch error {
            case .folderInsideInbox: ExitCode(78)  // EX_CONFIG
            case .cannotCreateFolder: ExitCode(73)  // EX_CANTCREAT
            case .inboxUnusable: ExitCode(66)  // EX_NOINPUT
            case .alreadyRunning: ExitCode(75)  // EX_TEMPFAIL
            case .startupFailed: ExitCode(74)  // EX_IOERR
            }
    }

    /// Prints `reportsyncd: <message>` on stderr and ends the command with the exit code.
    func exit() throws -> Never {
        FileHandle.standardError.write(Data("reportsyncd: \(description)\n".utf8))
        throw exitCode
    }
}
