import PrivXAPI
import TerminalUI

extension Console {
    /// A mapping plan's or a grant plan's answer.
    static func mappingResult(_ state: inout AppState, _ message: Message) {
        switch message {
        case .mappingConflict(let plan, let current):
            state.modal = .confirm(.conflict(plan, current: current), ConfirmDialogState())
        case .mappingApplied(let plan, let after):
            dismissProgressNotices(&state)
            updateAWSRoleMapping(&state, id: plan.awsRoleID, roles: after)
            state.lastChange = .mapping(plan, after: after)
            let names = after.map(\.name).sorted()
            state.toasts.post(.success, "Applied \(plan.summary). Server now: \(names.isEmpty ? "no PrivX roles" : names.joined(separator: ", ")).",
                              now: state.now, seconds: 8)
        case .grantsApplied(let plan, let outcomes):
            dismissProgressNotices(&state)
            for outcome in outcomes {
                if case .applied(let roles) = outcome.result { updateAWSRoleMapping(&state, id: outcome.target.awsRoleID, roles: roles) }
            }
            let failures = outcomes.filter {
                switch $0.result {
                case .failed: return true
                case .refused(let permission):
                    state.unavailable[.grantAWSRoles] = permission
                    return true
                default: return false
                }
            }
            let text = "\(plan.summary)\n\n" + outcomes.map(\.line).joined(separator: "\n")
            state.modal = .message(title: failures.isEmpty ? "Mapping applied" : "Mapping partly applied", text: text, isError: !failures.isEmpty)
            for failure in failures { recordError(&state, "Granting: " + failure.line) }
        default:
            break
        }
    }

    /// Replaces the mapped roles of one AWS role in the table (after a write was read back).
    static func updateAWSRoleMapping(_ state: inout AppState, id: String, roles: [RoleRef]) {
        let rows = state.awsRoles.catalog.rows.map { row -> AWSRoleRow in
            guard row.id == id else { return row }
            var document = row.awsRole.document
            document["roles"] = .array(roles.map(\.json))
            return AWSRoleRow(awsRole: AWSRole(document: document))
        }
        state.awsRoles.catalog.replace(rows)
        reselectAll(&state)
    }
}
