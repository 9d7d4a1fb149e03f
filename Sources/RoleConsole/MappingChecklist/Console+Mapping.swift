import PrivXAPI
import TerminalUI

/// The mapping checklists (`m` on an AWS role, `a` on a role): opening them and turning the ticks into a plan to confirm.
extension Console {
    /// Opens the checklist of every PrivX role with those mapped to the selected AWS role checked.
    static func openMappingEditor(_ state: inout AppState) {
        guard let row = state.awsRoles.selected else { return refuseChecklist(&state, "No AWS role is selected; load or clear the filter first.") }
        guard state.roles.loaded else { return refuseChecklist(&state, "Roles are still loading; try again in a moment.") }
        let mapped = Set(row.awsRole.roles.map(\.id))
        openChecklist(&state, .rolesOfAWSRole(id: row.id, name: row.awsRole.name, baseline: row.awsRole.roles),
                      items: state.roles.catalog.rows.map { ($0.id, $0.role.name) }, checked: { mapped.contains($0) })
    }

    /// Opens the checklist of every AWS role with those the selected PrivX role grants checked.
    static func openGrantEditor(_ state: inout AppState) {
        guard let row = state.roles.selected else { return refuseChecklist(&state, "No role is selected; load or clear the filter first.") }
        guard state.awsRoles.loaded else { return refuseChecklist(&state, "AWS roles are still loading; try again in a moment.") }
        let granting = Set(state.awsRoles.catalog.rows.filter { $0.awsRole.roles.contains { $0.id == row.id } }.map(\.id))
        openChecklist(&state, .awsRolesOfRole(RoleRef(id: row.id, name: row.role.name)),
                      items: state.awsRoles.catalog.rows.map { ($0.id, $0.awsRole.name) }, checked: { granting.contains($0) })
    }

    /// Says why no checklist opened.
    static func refuseChecklist(_ state: inout AppState, _ text: String) {
        state.toasts.post(.warning, text, now: state.now)
    }

    /// Opens a checklist of `items` sorted by name (case-insensitively), those `checked` ticked.
    static func openChecklist(_ state: inout AppState, _ kind: MappingEditor.Kind, items: [(id: String, label: String)],
                              checked isChecked: (String) -> Bool) {
        let sorted = items.sorted { $0.label.lowercased() < $1.label.lowercased() }
        let checked = Set(sorted.indices.filter { isChecked(sorted[$0].id) })
        state.modal = .mapping(MappingEditor(kind: kind, labels: sorted.map(\.label), ids: sorted.map(\.id), initiallyChecked: checked,
                                             checklist: ChecklistState(checked: checked)))
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
        _ = editor.checklist.apply(key, items: editor.labels)
        state.modal = .mapping(editor)
        return []
    }
}
