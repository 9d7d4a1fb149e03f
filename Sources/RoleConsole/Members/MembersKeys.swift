import TerminalUI

/// The key that opens the members screen (the list keys serve it once open).
enum MembersKeys {
    /// `m` / Enter on the roles screen.
    static let open = ActionRegistry.action(.openMembers, "Members of the role (paged)", [.character("m"), .enter], label: "m Enter",
               screens: [.roles], permission: "roles-view", group: "Roles", hint: "members") { state, _ in
            Console.openMembers(&state)
        }
}
