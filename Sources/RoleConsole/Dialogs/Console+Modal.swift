import Foundation
import PrivXAPI
import RoleEditing
import TerminalUI

extension Console {
    static func confirmed(_ state: inout AppState, _ pending: PendingConfirmation) -> [Effect] {
        switch pending {
        case .quit:
            state.shouldQuit = true
            return []
        case .interrupt:
            state.exitSignal = SIGINT
            state.shouldQuit = true
            return []
        case .restoreDraft(let draft):
            return restoreDraft(&state, draft)
        case .applyMapping(let plan), .conflict(let plan, _):
            var plan = plan
            if case .conflict(_, let current) = pending {
                plan.baseline = current
            }
            let effects = begin(&state, .awsRole(name: plan.awsRoleName), .applyMapping(plan))
            if !effects.isEmpty { state.toasts.post(.info, "Applying \(plan.summary)…", now: state.now) }
            return effects
        case .applyGrants(let plan):
            let effects = begin(&state, .grantsOf(roleName: plan.role.name), .applyGrants(plan))
            if !effects.isEmpty { state.toasts.post(.info, "Applying \(plan.summary)…", now: state.now) }
            return effects
        case .deleteAWSRole(let id, let name):
            return begin(&state, .awsRole(name: name), .deleteAWSRole(id: id, name: name))
        case .deleteRole(let id, let name, _, _):
            return begin(&state, .role(name: name), .deleteRole(id: id, name: name))
        }
    }

    static func cancelled(_ state: inout AppState, _ pending: PendingConfirmation) {
        switch pending {
        case .conflict(let plan, let current):
            state.toasts.post(.info, "Nothing written. \(plan.awsRoleName) keeps the mapping the other change made (\(current.count) roles).", now: state.now, seconds: 6)
            updateAWSRoleMapping(&state, id: plan.awsRoleID, roles: current)
        case .applyMapping, .applyGrants:
            state.toasts.post(.info, "Nothing written.", now: state.now)
        case .restoreDraft(let draft):
            state.toasts.post(.info, "The recovered edit of \(draft.subject) stays on disk; it is offered again at the next start (d discards it).",
                              now: state.now, seconds: 8)
        default:
            break
        }
    }
}
