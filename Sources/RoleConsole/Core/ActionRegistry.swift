import RoleEditing
import TerminalUI

/// The table of screen actions. `KeyDispatcher` runs them, and the hint bar, the `?` help and the
/// README key table are generated from them, so a key can never do something the help does not say.
public enum ActionRegistry {
    /// What `POST /roles/evaluate` needs: roles-manage, per the role-store contract (role-store-api.md,
    /// endpoint table) and PrivX's permission reference (privx.docs.ssh.com "Role Permissions": roles-manage
    /// "allow creating and modifying roles"; evaluate is the dry run of a new or edited role definition,
    /// "Evaluate a new role definition" in the role-store API reference). The simulator refuses it with
    /// 403 PERMISSION_DENIED naming the same permission, and the console's 403 message repeats the server's.
    public static let evaluatePermission = "roles-manage"

    /// Every action, in help order: the keys of every screen, then each screen's own.
    public static let all: [ConsoleAction] = [
        action(.move, "Move the selection (PgUp/PgDn page, g/G first/last)", [.down, .up, .character("j"), .character("k"), .pageDown, .pageUp,
                                             .home, .end, .character("g"), .character("G")],
               label: "j/k ↑/↓", group: "Navigation", hint: nil) { Console.move(&$0, $1) },
        action(.nextPane, "Switch between table and detail pane", [.tab, .backTab], label: "Tab",
               screens: [.roles, .awsRoles], group: "Navigation", hint: "pane") { state, _ in
            state.focus = state.focus == .table ? .detail : .table
            return []
        },
        action(.back, "Back / clear filter / dismiss error", [.escape], label: "Esc", group: "Navigation", hint: "back") { state, _ in
            Console.back(&state)
            return []
        },
        action(.commandLine, "Command line (:roles :awsroles :users :log :errors :history :rescan :help :quit, a role name)",
               [.character(":")], label: ":", group: "Navigation", hint: "command") { state, _ in
            state.commandLine = state.withContext { CommandLinePrompt($0) }
            return []
        },
        action(.showRoles, "Roles screen", [.character("1")], label: "1", group: "Navigation", hint: nil) { state, _ in
            Console.show(&state, .roles)
            return []
        },
        action(.showAWSRoles, "AWS roles screen", [.character("2")], label: "2", group: "Navigation", hint: "AWS roles") { state, _ in
            Console.show(&state, .awsRoles)
            return []
        },
        UsersKeys.show,
        action(.help, "Help (this screen)", [.character("?"), .function(1)], label: "? F1", group: "Navigation", hint: "help") { state, _ in
            state.modal = .help(offset: 0)
            return []
        },
        action(.quit, "Quit", [.character("q")], label: "q", group: "Navigation", hint: "quit") { state, _ in
            if state.operations.writes > 0 {
                state.modal = .confirm(.quit, QuestionFocus())
            } else {
                state.shouldQuit = true
            }
            return []
        },

        action(.filter, "Filter (words, perm:, tag:, ctx:on, status:, ! negates)", [.character("/")], label: "/",
               screens: [.roles, .awsRoles, .members], group: "Lists", hint: "filter") { state, _ in
            state.filterEditing = true
            state.focus = .table
            return []
        },
        action(.sortNext, "Sort by the next column", [.character("s")], label: "s",
               screens: [.roles, .awsRoles, .members], group: "Lists", hint: "sort") { state, _ in
            Console.sort(&state, invert: false)
            return []
        },
        action(.sortInvert, "Invert the sort order", [.character("S")], label: "S",
               screens: [.roles, .awsRoles, .members], group: "Lists", hint: nil) { state, _ in
            Console.sort(&state, invert: true)
            return []
        },
        action(.refresh, "Reload from the server", [.ctrl("r")], label: "ctrl-r", group: "Lists", hint: "reload") { state, _ in
            Console.refresh(&state)
        },
    ] + [MembersKeys.open, MappingChecklistKeys.grant] + RoleFormScreenKeys.all + RolesScreenKeys.all + HistoryKeys.all
        + [EvaluateInspectorKeys.evaluate, MappingChecklistKeys.map] + AWSRolesScreenKeys.all + [PrincipalKeysKeys.open] + APILogScreen.keys
        + MembersKeys.all + UsersKeys.all

    /// A row of the table; `hint` is the hint bar's words (nil: help only).
    static func action(_ id: ActionID, _ title: String, _ keys: [Key], label: String,
                               screens: Set<ScreenKind> = [], mutating: Bool = false,
                               confirmation: ConfirmationLevel = .none, permission: String? = nil,
                               group: String, hint: String?, run: @escaping KeyHandler) -> ConsoleAction {
        ConsoleAction(keys, label, title, hint: hint.map { (keys.first?.name ?? label, $0) }, group: group, places: screens,
                      action: id, mutating: mutating, confirmation: confirmation, permission: permission, run: run)
    }

    /// The action with this id.
    public static func action(_ id: ActionID) -> ConsoleAction {
        all.first { $0.id == id }!
    }

    /// The action a key triggers on a screen, if any.
    public static func action(for key: Key, on screen: ScreenKind) -> ConsoleAction? {
        ConsoleAction.bound(all, key, at: screen)
    }

    /// Why an action cannot run now (read-only mode, a permission the caller lacks, a server refusal, a system
    /// role selected), or nil when it can. `held`: the caller's effective permissions, nil while unknown.
    public static func refusal(_ action: ConsoleAction, readOnly: Bool, unavailable: [ActionID: String], systemRole: Bool = false,
                               held: Set<String>? = nil) -> String? {
        if systemRole, action.id == .deleteRole { return RoleDraft.systemDeleteReason }
        return KeyDispatcher.refusal(mutating: action.mutating, needs: action.needs, readOnly: readOnly, unavailable: unavailable,
                                     permissions: action.permissionNames, held: held)
    }

    /// Hint bar and help items for a screen, disabled ones greyed with their reason (in words, so it shows
    /// without colours too: "needs roles-manage"). `systemRole`: the selected role is built in, so deleting it
    /// is shown disabled with that reason. `held`: the caller's effective permissions, nil while unknown.
    public static func items(for screen: ScreenKind, readOnly: Bool, unavailable: [ActionID: String],
                             hintsOnly: Bool, systemRole: Bool = false, held: Set<String>? = nil) -> [ActionItem] {
        all.filter { $0.applies(to: screen) && (!hintsOnly || $0.inHints) }.map { action in
            let system = systemRole && screen == .roles
            var reason = refusal(action, readOnly: readOnly, unavailable: unavailable, systemRole: system, held: held)
            if hintsOnly, reason != nil {
                let missing = KeyDispatcher.missingPermission(action.permissionNames, held: held)
                reason = system && action.id == .deleteRole ? "system role" : action.mutating && readOnly ? "read-only"
                    : missing.map { "needs \($0)" } ?? action.needs.flatMap { unavailable[$0] }.map { "needs \($0)" } ?? "forbidden"
            }
            let keys = hintsOnly ? (action.hint?.keys ?? action.keyLabel) : action.keyLabel
            let systemRefused = system && action.id == .deleteRole
            let title = hintsOnly ? (action.hint?.words ?? action.title) : (systemRefused ? "Delete the role" : action.title)
            return ActionItem(keys: keys, title: title, enabled: reason == nil, reason: reason, group: action.group)
        }
    }
}
