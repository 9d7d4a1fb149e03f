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

    // MARK: Mapping editors

    /// Opens the checklist of every PrivX role with those mapped to the selected AWS role checked.
    static func openMappingEditor(_ state: inout AppState) {
        guard let row = state.awsRoles.selected else {
            state.toasts.post(.warning, "No AWS role is selected; load or clear the filter first.", now: state.now)
            return
        }
        guard state.roles.loaded else {
            state.toasts.post(.warning, "Roles are still loading; try again in a moment.", now: state.now)
            return
        }
        let roles = state.roles.catalog.rows.sorted { $0.role.name.lowercased() < $1.role.name.lowercased() }
        let mapped = Set(row.awsRole.roles.map(\.id))
        var checked = Set<Int>()
        for (index, role) in roles.enumerated() where mapped.contains(role.id) { checked.insert(index) }
        let editor = MappingEditor(kind: .rolesOfAWSRole(id: row.id, name: row.awsRole.name, baseline: row.awsRole.roles),
                                   labels: roles.map(\.role.name), ids: roles.map(\.id), initiallyChecked: checked,
                                   checklist: ChecklistState(checked: checked))
        state.modal = .mapping(editor)
    }

    /// Opens the checklist of every AWS role with those the selected PrivX role grants checked.
    static func openGrantEditor(_ state: inout AppState) {
        guard let row = state.roles.selected else {
            state.toasts.post(.warning, "No role is selected; load or clear the filter first.", now: state.now)
            return
        }
        guard state.awsRoles.loaded else {
            state.toasts.post(.warning, "AWS roles are still loading; try again in a moment.", now: state.now)
            return
        }
        let aws = state.awsRoles.catalog.rows.sorted { $0.awsRole.name.lowercased() < $1.awsRole.name.lowercased() }
        var checked = Set<Int>()
        for (index, item) in aws.enumerated() where item.awsRole.roles.contains(where: { $0.id == row.id }) { checked.insert(index) }
        let editor = MappingEditor(kind: .awsRolesOfRole(RoleRef(id: row.id, name: row.role.name)),
                                   labels: aws.map(\.awsRole.name), ids: aws.map(\.id), initiallyChecked: checked,
                                   checklist: ChecklistState(checked: checked))
        state.modal = .mapping(editor)
    }

    /// Enter in a checklist: show the change and ask before writing.
    static func review(_ state: inout AppState, _ editor: MappingEditor) -> [Effect] {
        let (added, removed) = editor.changes
        guard !added.isEmpty || !removed.isEmpty else {
            state.modal = nil
            state.toasts.post(.info, "No change to apply.", now: state.now)
            return []
        }
        switch editor.kind {
        case .rolesOfAWSRole(let id, let name, let baseline):
            let plan = MappingPlan(awsRoleID: id, awsRoleName: name, baseline: baseline,
                                   add: added.map { RoleRef(id: editor.ids[$0], name: editor.labels[$0]) },
                                   remove: removed.map { RoleRef(id: editor.ids[$0], name: editor.labels[$0]) })
            state.modal = .confirm(.applyMapping(plan), ConfirmDialogState())
        case .awsRolesOfRole(let role):
            let targets = added.map { GrantPlan.Target(awsRoleID: editor.ids[$0], awsRoleName: editor.labels[$0], grant: true) }
                + removed.map { GrantPlan.Target(awsRoleID: editor.ids[$0], awsRoleName: editor.labels[$0], grant: false) }
            state.modal = .confirm(.applyGrants(GrantPlan(role: role, targets: targets)), ConfirmDialogState())
        }
        return []
    }

    /// `d` on a role: refused for system roles; typed name when people or AWS roles depend on it.
    static func askToDeleteRole(_ state: inout AppState) {
        guard let row = state.roles.selected else { return }
        if row.role.system {
            state.toasts.post(.warning, "Not deleted: \(row.role.name) is a \(RoleDraft.systemDeleteReason) (PrivX keeps its built-in roles).", now: state.now, seconds: 6)
            return
        }
        let members = row.role.memberCount ?? 0
        let grants = state.awsRoles.catalog.rows.filter { $0.awsRole.roles.contains { $0.id == row.id } }.map(\.awsRole.name)
        var parts: [String] = []
        if members > 0 { parts.append("\(members) member\(members == 1 ? "" : "s") lose it") }
        if !grants.isEmpty { parts.append("it stops granting \(grants.count) AWS role\(grants.count == 1 ? "" : "s") (\(grants.prefix(3).joined(separator: ", "))\(grants.count > 3 ? ", …" : ""))") }
        let detail = parts.isEmpty ? "Nobody has it and it grants no AWS role." : parts.joined(separator: "; ") + "."
        let pending = PendingConfirmation.deleteRole(id: row.id, name: row.role.name, detail: detail, typed: !parts.isEmpty)
        state.modal = parts.isEmpty ? .confirm(pending, ConfirmDialogState()) : .typedConfirm(pending, TypedConfirmState())
    }

    static func openMembers(_ state: inout AppState) -> [Effect] {
        guard let row = state.roles.selected else { return [] }
        state.members = MembersState(roleID: row.id, roleName: row.role.name)
        state.members?.loadingPage = true
        state.members?.list.loading = true
        state.stack = [.roles, .members]
        state.focus = .table
        return [.loadMembers(roleID: row.id, roleName: row.role.name, offset: 0)]
    }
}
