import PrivXAPI
import TerminalUI

/// A mapping or grant plan after its checklist closed: the yes that starts its write as an operation,
/// the no that keeps things as they are, and the write's answers, which land in the AWS roles table
/// (the data the plan changed), the change for `:history`, a conflict question or a result box.
enum MappingWrites {
    /// y on a mapping or grant plan (or on a conflict: the change on top of theirs): the write starts as an operation.
    static func confirmed(_ pending: PendingConfirmation, _ context: inout ConsoleContext) -> [Effect] {
        switch pending {
        case .applyMapping(let plan), .conflict(let plan, _):
            var plan = plan
            if case .conflict(_, let current) = pending {
                plan.baseline = current
            }
            let effects = context.begin(.awsRole(name: plan.awsRoleName), .applyMapping(plan))
            if !effects.isEmpty { context.post(.info, "Applying \(plan.summary)…") }
            return effects
        case .applyGrants(let plan):
            let effects = context.begin(.grantsOf(roleName: plan.role.name), .applyGrants(plan))
            if !effects.isEmpty { context.post(.info, "Applying \(plan.summary)…") }
            return effects
        default:
            return []
        }
    }

    /// n on a mapping or grant plan: nothing written (on a conflict the table takes their mapping).
    static func cancelled(_ pending: PendingConfirmation, _ awsRoles: inout AWSRolesScreen, _ context: inout ConsoleContext) {
        switch pending {
        case .conflict(let plan, let current):
            context.post(.info, "Nothing written. \(plan.awsRoleName) keeps the mapping the other change made (\(current.count) roles).", seconds: 6)
            awsRoles.replaceMapping(id: plan.awsRoleID, roles: current)
        case .applyMapping, .applyGrants:
            context.post(.info, "Nothing written.")
        default:
            break
        }
    }

    /// A mapping plan's or a grant plan's answer.
    static func result(_ message: Message, _ awsRoles: inout AWSRolesScreen, _ context: inout ConsoleContext) {
        switch message {
        case .mappingConflict(let plan, let current):
            context.ask(.conflict(plan, current: current))
        case .mappingApplied(let plan, let after):
            context.dismissProgressNotices()
            awsRoles.replaceMapping(id: plan.awsRoleID, roles: after)
            context.record(.mapping(plan, after: after))
            let names = after.map(\.name).sorted()
            context.post(.success, "Applied \(plan.summary). Server now: \(names.isEmpty ? "no PrivX roles" : names.joined(separator: ", ")).", seconds: 8)
        case .grantsApplied(let plan, let outcomes):
            context.dismissProgressNotices()
            for outcome in outcomes {
                if case .applied(let roles) = outcome.result { awsRoles.replaceMapping(id: outcome.target.awsRoleID, roles: roles) }
            }
            // Only the AWS roles written are this console's change (those already so are not undone later).
            let written = outcomes.filter { if case .applied = $0.result { true } else { false } }.map(\.target)
            if !written.isEmpty { context.record(.awsGrants(GrantPlan(role: plan.role, targets: written))) }
            let failures = outcomes.filter {
                switch $0.result {
                case .failed: return true
                case .refused(let permission):
                    context.refuse(.grantAWSRoles, permission: permission)
                    return true
                default: return false
                }
            }
            let text = "\(plan.summary)\n\n" + outcomes.map(\.line).joined(separator: "\n")
            context.show(title: failures.isEmpty ? "Mapping applied" : "Mapping partly applied", text: text, isError: !failures.isEmpty)
            for failure in failures { context.recordError("Granting: " + failure.line) }
        default:
            break
        }
    }
}
