import RoleEditing
import TerminalUI

/// The single table of console actions. Dispatch, the hint bar, the `?` help and the README key table
/// are all generated from it, so a key can never do something the help does not say.
public enum ActionRegistry {
    /// What `POST /roles/evaluate` needs: roles-manage, per the role-store contract (role-store-api.md,
    /// endpoint table) and PrivX's permission reference (privx.docs.ssh.com "Role Permissions": roles-manage
    /// "allow creating and modifying roles"; evaluate is the dry run of a new or edited role definition,
    /// "Evaluate a new role definition" in the role-store API reference). The simulator refuses it with
    /// 403 PERMISSION_DENIED naming the same permission, and the console's 403 message repeats the server's.
    public static let evaluatePermission = "roles-manage"

    /// Every action, in help order.
    public static let all: [ConsoleAction] = [
        action(.move, "Move the selection (PgUp/PgDn page, g/G first/last)", [.down, .up, .character("j"), .character("k"), .pageDown, .pageUp,
                                             .home, .end, .character("g"), .character("G")],
               label: "j/k ↑/↓", group: "Navigation", hints: false),
        action(.nextPane, "Switch between table and detail pane", [.tab, .backTab], label: "Tab",
               screens: [.roles, .awsRoles], group: "Navigation"),
        action(.back, "Back / clear filter / dismiss error", [.escape], label: "Esc", group: "Navigation"),
        action(.commandLine, "Command line (:roles :awsroles :log :errors :help :quit, a role name)",
               [.character(":")], label: ":", group: "Navigation"),
        action(.showRoles, "Roles screen", [.character("1")], label: "1", group: "Navigation", hints: false),
        action(.showAWSRoles, "AWS roles screen", [.character("2")], label: "2", group: "Navigation"),
        action(.help, "Help (this screen)", [.character("?"), .function(1)], label: "? F1", group: "Navigation"),
        action(.quit, "Quit", [.character("q")], label: "q", group: "Navigation"),

        action(.filter, "Filter (words, perm:, tag:, ctx:on, status:, ! negates)", [.character("/")], label: "/",
               screens: [.roles, .awsRoles, .members], group: "Lists"),
        action(.sortNext, "Sort by the next column", [.character("s")], label: "s",
               screens: [.roles, .awsRoles, .members], group: "Lists"),
        action(.sortInvert, "Invert the sort order", [.character("S")], label: "S",
               screens: [.roles, .awsRoles, .members], group: "Lists", hints: false),
        action(.refresh, "Reload from the server", [.ctrl("r")], label: "ctrl-r", group: "Lists"),

        action(.openMembers, "Members of the role (paged)", [.character("m"), .enter], label: "m Enter",
               screens: [.roles], permission: "roles-view", group: "Roles"),
        action(.grantAWSRoles, "Choose the AWS roles this role grants", [.character("a")], label: "a",
               screens: [.roles], mutating: true, confirmation: .confirm,
               permission: "role-target-resources-manage", group: "Roles"),
        action(.editRole, "Edit the role and its context (F2 saves after showing the change)", [.character("e")], label: "e",
               screens: [.roles], mutating: true, confirmation: .confirm, permission: "roles-manage", group: "Roles"),
        action(.createRole, "New role in the form (an empty ANY group, context off)", [.character("n")], label: "n",
               screens: [.roles], mutating: true, confirmation: .confirm, permission: "roles-manage", group: "Roles"),
        action(.duplicateRole, "Duplicate the role under a new name", [.character("c")], label: "c",
               screens: [.roles], mutating: true, confirmation: .confirm, permission: "roles-manage", group: "Roles"),
        action(.deleteRole, "Delete the role (typed name when it has members or grants AWS roles; not system roles)",
               [.character("d"), .delete], label: "d Del", screens: [.roles], mutating: true, confirmation: .dangerous,
               permission: "roles-manage", group: "Roles"),
        action(.undo, "Undo the last role edit or AWS mapping change of this session (shows the inverse first)",
               [.character("u")], label: "u", screens: [.roles, .awsRoles], mutating: true, confirmation: .confirm,
               permission: "roles-manage (role edit) or role-target-resources-manage (mapping)", group: "Roles", hints: false),
        action(.evaluateRole, "Evaluate who the role maps, with gain/lose against members (F5 in the editor: unsaved; :evaluate)",
               [.character("v")], label: "v", screens: [.roles], permission: Self.evaluatePermission, group: "Roles"),

        action(.mapRoles, "Toggle the PrivX roles mapped to the AWS role", [.character("m"), .enter], label: "m Enter",
               screens: [.awsRoles], mutating: true, confirmation: .confirm,
               permission: "role-target-resources-manage", group: "AWS roles"),
        action(.rescanAWS, "Re-scan AWS (refresh=true)", [.character("R")], label: "R",
               screens: [.awsRoles], permission: "role-target-resources-view", group: "AWS roles"),
        action(.deleteAWSRole, "Delete the cached AWS role", [.character("d"), .delete], label: "d Del",
               screens: [.awsRoles], mutating: true, confirmation: .dangerous,
               permission: "role-target-resources-manage", group: "AWS roles"),
    ]

    private static func action(_ id: ActionID, _ title: String, _ keys: [Key], label: String,
                               screens: Set<ScreenKind> = [], mutating: Bool = false,
                               confirmation: ConfirmationLevel = .none, permission: String? = nil,
                               group: String, hints: Bool = true) -> ConsoleAction {
        ConsoleAction(id: id, title: title, keys: keys, keyLabel: label, screens: screens, mutating: mutating,
                      confirmation: confirmation, permission: permission, inHints: hints, group: group)
    }

    /// The action with this id.
    public static func action(_ id: ActionID) -> ConsoleAction {
        all.first { $0.id == id }!
    }

    /// The action a key triggers on a screen, if any.
    public static func action(for key: Key, on screen: ScreenKind) -> ConsoleAction? {
        all.first { $0.applies(to: screen) && $0.keys.contains(key) }
    }

    /// Why an action cannot run now (read-only mode, a server refusal, a system role selected), or nil when it can.
    public static func refusal(_ action: ConsoleAction, readOnly: Bool, unavailable: [ActionID: String], systemRole: Bool = false) -> String? {
        if systemRole, action.id == .deleteRole { return RoleDraft.systemDeleteReason }
        if action.mutating && readOnly {
            return "read-only mode (--read-only): restart without it to change data"
        }
        if let permission = unavailable[action.id] {
            return "the server refused it: the API client lacks the permission \(permission)"
        }
        return nil
    }

    /// Hint bar and help items for a screen, disabled ones greyed with their reason.
    /// `systemRole`: the selected role is built in, so deleting it is shown disabled with that reason.
    public static func items(for screen: ScreenKind, readOnly: Bool, unavailable: [ActionID: String],
                             hintsOnly: Bool, systemRole: Bool = false) -> [ActionItem] {
        all.filter { $0.applies(to: screen) && (!hintsOnly || $0.inHints) }.map { action in
            let system = systemRole && screen == .roles
            var reason = refusal(action, readOnly: readOnly, unavailable: unavailable, systemRole: system)
            if hintsOnly, reason != nil {
                reason = system && action.id == .deleteRole ? "system role" : action.mutating && readOnly ? "read-only" : "forbidden"
            }
            let keys = hintsOnly ? (action.keys.first?.name ?? action.keyLabel) : action.keyLabel
            let systemRefused = system && action.id == .deleteRole
            let title = hintsOnly ? shortTitle(action) : (systemRefused ? "Delete the role" : action.title)
            return ActionItem(keys: keys, title: title, enabled: reason == nil, reason: reason, group: action.group)
        }
    }

    /// The hint bar's words for an action.
    static func shortTitle(_ action: ConsoleAction) -> String {
        switch action.id {
        case .nextPane: "pane"
        case .back: "back"
        case .commandLine: "command"
        case .showAWSRoles: "AWS roles"
        case .help: "help"
        case .quit: "quit"
        case .filter: "filter"
        case .sortNext: "sort"
        case .refresh: "reload"
        case .openMembers: "members"
        case .grantAWSRoles: "grant AWS"
        case .editRole: "edit"
        case .evaluateRole: "evaluate"
        case .createRole: "new"
        case .duplicateRole: "duplicate"
        case .deleteRole: "delete"
        case .undo: "undo"
        case .mapRoles: "map roles"
        case .rescanAWS: "re-scan"
        case .deleteAWSRole: "delete"
        default: action.title
        }
    }
}
