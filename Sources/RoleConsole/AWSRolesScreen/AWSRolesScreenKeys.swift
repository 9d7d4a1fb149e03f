import TerminalUI

/// The AWS roles screen's own keys (run by `KeyDispatcher`, listed in help and the README after the roles screen's).
enum AWSRolesScreenKeys {
    /// The AWS roles screen's hints by use, most used first: mapping an AWS role, the re-scan, deleting a cached
    /// role, undo, finding one, then the keys every screen has (`2` is this screen: not hinted here).
    static let hintOrder: [ActionID] = [.mapRoles, .rescanAWS, .deleteAWSRole, .undo, .filter, .showRoles, .nextPane, .sortNext, .refresh,
                                        .commandLine, .help, .quit, .back]
    /// The filter words of the AWS roles list (`AWSRoleRow.filterFields`), said beside the `/` input.
    static let filterWords = "account: role: path: status:missing !negate"

    static let all: [ConsoleAction] = [
        ActionRegistry.action(.rescanAWS, "Re-scan AWS (refresh=true)", [.character("R")], label: "R",
               screens: [.awsRoles], permission: AWSRolesScreen.viewPermission, group: "AWS roles", hint: "re-scan",
               run: AppState.handler(\.awsRoles) { _, context, _ in AWSRolesScreen.rescan(&context) }),
        ActionRegistry.action(.deleteAWSRole, "Delete the cached AWS role", [.character("d"), .delete], label: "d Del",
               screens: [.awsRoles], mutating: true, confirmation: .dangerous,
               permission: "role-target-resources-manage", group: "AWS roles", hint: "delete",
               run: AppState.handler(\.awsRoles) { screen, context, _ in
            screen.askToDelete(&context)
            return []
        }),
    ]
}
