import Synchronization

/// Decides, deterministically by seed and request order, which requests get a fault.
final class FaultInjector: Sendable {
    struct Decision: Sendable {
        var latencyMilliseconds: Int
        var fault: FaultKind?
    }

    private let state: Mutex<(options: FaultOptions, counter: UInt64, matched: Int, injected: Int)>

    init(_ options: FaultOptions) { state = Mutex((options: options, counter: 0, matched: 0, injected: 0)) }

    func update(_ options: FaultOptions) { state.withLock { $0 = (options: options, counter: 0, matched: 0, injected: 0) } }

    /// What to do with the next `method` request for `path`.
    func decide(method: String, path: String) -> Decision {
        state.withLock { current -> Decision in
            let options = current.options
            guard path.hasPrefix(options.pathPrefix), options.methods.isEmpty || options.methods.contains(method) else { return Decision(latencyMilliseconds: 0, fault: nil) }
            current.matched += 1
            guard options.rate > 0, current.matched > options.skip, current.injected < (options.limit ?? Int.max) else {
                return Decision(latencyMilliseconds: options.latencyMilliseconds, fault: nil)
            }
            current.counter += 1
            var rng = SplitMix64(seed: options.seed &* 0x9E37_79B9 &+ current.counter)
            let roll = Double(rng.next() >> 11) / Double(1 << 53)
            guard roll < options.rate else { return Decision(latencyMilliseconds: options.latencyMilliseconds, fault: nil) }
            let kinds = options.kinds.isEmpty ? FaultKind.allCases : options.kinds
            current.injected += 1
            return Decision(latencyMilliseconds: options.latencyMilliseconds, fault: kinds[rng.index(kinds.count)])
        }
    }
}
