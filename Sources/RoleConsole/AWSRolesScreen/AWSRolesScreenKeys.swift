import TerminalUI

/// The AWS roles screen's own keys (run by `KeyDispatcher`, listed in help and the README after the roles screen's).
enum AWSRolesScreenKeys {
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
