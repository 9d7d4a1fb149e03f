import TerminalUI

/// The keys of the members screen and of its add-members dialog (run by `KeyDispatcher`, listed in help
/// and the README). Grant writes need `users-manage` or `roles-manage` (docs/role-store-evidence.md,
/// "Members and grants"): a 403 on one makes both unavailable.
enum MembersKeys {
    /// The members screen's hints by use: a member's detail, adding and revoking, undo, the filter, then the rest.
    static let hintOrder: [ActionID] = [.memberDetail, .addMembers, .revokeGrant, .undo, .filter, .back, .sortNext, .refresh,
                                        .showRoles, .showAWSRoles, .commandLine, .help, .quit]
    static let grantPermission = "users-manage or roles-manage"

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

    /// The members screen's own keys.
    static let all: [ConsoleAction] = [
        ActionRegistry.action(.memberDetail, "The member's detail: how they hold the role, their grant's terms", [.enter], label: "Enter",
               screens: [.members], group: "Members", hint: "detail") { state, _ in
            Console.showMemberDetail(&state)
            return []
        },
        ActionRegistry.action(.addMembers, "Add members: search users, choose the grant's terms, review, confirm", [.character("a")],
               label: "a", screens: [.members], mutating: true, confirmation: .confirm, permission: grantPermission,
               group: "Members", hint: "add", run: AppState.handler(\.members) { members, context, _ in
            members.adding = AddMembersDialog(now: context.now)
            return []
        }),
        ActionRegistry.action(.revokeGrant, "Revoke the member's explicit grant (a mapped member: change the rules or the directory)",
               [.character("d"), .delete], label: "d Del", screens: [.members], mutating: true, confirmation: .dangerous,
               permission: grantPermission, group: "Members", hint: "revoke") { state, _ in
            Console.askToRevoke(&state)
            return []
        },
    ]

    /// The terms stage, with inputs (time-restricted, floating) or without (permanent).
    static let terms: Set<ModalPlace> = [.addMembersKind, .addMembersTerms]

    /// The add-members dialog's keys; typed text and the kind row's ←/→ go to the dialog itself.
    static let dialog: [KeyEntry<ModalPlace>] = [
        KeyEntry([.character("x")], "type", "Type a name, e-mail or principal (searched as you type)", hint: ("type", "search"),
                 group: "Add members", places: [.addMembersSearch]),
        KeyEntry([.down, .up, .pageDown, .pageUp], "↑/↓ PgUp/PgDn", "Move in the results", hint: ("↑/↓", "move"), group: "Add members",
                 places: [.addMembersSearch], run: dialogHandler { dialog, _, key in dialog.moveResults(key); return [] }),
        KeyEntry([.character(" ")], "Space", "Choose the user, or un-choose", hint: ("Space", "choose"), group: "Add members",
                 places: [.addMembersSearch], run: dialogHandler { dialog, _, _ in dialog.toggleSelected(); return [] }),
        KeyEntry([.enter], "Enter", "Go on to the grant's terms with the chosen users", hint: ("Enter", "terms"), group: "Add members",
                 places: [.addMembersSearch], run: dialogHandler { dialog, context, _ in
                     if let problem = dialog.proceedToTerms() { context.post(.warning, problem) }
                     return []
                 }),
        KeyEntry([.tab, .backTab], "Tab Shift-Tab", "Next input (kind, start, end, hours)", hint: ("Tab", "next"), group: "Add members",
                 places: [.addMembersTerms], run: dialogHandler { dialog, _, key in dialog.nextField(backwards: key == .backTab); return [] }),
        KeyEntry([.left, .right], "←/→ p t f", "Choose the kind: permanent, time-restricted, floating", hint: ("←/→", "kind"),
                 group: "Add members", places: terms),
        KeyEntry([.enter], "Enter", "Review the change", hint: ("Enter", "review"), group: "Add members", places: terms,
                 run: dialogHandler { dialog, _, _ in dialog.proceedToReview(); return [] }),
        // The review is a question (`MembersState.reviewQuestion`: y grants, n/Esc back to the terms).
        KeyEntry([.escape], "Esc", "Back (closes the dialog on the search)", hint: ("Esc", "back"), group: "Add members",
                 places: terms.union([.addMembersSearch]), run: AppState.handler(\.members) { members, _, _ in
                     switch members.adding?.stage {
                     case .terms?: members.adding?.stage = .search
                     default: members.adding = nil
                     }
                     return []
                 }),
    ]

    /// A dialog key's handler acting on the open add-members dialog.
    static func dialogHandler(_ body: @escaping @Sendable (inout AddMembersDialog, inout ConsoleContext, Key) -> [Effect]) -> KeyHandler {
        AppState.handler(\.members) { members, context, key in
            guard var dialog = members.adding else { return [] }
            let effects = body(&dialog, &context, key)
            members.adding = dialog
            return effects
        }
    }
}
