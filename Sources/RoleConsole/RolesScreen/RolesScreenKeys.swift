import RoleEditing
import TerminalUI

/// The roles screen's own keys (run by `KeyDispatcher`, listed in help and the README after the common keys).
enum RolesScreenKeys {
    /// The roles screen's hints by use, most used first (the hint bar shows as many as fit in this order): the
    /// role's own actions, then finding one, then moving between screens and the keys every screen has.
    static let hintOrder: [ActionID] = [.editRole, .openMembers, .createRole, .duplicateRole, .deleteRole, .grantAWSRoles, .evaluateRole,
                                        .undo, .principalKeys, .filter, .showAWSRoles, .nextPane, .sortNext, .refresh, .commandLine, .help,
                                        .quit, .back]
    /// The filter words of the roles list (`RoleRow.filterFields`), said beside the `/` input.
    static let filterWords = "perm: tag: ctx:on system:yes !negate"

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
