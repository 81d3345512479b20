import ArgumentParser
import Foundation

/// A reading command (`export`, `history`) that cannot go on: its message for stderr and its exit code
/// (sysexits.h: 66 no input, 73 cannot create, 74 I/O error).
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    var exitCode: ExitCode

    init(_ description: String, exitCode: Int32) {
        self.description = description
        self.exitCode = ExitCode(exitCode)
    }

    /// Prints `reportsyncd: <message>` on stderr (control characters escaped) and ends with the exit code.
    func exit() throws -> Never {
        FileHandle.standardError.write(Data("reportsyncd: \(description.escapingControlCharacters)\n".utf8))
        throw exitCode
    }
}
