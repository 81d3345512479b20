import NIOCore
import PostgresNIO
import Synchronization

/// Runs `operation` until it ends or until `failure` calls back, whichever comes first; in the second case
/// the operation is cancelled and left behind (it may never notice), and `error` is thrown.
///
/// PostgresNIO 1.33 never answers a query that is in flight when the server goes away abruptly (an immediate
/// shutdown, a crash), even once the connection is closed: the publisher's session must end all the same, so
/// that the next one can start.
func abandoning<Result: Sendable>(
    with error: any Error & Sendable,
    when failure: (@escaping @Sendable () -> Void) -> Void,
    _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    let race = Race<Result>()
    return try await withCheckedThrowingContinuation { continuation in
        race.start(continuation, operation)
        failure { race.finish(.failure(error)) }
    }
}

/// The one answer of ``abandoning(with:when:_:)``: the first to finish resumes the caller.
private final class Race<Result: Sendable>: Sendable {
    private let state = Mutex<(CheckedContinuation<Result, any Error>?, Task<Void, Never>?)>((nil, nil))

    func start(
        _ continuation: CheckedContinuation<Result, any Error>,
        _ operation: @escaping @Sendable () async throws -> Result
    ) {
        state.withLock { $0.0 = continuation }
        let task = Task {
            do {
                self.finish(.success(try await operation()))
            } catch {
                self.finish(.failure(error))
            }
        }
        let finished = state.withLock { current in
            current.1 = task
            return current.0 == nil
        }
        if finished { task.cancel() }
    }

    func finish(_ result: Swift.Result<Result, any Error>) {
        let (continuation, task) = state.withLock { current in
            let taken = current
            current.0 = nil
            return taken
        }
        guard let continuation else { return }
        continuation.resume(with: result)
        task?.cancel()
    }
}

extension PostgresConnection {
    /// `operation` on this connection, abandoned when the connection closes first.
    func untilClosed<Result: Sendable>(
        _ operation: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await abandoning(
            with: PublishError.connectionClosed,
            when: { fire in self.closeFuture.whenComplete { _ in fire() } },
            operation
        )
    }
}
