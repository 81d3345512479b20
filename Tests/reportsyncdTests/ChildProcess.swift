import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with `posix_spawn` and `waitpid`: to completion, reading its standard output, or in the background
/// until the test signals it.
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
        let (reading, writing) = try FileDescriptor.pipe()
        defer { try? reading.close() }
        let spawned = Result {
            try Self.spawn(path, arguments, environment: nil) { actions in
                if capturingOutput {
                    posix_spawn_file_actions_adddup2(&actions, writing.rawValue, 1)
                } else {
                    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
                }
                posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            }
        }
        try writing.close()
        let pid = try spawned.get()

        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while case let count = try buffer.withUnsafeMutableBytes({ try reading.read(into: $0) }), count > 0 {
            output += buffer[..<count]
        }
        return Outcome(status: Self.wait(for: pid), output: output)
    }

    /// A program started by ``start(_:_:environment:outputPath:)``, running until it ends or is signalled; killed
    /// (SIGKILL) when dropped before it was waited for.
    final class Running {
        /// The program's process id.
        let pid: pid_t
        private var status: Int32?

        fileprivate init(pid: pid_t) {
            self.pid = pid
        }

        deinit {
            if self.status == nil {
                kill(self.pid, SIGKILL)
                _ = self.wait()
            }
        }

        /// Sends `signal` to the program.
        func signal(_ signal: Int32) {
            kill(self.pid, signal)
        }

        /// Waits for the program to end and returns its wait status (0 for a clean exit 0).
        func wait() -> Int32 {
            if let status = self.status { return status }
            let status = ChildProcess.wait(for: self.pid)
            self.status = status
            return status
        }
    }

    /// Starts `path` with `arguments` and exactly `environment` (nothing of the test process's), standard input
    /// `/dev/null`, standard output and error appended to `outputPath`; returns while the program runs.
    static func start(
        _ path: String,
        _ arguments: [String],
        environment: [String: String],
        outputPath: String
    ) throws -> Running {
        let pid = try Self.spawn(path, arguments, environment: environment.map { "\($0.key)=\($0.value)" }) {
            actions in
            posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        return Running(pid: pid)
    }

    /// Spawns `path` with standard input `/dev/null`, the output set up by `redirect`, no other descriptor of the
    /// test process, and `environment` (`NAME=value` entries) or else the test process's environment.
    private static func spawn(
        _ path: String,
        _ arguments: [String],
        environment: [String]?,
        redirect: (inout posix_spawn_file_actions_t) -> Void
    ) throws -> pid_t {
        guard let closeFrom = Self.closeFrom else {
            throw Failure(description: "this C library has no posix_spawn_file_actions_addclosefrom_np")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        redirect(&actions)
        // Nothing else of the test process leaks into the child, such as pipes that other tests wait on.
        _ = closeFrom(&actions, 3)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { $0.map { strdup($0) } + [nil] }
        defer {
            for string in argv + (envp ?? []) {
                free(string)
            }
        }
        var pid: pid_t = 0
        let spawned =
            envp.map { posix_spawn(&pid, path, &actions, nil, argv, $0) }
            ?? posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "posix_spawn \(path): \(Errno(rawValue: spawned))") }
        return pid
    }

    /// Waits for `pid` to end; its wait status.
    private static func wait(for pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift does not see as it is
    /// declared for `_GNU_SOURCE` only.
    private static let closeFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }
}
