import RoleEditing
import TerminalUI

/// The roles screen's own actions: deleting a role and undoing the last change.
extension Console {
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

    /// `u`: shows the inverse of the last change and asks; yes writes it through the same read-modify-write path.
    static func undoLastChange(_ state: inout AppState) {
        switch state.lastChange {
        case nil:
            state.toasts.post(.info, "Nothing to undo: this session has not changed a role, a mapping or a grant yet (deletes cannot be undone).", now: state.now, seconds: 6)
        case .roleEdit(let before, let after)?:
            var editor = RoleEditor(role: after)
            var draft = RoleDraft(before)
            if after.system { draft.name = after.name }
            editor.draft = draft
            editor.reloadInputs()
            let changes = editor.draft.changes(from: editor.base, sourceNames: state.sourceNames)
            guard !changes.isEmpty else {
                state.toasts.post(.info, "Nothing to undo: the last edit changed no field of the form.", now: state.now)
                return
            }
            editor.stage = .confirming(changes)
            state.editor = editor
        case .mapping(let plan, let after)?:
            let inverse = MappingPlan(awsRoleID: plan.awsRoleID, awsRoleName: plan.awsRoleName, baseline: after,
                                      add: plan.remove, remove: plan.add)
            state.modal = .confirm(.applyMapping(inverse), ConfirmDialogState())
        case .grants(let role, let entries)?:
            askToUndoGrants(&state, role, entries)
        }
    }
}
