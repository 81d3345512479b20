import Synchronization
import SystemPackage

/// The seam through which a test makes SyncEngine's system calls fail in process, as swift-system's
/// own tests force an `errno` through its mocking driver: every call ``FileSystem`` makes (and so every
/// call of SyncEngine) asks here first. A call on a path under a folder a test has armed with a
/// ``FaultPlan`` is recorded, and fails with the `errno` the plan names without reaching the kernel.
/// Nothing is armed outside tests, and then the check is one atomic load.
enum SystemCallFaults {
    private static let armedCount = Atomic<Int>(0)
    private static let plans = Mutex<[FaultPlan]>([])

    /// The `errno` the call `operation` on `path` is to fail with, `nil` when it is to be made.
    static func fault(_ operation: String, _ path: FilePath) -> Errno? {
        guard armedCount.load(ordering: .acquiring) > 0 else { return nil }
        let plan = plans.withLock { plans in plans.first { path.starts(with: $0.folder) } }
        return plan?.take(operation, path)
    }

    /// Runs `body` with `plan` armed: calls on paths under its folder are recorded and fail as it says.
    static func arming<Result>(_ plan: FaultPlan, _ body: () throws -> Result) rethrows -> Result {
        plans.withLock { $0.append(plan) }
        armedCount.add(1, ordering: .releasing)
        defer {
            plans.withLock { $0.removeAll { $0 === plan } }
            armedCount.subtract(1, ordering: .releasing)
        }
        return try body()
    }
}

/// Which system calls on paths under one folder fail, and with what: set by a test, consulted by
/// ``SystemCallFaults``; it also records every call it is asked about.
final class FaultPlan: Sendable {
    /// A system call as the seam saw it.
    struct Call: Sendable, Equatable, CustomStringConvertible {
        /// The operation as ``FileSystemError`` names it (`open`, `fsync`, `rename …/a.txt to`).
        var operation: String
        var path: FilePath
        /// Whether the plan made it fail.
        var failed: Bool

        var description: String { "\(operation) \(path)\(failed ? " (failed)" : "")" }
    }

    /// Calls on paths under this folder are the plan's.
    let folder: FilePath
    private let state = Mutex(State())

    private struct State {
        var calls: [Call] = []
        /// The calls (by their number in ``calls``, from 0) that fail, and how.
        var failingNumbers: [Int: Errno] = [:]
        /// Operations (by the start of their name) that fail, and how many times more (`nil`: always).
        var failingOperations: [(prefix: String, errno: Errno, remaining: Int?)] = []
    }

    init(folder: FilePath) {
        self.folder = folder
    }

    /// Every call made under the folder so far, in order.
    var calls: [Call] { state.withLock { $0.calls } }

    /// Makes the call numbered `number` (counting every call under the folder from 0) fail with `errno`.
    func fail(callNumber number: Int, with errno: Errno) {
        state.withLock { $0.failingNumbers[number] = errno }
    }

    /// Makes calls whose operation starts with `prefix` (`"fsync"`, `"rename"`) fail with `errno`:
    /// the next `times` of them, or all of them when `times` is `nil`.
    func fail(operation prefix: String, with errno: Errno, times: Int? = nil) {
        state.withLock { $0.failingOperations.append((prefix, errno, times)) }
    }

    /// Lets every call through from now on (calls are still recorded).
    func heal() {
        state.withLock { state in
            state.failingNumbers = [:]
            state.failingOperations = []
        }
    }

    /// Records the call `operation` on `path`; returns the `errno` it fails with, if any.
    fileprivate func take(_ operation: String, _ path: FilePath) -> Errno? {
        state.withLock { state in
            var errno = state.failingNumbers[state.calls.count]
            if errno == nil,
                let rule = state.failingOperations.firstIndex(where: {
                    operation.hasPrefix($0.prefix) && $0.remaining != 0
                })
            {
                errno = state.failingOperations[rule].errno
                state.failingOperations[rule].remaining? -= 1
            }
            state.calls.append(Call(operation: operation, path: path, failed: errno != nil))
            return errno
        }
    }
}
