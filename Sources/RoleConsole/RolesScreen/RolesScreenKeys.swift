import RoleEditing
import TerminalUI

/// The roles screen's own keys (run by `KeyDispatcher`, listed in help and the README after the common keys).
enum RolesScreenKeys {
    static let all: [ConsoleAction] = [
        ActionRegistry.action(.deleteRole, "Delete the role (typed name when it has members or grants AWS roles; not system roles)",
               [.character("d"), .delete], label: "d Del", screens: [.roles], mutating: true, confirmation: .dangerous,
               permission: "roles-manage", group: "Roles", hint: "delete") { state, _ in
            Console.askToDeleteRole(&state)
            return []
        },
        ActionRegistry.action(.undo, "Undo the last role edit, AWS mapping change or grant change of this session (shows the inverse first)",
               [.character("u")], label: "u", screens: [.roles, .awsRoles, .members, .users], mutating: true, confirmation: .confirm,
               permission: "roles-manage (role edit), role-target-resources-manage (mapping), users-manage or roles-manage (grant)", group: "Roles", hint: nil) { state, _ in
            Console.undoLastChange(&state)
            return []
        },
    ]
}
