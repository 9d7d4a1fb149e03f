import PrivXAPI
import TerminalUI

/// The `:history` screen as a component: its table of this run's changes (newest first) and the answers of
/// undo writes, which mark the change undone or say on it why the undo did not go through. The changes
/// themselves are the core's (`AppState.history`), recorded by each feature through `ConsoleContext.record`.
public struct HistoryScreen: ConsoleComponent {
    /// The table's selection; row 0 is the newest change.
    public var table = TableState()

    public init() {}

    /// The answer of an undo write (`Message.undoAnswered`): marks the change undone when the server holds
    /// the undo, else notes why not (the change stays the next `u` offers).
    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect] {
        guard case .undoAnswered(let number, let result) = message else { return [] }
        switch result {
        case .mappingApplied, .roleSaved, .roleDeleted, .roleCreated:
            context.undone(number)
        case .roleCreatedIncomplete(_, let missing):
            context.undone(number, note: "created again, but the server does not hold " + missing.joined(separator: ", "))
        case .grantsApplied(_, let outcomes):
            let failed = outcomes.filter {
                switch $0.result {
                case .failed, .refused: true
                default: false
                }
            }
            if failed.isEmpty {
                context.undone(number)
            } else {
                context.notUndone(number, "partly undone (" + failed.map(\.line).joined(separator: "; ")
                    + "); u tries again, AWS roles already back say \u{201C}already so\u{201D}")
            }
        case .members(.grantsChanged(_, let results, _)):
            let failed = results.filter { $0.failure != nil }
            if failed.isEmpty {
                context.undone(number)
            } else {
                context.notUndone(number, "not undone for " + failed.map(\.user.principal).joined(separator: ", ") + " (:errors says why); u tries again")
            }
        case .mappingConflict(let plan, let current):
            let text = "the mapping changed since this console's change (\(plan.drift(to: current))); nothing was written"
            context.notUndone(number, text)
            context.show(title: "Not undone", text: sanitize("#\(number) was not undone: \(text). The AWS roles table shows the mapping as it is now; "
                + "change it with m if it should still go back."), isError: true)
        case .roleSaveConflict:
            context.notUndone(number, "the role changed on the server since; the form asks what to do")
        case .failed(_, let error):
            context.notUndone(number, error.description)
        default:
            break
        }
        return []
    }
}

extension HistoryUndo {
    /// The answer of the undo of change `number`: routed like any answer (the features' own `record` calls are
    /// not kept as new changes while it is answered), then to the history, which marks the change.
    static func answered(_ state: inout AppState, _ number: Int, _ result: Message) -> [Effect] {
        var effects: [Effect] = []
        if case .mappingConflict(let plan, let current) = result {
            // An undo is not written on top of someone else's change: the table takes the mapping as it is.
            state.awsRoles.replaceMapping(id: plan.awsRoleID, roles: current)
            state.withContext { $0.dismissProgressNotices() }
        } else {
            state.history.answering = number
            effects = Console.apply(&state, result)
            state.history.answering = nil
        }
        return effects + state.route(.undoAnswered(number, result), to: \.historyScreen)
    }
}
