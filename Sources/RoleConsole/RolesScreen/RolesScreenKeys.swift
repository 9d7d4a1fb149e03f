import RoleEditing
import TerminalUI

/// The roles screen's own keys (run by `KeyDispatcher`, listed in help and the README after the common keys).
enum RolesScreenKeys {
    static let all: [ConsoleAction] = [
        ActionRegistry.action(.openMembers, "Members of the role (paged)", [.character("m"), .enter], label: "m Enter",
               screens: [.roles], permission: "roles-view", group: "Roles", hint: "members") { state, _ in
            Console.openMembers(&state)
        },
        ActionRegistry.action(.grantAWSRoles, "Choose the AWS roles this role grants", [.character("a")], label: "a",
               screens: [.roles], mutating: true, confirmation: .confirm,
               permission: "role-target-resources-manage", group: "Roles", hint: "grant AWS") { state, _ in
            Console.openGrantEditor(&state)
            return []
        },
        ActionRegistry.action(.editRole, "Edit the role and its context (F2 saves after showing the change)", [.character("e")], label: "e",
               screens: [.roles], mutating: true, confirmation: .confirm, permission: "roles-manage", group: "Roles", hint: "edit") { state, _ in
            Console.openRoleEditor(&state)
            return []
        },
        ActionRegistry.action(.createRole, "New role in the form (an empty ANY group, context off)", [.character("n")], label: "n",
               screens: [.roles], mutating: true, confirmation: .confirm, permission: "roles-manage", group: "Roles", hint: "new") { state, _ in
            state.editor = RoleEditor(role: NewRoleTemplates.blank())
            return []
        },
        ActionRegistry.action(.duplicateRole, "Duplicate the role under a new name", [.character("c")], label: "c",
               screens: [.roles], mutating: true, confirmation: .confirm, permission: "roles-manage", group: "Roles", hint: "duplicate") { state, _ in
            guard let row = state.roles.selected else { return [] }
            var editor = RoleEditor(role: NewRoleTemplates.copy(of: row.role))
            editor.copiedFrom = row.role.name
            state.editor = editor
            return []
        },
        ActionRegistry.action(.deleteRole, "Delete the role (typed name when it has members or grants AWS roles; not system roles)",
               [.character("d"), .delete], label: "d Del", screens: [.roles], mutating: true, confirmation: .dangerous,
               permission: "roles-manage", group: "Roles", hint: "delete") { state, _ in
            Console.askToDeleteRole(&state)
            return []
        },
        ActionRegistry.action(.undo, "Undo the last role edit or AWS mapping change of this session (shows the inverse first)",
               [.character("u")], label: "u", screens: [.roles, .awsRoles], mutating: true, confirmation: .confirm,
               permission: "roles-manage (role edit) or role-target-resources-manage (mapping)", group: "Roles", hint: nil) { state, _ in
            Console.undoLastChange(&state)
            return []
        },
        ActionRegistry.action(.evaluateRole, "Evaluate who the role maps, with gain/lose against members (F5 in the editor: unsaved; :evaluate)",
               [.character("v")], label: "v", screens: [.roles], permission: ActionRegistry.evaluatePermission, group: "Roles", hint: "evaluate") { state, _ in
            guard let row = state.roles.selected else { return [] }
            return Console.startEvaluation(&state, row.role, membersOf: row.id)
        },
    ]
}
