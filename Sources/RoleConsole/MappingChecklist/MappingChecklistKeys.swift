import TerminalUI

/// The mapping checklists' keys: the screen keys that open them (`a` on a role, `m` on an AWS role) and the
/// keys of the checklist itself (run by `KeyDispatcher`; Space, typing and the cursor are the checklist's own).
enum MappingChecklistKeys {
    /// `a` on the roles screen: the composition opens a checklist over the roles screen's selection and the AWS roles.
    static let grant = ActionRegistry.action(.grantAWSRoles, "Choose the AWS roles this role grants", [.character("a")], label: "a",
               screens: [.roles], mutating: true, confirmation: .confirm,
               permission: "role-target-resources-manage", group: "Roles", hint: "grant AWS") { state, _ in
            guard let row = state.roles.list.selected else { return refuse(&state, "No role is selected; load or clear the filter first.") }
            guard state.awsRoles.list.loaded else { return refuse(&state, "AWS roles are still loading; try again in a moment.") }
            state.checklist = MappingEditor.forRole(row, awsRoles: state.awsRoles.list.catalog)
            return []
        }

    /// `m` / Enter on the AWS roles screen: a checklist over the AWS roles screen's selection and the roles.
    static let map = ActionRegistry.action(.mapRoles, "Toggle the PrivX roles mapped to the AWS role", [.character("m"), .enter], label: "m Enter",
               screens: [.awsRoles], mutating: true, confirmation: .confirm,
               permission: "role-target-resources-manage", group: "AWS roles", hint: "map roles") { state, _ in
            guard let row = state.awsRoles.list.selected else { return refuse(&state, "No AWS role is selected; load or clear the filter first.") }
            guard state.roles.list.loaded else { return refuse(&state, "Roles are still loading; try again in a moment.") }
            state.checklist = MappingEditor.forAWSRole(row, roles: state.roles.list.catalog)
            return []
        }

    /// Says why no checklist opened.
    static func refuse(_ state: inout AppState, _ text: String) -> [Effect] {
        state.withContext { $0.post(.warning, text) }
        return []
    }

    /// The checklist's keys.
    static let checklist: [KeyEntry<ModalPlace>] = [
        KeyEntry([.character(" ")], "Space", "Check or uncheck", hint: ("Space", "toggle"), group: "Checklist", places: [.checklist]),
        KeyEntry([.character("x")], "type", "Filter the list", hint: ("type", "filter"), group: "Checklist", places: [.checklist]),
        KeyEntry([.enter], "Enter", "Review the change before it is written", hint: ("Enter", "review"), group: "Checklist",
                 places: [.checklist]) { state, _ in
            state.run(\.checklist) { checklist, context in checklist.review(&context) }
            state.checklist = nil
            return []
        },
        KeyEntry([.escape], "Esc", "Cancel, nothing written", hint: ("Esc", "cancel"), group: "Checklist", places: [.checklist]) { state, _ in
            state.run(\.checklist) { checklist, context in checklist.cancel(&context) }
            state.checklist = nil
            return []
        },
    ]
}
