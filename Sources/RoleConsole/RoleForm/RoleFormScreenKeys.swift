import RoleEditing
import TerminalUI

/// The roles screen's keys that open the role form (the form's own keys are `EditorKeys.table`).
enum RoleFormScreenKeys {
    static let all: [ConsoleAction] = [
        ActionRegistry.action(.editRole, "Edit the role and its context (F2 saves after showing the change)", [.character("e")], label: "e",
               screens: [.roles], mutating: true, confirmation: .confirm, permission: "roles-manage", group: "Roles", hint: "edit") { state, _ in
            guard let row = state.roles.list.selected else {
                state.withContext { $0.post(.warning, "No role is selected; load or clear the filter first.") }
                return []
            }
            state.editor = RoleEditor(role: row.role)
            return []
        },
        ActionRegistry.action(.createRole, "New role in the form (an empty ANY group, context off)", [.character("n")], label: "n",
               screens: [.roles], mutating: true, confirmation: .confirm, permission: "roles-manage", group: "Roles", hint: "new") { state, _ in
            state.editor = RoleEditor(role: NewRoleTemplates.blank())
            return []
        },
        ActionRegistry.action(.duplicateRole, "Duplicate the role under a new name", [.character("c")], label: "c",
               screens: [.roles], mutating: true, confirmation: .confirm, permission: "roles-manage", group: "Roles", hint: "duplicate") { state, _ in
            guard let row = state.roles.list.selected else { return [] }
            // The console knows every loaded name: the copy gets a free one instead of PrivX's 400 on save.
            let taken = Set(state.roles.list.catalog.rows.map(\.role.name))
            var editor = RoleEditor(role: NewRoleTemplates.copy(of: row.role, taken: taken))
            editor.copiedFrom = row.role.name
            state.editor = editor
            return []
        },
    ]
}
