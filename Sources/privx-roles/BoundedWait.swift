import Synchronization

/// Waits for clean-up work at most a few seconds, so quitting never hangs on a slow connection close.
enum BoundedWait {
    /// Runs `work` and returns true when it finished within `seconds`, false when it was left behind.
    static func run(seconds: Double, _ work: @escaping @Sendable () async -> Void) async -> Bool {
        let done = Mutex(false)
        let task = Task {
            await work()
            done.withLock { $0 = true }
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if done.withLock({ $0 }) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        return done.withLock { $0 }
    }
}
