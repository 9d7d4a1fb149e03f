import TerminalUI

/// The AWS roles screen's own keys (run by `KeyDispatcher`, listed in help and the README after the roles screen's).
enum AWSRolesScreenKeys {
    static let all: [ConsoleAction] = [
        ActionRegistry.action(.rescanAWS, "Re-scan AWS (refresh=true)", [.character("R")], label: "R",
               screens: [.awsRoles], permission: "role-target-resources-view", group: "AWS roles", hint: "re-scan") { state, _ in
            let effects = Console.begin(&state, .awsRescan, .loadAWSRoles(refresh: true))
            if !effects.isEmpty { state.toasts.post(.info, "Re-scanning AWS; the list stays usable meanwhile.", now: state.now) }
            return effects
        },
        ActionRegistry.action(.deleteAWSRole, "Delete the cached AWS role", [.character("d"), .delete], label: "d Del",
               screens: [.awsRoles], mutating: true, confirmation: .dangerous,
               permission: "role-target-resources-manage", group: "AWS roles", hint: "delete") { state, _ in
            guard let row = state.awsRoles.selected else { return [] }
            state.modal = .confirm(.deleteAWSRole(id: row.id, name: row.awsRole.name), ConfirmDialogState())
            return []
        },
    ]
}
