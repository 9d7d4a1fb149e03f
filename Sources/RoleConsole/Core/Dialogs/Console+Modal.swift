import TerminalUI

extension Console {
    /// A question was answered yes: the feature that asked starts what it asked about.
    static func confirmed(_ state: inout AppState, _ pending: PendingConfirmation) -> [Effect] {
        switch pending {
        case .quit, .interrupt: confirmedEnding(&state, pending)
        case .applyMapping, .conflict, .applyGrants: state.withContext { MappingWrites.confirmed(pending, &$0) }
        case .deleteAWSRole(let id, let name): begin(&state, .awsRole(name: name), .deleteAWSRole(id: id, name: name))
        case .deleteRole(let id, let name, _, _): begin(&state, .role(name: name), .deleteRole(id: id, name: name))
        case .revokeGrant: confirmedGrant(&state, pending)
        case .undo(let offer): HistoryUndo.confirmed(&state, offer)
        case .mergeConflict: answeredConflict(&state, pending, takeTheirs: true)
        }
    }

    /// A merge conflict answered: the form takes theirs or keeps mine, then asks the next.
    static func answeredConflict(_ state: inout AppState, _ pending: PendingConfirmation, takeTheirs: Bool) -> [Effect] {
        guard case .mergeConflict(let conflict, let position, let total, _) = pending else { return [] }
        state.run(\.editor) { form, context in
            form.resolveConflict(conflict, takeTheirs: takeTheirs, position: position, total: total, &context)
        }
        return []
    }

    /// A question was answered no: the feature that asked says what was kept.
    static func cancelled(_ state: inout AppState, _ pending: PendingConfirmation) {
        switch pending {
        case .conflict, .applyMapping, .applyGrants:
            state.run(\.awsRoles) { awsRoles, context in MappingWrites.cancelled(pending, &awsRoles, &context) }
            reselectAll(&state)
        case .undo(let offer):
            HistoryUndo.cancelled(&state, offer)
        case .mergeConflict:
            _ = answeredConflict(&state, pending, takeTheirs: false)
        default:
            break
        }
    }
}
