import RoleEditing
import TerminalUI

/// The roles screen's own keys (run by `KeyDispatcher`, listed in help and the README after the common keys).
enum RolesScreenKeys {
    static let all: [ConsoleAction] = [
        ActionRegistry.action(.deleteRole, "Delete the role (typed name when it has members or grants AWS roles; not system roles)",
               [.character("d"), .delete], label: "d Del", screens: [.roles], mutating: true, confirmation: .dangerous,
               permission: "roles-manage", group: "Roles", hint: "delete") { state, _ in
            let awsRoles = state.awsRoles.list.catalog
            state.run(\.roles) { roles, context in roles.askToDelete(awsRoles: awsRoles, &context) }
            return []
        },
    ]
}
