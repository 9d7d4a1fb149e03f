import PrivXAPI
import TerminalUI

extension Console {
    /// Asks the server whom `role` maps (unless an evaluation is already running).
    static func startEvaluation(_ state: inout AppState, _ role: Role, membersOf: String?) -> [Effect] {
        let effects = begin(&state, .evaluation, .evaluate(role, membersOf: membersOf))
        if !effects.isEmpty { state.toasts.post(.info, "Evaluating \(role.name)…", now: state.now, seconds: 3) }
        return effects
    }

    /// Keys in the inspector: move, Enter opens or closes a user's detail, Esc closes.
    static func handleInspectorKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var inspector = state.inspector else { return [] }
        switch key {
        case .escape, .character("q"):
            if inspector.showingDetail { inspector.showingDetail = false } else { state.inspector = nil; return [] }
        case .enter:
            if !inspector.rows.isEmpty { inspector.showingDetail.toggle() }
        default:
            let rows = inspector.rows
            _ = inspector.table.apply(key, rowCount: rows.count, visibleRows: EvaluateInspectorView.tableRows(state.size),
                                      identity: { rows.indices.contains($0) ? rows[$0].user.id : "" })
        }
        state.inspector = inspector
        return []
    }
}
