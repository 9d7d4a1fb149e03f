import PrivXAPI
import TerminalUI

extension Console {
    /// The AWS roles screen's answers: the list (after a load or a re-scan), a deleted cached AWS role.
    static func awsRolesResult(_ state: inout AppState, _ message: Message) {
        switch message {
        case .awsRolesLoaded(let awsRoles, let rescanned):
            state.awsRoles.catalog.replace(awsRoles.map(AWSRoleRow.init(awsRole:)))
            state.awsRoles.loading = false
            state.awsRoles.loaded = true
            state.awsRoles.refreshedAt = state.now
            if rescanned {
                let missing = state.awsRoles.catalog.rows.filter(\.isMissing).count
                state.toasts.post(.success, "AWS re-scan done: \(awsRoles.count) AWS roles, \(missing) MISSING.", now: state.now)
            }
            reselectAll(&state)
        case .awsRoleDeleted(let id, let name):
            if case .mapping(let plan, _)? = state.lastChange, plan.awsRoleID == id { state.lastChange = nil }
            let rows = state.awsRoles.catalog.rows.filter { $0.id != id }
            state.awsRoles.catalog.replace(rows)
            reselectAll(&state)
            state.toasts.post(.success, "Deleted the cached AWS role \(name). It returns on the next scan if it still exists in AWS.", now: state.now, seconds: 8)
        default:
            break
        }
    }
}
