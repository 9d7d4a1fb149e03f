import Dispatch

/// Runs blocking work (tmux polling, subprocess waits) on a GCD thread, so it never holds one of the
/// few cooperative threads that the in-process simulators of parallel suites need to answer requests.
/// Issues cannot be recorded from there (no current test): return findings and `#expect` them after.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}
