import TerminalUI

extension Console {
    /// A question was answered yes: the feature that asked starts what it asked about.
    static func confirmed(_ state: inout AppState, _ pending: PendingConfirmation) -> [Effect] {
        switch pending {
        case .quit, .interrupt, .restoreDraft: confirmedEnding(&state, pending)
        case .applyMapping, .conflict, .applyGrants: confirmedMapping(&state, pending)
        case .deleteAWSRole(let id, let name): begin(&state, .awsRole(name: name), .deleteAWSRole(id: id, name: name))
        case .deleteRole(let id, let name, _, _): begin(&state, .role(name: name), .deleteRole(id: id, name: name))
        case .revokeGrant, .undoGrants: confirmedGrant(&state, pending)
        }
    }

    /// A question was answered no: the feature that asked says what was kept.
    static func cancelled(_ state: inout AppState, _ pending: PendingConfirmation) {
        switch pending {
        case .conflict, .applyMapping, .applyGrants: cancelledMapping(&state, pending)
        case .restoreDraft(let draft):
            state.toasts.post(.info, "The recovered edit of \(draft.subject) stays on disk; it is offered again at the next start (d discards it).",
                              now: state.now, seconds: 8)
        default:
            break
        }
    }
}
