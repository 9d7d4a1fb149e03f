import PrivXAPI
import TerminalUI

/// The mapping checklists (`m` on an AWS role, `a` on a role): opening them and turning the ticks into a plan to confirm.
extension Console {
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
}
