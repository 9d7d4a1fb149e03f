import TerminalUI

/// The mapping checklists' keys: the screen keys that open them (`a` on a role, `m` on an AWS role) and the
/// keys of the checklist itself (run by `KeyDispatcher`; Space, typing and the cursor are the checklist's own).
enum MappingChecklistKeys {
    /// `a` on the roles screen.
    static let grant = ActionRegistry.action(.grantAWSRoles, "Choose the AWS roles this role grants", [.character("a")], label: "a",
               screens: [.roles], mutating: true, confirmation: .confirm,
               permission: "role-target-resources-manage", group: "Roles", hint: "grant AWS") { state, _ in
            Console.openGrantEditor(&state)
            return []
        }

    /// `m` / Enter on the AWS roles screen.
    static let map = ActionRegistry.action(.mapRoles, "Toggle the PrivX roles mapped to the AWS role", [.character("m"), .enter], label: "m Enter",
               screens: [.awsRoles], mutating: true, confirmation: .confirm,
               permission: "role-target-resources-manage", group: "AWS roles", hint: "map roles") { state, _ in
            Console.openMappingEditor(&state)
            return []
        }

    /// The checklist's keys.
    static let checklist: [KeyEntry<ModalPlace>] = [
        KeyEntry([.character(" ")], "Space", "Check or uncheck", hint: ("Space", "toggle"), group: "Checklist", places: [.checklist]),
        KeyEntry([.character("x")], "type", "Filter the list", hint: ("type", "filter"), group: "Checklist", places: [.checklist]),
        KeyEntry([.enter], "Enter", "Review the change before it is written", hint: ("Enter", "review"), group: "Checklist",
                 places: [.checklist], run: Console.reviewChecklist),
        KeyEntry([.escape], "Esc", "Cancel, nothing written", hint: ("Esc", "cancel"), group: "Checklist", places: [.checklist],
                 run: Console.cancelChecklist),
    ]
}
