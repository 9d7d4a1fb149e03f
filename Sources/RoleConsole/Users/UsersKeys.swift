import TerminalUI

/// The users screen's keys (`3`, `:users`): search, open a user, switch tables.
enum UsersKeys {
    /// The users screen's hints by use: searching, a user's roles, switching panes, undo, then the rest.
    static let hintOrder: [ActionID] = [.searchUsers, .openUser, .switchUsersPane, .undo, .back, .refresh, .showRoles, .showAWSRoles,
                                        .commandLine, .help, .quit]
    /// `3` from any screen.
    static let show = ActionRegistry.action(.showUsers, "Users screen: search users, their roles and why they hold them",
               [.character("3")], label: "3", permission: "users-view", group: "Navigation", hint: nil) { state, _ in
        Console.showUsers(&state)
        return []
    }

    static let all: [ConsoleAction] = [
        ActionRegistry.action(.searchUsers, "Search users by name, e-mail or principal (on the server, as you type)", [.character("/")],
               label: "/", screens: [.users], permission: "users-view", group: "Users", hint: "search",
               run: AppState.handler(\.users) { users, _, _ in
            users.editing = true
            return []
        }),
        ActionRegistry.action(.openUser, "The user's roles, explicit and mapped, and the rule that maps them; on a role, its detail",
               [.enter], label: "Enter", screens: [.users], permission: "users-view", group: "Users", hint: "roles") { state, _ in
            guard let users = state.users else { return [] }
            if users.focus == .roles {
                Console.showUserRole(&state)
                return []
            }
            return state.run(\.users) { $0.open(&$1) } ?? []
        },
        ActionRegistry.action(.switchUsersPane, "Switch between the users and the user's roles", [.tab, .backTab], label: "Tab",
               screens: [.users], group: "Users", hint: "pane", run: AppState.handler(\.users) { users, _, _ in
            users.focus = users.focus == .users && users.opened != nil ? .roles : .users
            return []
        }),
    ]

    /// The search input's keys; typed text goes to the input.
    static let search: [KeyEntry<ModalPlace>] = [
        KeyEntry([.character("x")], "type", "Type a name, e-mail or principal (searched as you type)", hint: ("type", "search"),
                 group: "Users", places: [.usersSearch]),
        KeyEntry([.enter, .escape, .down, .tab], "Enter Esc ↓ Tab", "Leave the search for the results", hint: ("Enter", "results"),
                 group: "Users", places: [.usersSearch], run: AppState.handler(\.users) { users, _, _ in
            users.editing = false
            users.focus = .users
            return []
        }),
    ]
}

extension Console {
    /// Enter on one of the opened user's roles: the whole row in words (the table cuts long rules).
    static func showUserRole(_ state: inout AppState) {
        guard let users = state.users, let user = users.opened, users.roles.indices.contains(users.rolesTable.selected) else { return }
        let row = users.roles[users.rolesTable.selected]
        var lines = ["Role: \(row.handle.name)", "Holds it: \(row.holding)"]
        if row.handle.isExplicit { lines.append("Grant: " + GrantText.terms(row.handle, now: state.now)) }
        if row.handle.isImplicit { lines.append("Mapped by: " + users.mappedBy(row, sourceNames: state.sourceNames)) }
        if row.handle.isExplicit { lines.append("The grant is revoked on the role's members screen (m, then d).") }
        if row.handle.isImplicit, !row.handle.isExplicit {
            lines.append("Only a change to the role's rules or to the user's directory entry removes a mapped role.")
        }
        state.modal = .message(title: sanitize("\(user.principal) · \(row.handle.name)"), text: sanitize(lines.joined(separator: "\n")), isError: false)
    }

    /// `3` / `:users`: the users screen, opened with its search input ready.
    static func showUsers(_ state: inout AppState) {
        if state.users == nil { state.users = UsersState() }
        state.stack = [.users]
        state.focus = .table
    }
}
