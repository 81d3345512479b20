import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with `posix_spawn` and `waitpid`, reading its standard output.
///
/// Not Foundation's `Process`: that waits for a signal delivered on a dispatch queue, which can starve while the
/// test threads block.
enum ChildProcess {
    /// A program that could not be started, or that failed.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What a finished program wrote to standard output, and its exit status.
    struct Outcome {
        let status: Int32
        let output: [UInt8]
        var text: String { String(decoding: self.output, as: UTF8.self) }
    }

    /// Runs `path` with `arguments`; standard input and error are `/dev/null`, and so is standard output unless
    /// `capturingOutput`. Leave output uncaptured for a program that leaves a daemon behind: the daemon would
    /// inherit the pipe and keep it from ever reaching its end.
    static func run(_ path: String, _ arguments: [String], capturingOutput: Bool = true) throws -> Outcome {
        guard let closeFrom = Self.closeFrom else {
            throw Failure(description: "this C library has no posix_spawn_file_actions_addclosefrom_np")
        }
        let (reading, writing) = try FileDescriptor.pipe()
        defer { try? reading.close() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capturingOutput {
            posix_spawn_file_actions_adddup2(&actions, writing.rawValue, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else of the test process leaks into the child, such as pipes that other tests wait on.
        _ = closeFrom(&actions, 3)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer {
            for argument in argv {
                free(argument)
            }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        try writing.close()
        guard spawned == 0 else { throw Failure(description: "posix_spawn \(path): \(Errno(rawValue: spawned))") }

        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while case let count = try buffer.withUnsafeMutableBytes({ try reading.read(into: $0) }), count > 0 {
            output += buffer[..<count]
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Outcome(status: status, output: output)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift does not see as it is
    /// declared for `_GNU_SOURCE` only.
    private static let closeFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }
}
