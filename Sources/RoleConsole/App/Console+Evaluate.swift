import PrivXAPI
import TerminalUI

extension Console {
    /// Asks the server whom `role` maps (unless an evaluation is already running).
    static func startEvaluation(_ state: inout AppState, _ role: Role, membersOf: String?) -> [Effect] {
        guard state.pendingEvaluations == 0 else {
            state.toasts.post(.info, "An evaluation is already running; its answer opens when it arrives.", now: state.now)
            return []
        }
        state.pendingEvaluations += 1
        state.toasts.post(.info, "Evaluating \(role.name)…", now: state.now, seconds: 3)
        return [.evaluate(role, membersOf: membersOf)]
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
