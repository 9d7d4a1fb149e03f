import PrivXAPI
import TerminalUI

extension Console {
    /// Asks the server whom `role` maps (unless an evaluation is already running).
    static func startEvaluation(_ state: inout AppState, _ role: Role, membersOf: String?) -> [Effect] {
        let effects = begin(&state, .evaluation, .evaluate(role, membersOf: membersOf))
        if !effects.isEmpty { state.toasts.post(.info, "Evaluating \(role.name)…", now: state.now, seconds: 3) }
        return effects
    }

    /// A key no entry binds in the evaluate inspector: its list of users moves.
    static func inspectorComponentKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var inspector = state.inspector else { return [] }
        let rows = inspector.rows
        _ = inspector.table.apply(key, rowCount: rows.count, identity: { rows.indices.contains($0) ? rows[$0].user.id : "" })
        state.inspector = inspector
        return []
    }
}
