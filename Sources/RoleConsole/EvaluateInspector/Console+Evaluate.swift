import PrivXAPI
import TerminalUI

extension Console {
    /// Asks the server whom `role` maps (unless an evaluation is already running).
    static func startEvaluation(_ state: inout AppState, _ role: Role, membersOf: String?) -> [Effect] {
        let effects = begin(&state, .evaluation, .evaluate(role, membersOf: membersOf))
        if !effects.isEmpty { state.toasts.post(.info, "Evaluating \(role.name)…", now: state.now, seconds: 3) }
        return effects
    }
}
