extension Console {
    /// Starts `effect` as an operation on `target`: it carries the operation's id and its answer ends it.
    /// A second request for a target in flight sends nothing and says so; returns the effects to run.
    /// (A component does the same through `ConsoleContext.begin`.)
    static func begin(_ state: inout AppState, _ target: OperationTarget, _ effect: Effect) -> [Effect] {
        state.withContext { $0.begin(target, effect) }
    }
}
