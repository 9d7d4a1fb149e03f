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

    /// y on a mapping or grant plan (or on a conflict: the change on top of theirs): the write starts as an operation.
    static func confirmedMapping(_ state: inout AppState, _ pending: PendingConfirmation) -> [Effect] {
        switch pending {
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
        default:
            return []
        }
    }

    /// n on a mapping or grant plan: nothing written (on a conflict the table takes their mapping).
    static func cancelledMapping(_ state: inout AppState, _ pending: PendingConfirmation) {
        switch pending {
        case .conflict(let plan, let current):
            state.toasts.post(.info, "Nothing written. \(plan.awsRoleName) keeps the mapping the other change made (\(current.count) roles).", now: state.now, seconds: 6)
            updateAWSRoleMapping(&state, id: plan.awsRoleID, roles: current)
        case .applyMapping, .applyGrants:
            state.toasts.post(.info, "Nothing written.", now: state.now)
        default:
            break
        }
    }

    /// Enter in a checklist: show the change and ask before writing.
    @Sendable static func reviewChecklist(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .mapping(let editor)? = state.modal else { return [] }
        return review(&state, editor)
    }

    /// Esc in a checklist: nothing is written.
    @Sendable static func cancelChecklist(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .mapping(let editor)? = state.modal else { return [] }
        state.modal = nil
        if !editor.changes.added.isEmpty || !editor.changes.removed.isEmpty {
            state.toasts.post(.info, "Mapping change discarded; nothing was written.", now: state.now)
        }
        return []
    }

    /// Any other key in a checklist: the checklist's own cursor, ticks and filter.
    static func checklistKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .mapping(var editor)? = state.modal else { return [] }
        _ = editor.checklist.apply(key, items: editor.labels, visibleRows: ConsoleLayout.checklistRows(state.size))
        state.modal = .mapping(editor)
        return []
    }
}
