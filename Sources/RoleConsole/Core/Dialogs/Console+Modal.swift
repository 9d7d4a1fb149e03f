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
        }
    }

    /// A question was answered no: the feature that asked says what was kept.
    static func cancelled(_ state: inout AppState, _ pending: PendingConfirmation) {
        switch pending {
        case .conflict, .applyMapping, .applyGrants:
            state.run(\.awsRoles) { awsRoles, context in MappingWrites.cancelled(pending, &awsRoles, &context) }
            reselectAll(&state)
        case .undo(let offer):
            HistoryUndo.cancelled(&state, offer)
        default:
            break
        }
    }
}
