import TerminalUI

/// The key that opens the members screen (the list keys serve it once open).
enum MembersKeys {
    /// `m` / Enter on the roles screen: the roles screen's selection opens a members component over it.
    static let open = ActionRegistry.action(.openMembers, "Members of the role (paged)", [.character("m"), .enter], label: "m Enter",
               screens: [.roles], permission: "roles-view", group: "Roles", hint: "members") { state, _ in
            guard let row = state.roles.list.selected else { return [] }
            let (members, effects) = MembersState.opening(roleID: row.id, roleName: row.role.name)
            state.members = members
            state.stack = [.roles, .members]
            state.focus = .table
            return effects
        }
}
