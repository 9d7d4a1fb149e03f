import TerminalUI

/// What the hint bar shows for a state: the keys of whatever has the keyboard (a layer, the role
/// form in its current field or dialog, or the screen's actions), so it never names a key that does nothing there.
public enum ConsoleHints {
    /// The hints for `state`, most useful first (the bar drops what does not fit).
    public static func current(_ state: AppState) -> [KeyHint] {
        if let open = Console.openQuestion(state) { return Console.questionHints(open, state) }
        switch KeyFocus.of(state) {
        case .modal(let place), .inspector(let place), .layer(let place): return ModalKeys.hints(place)
        case .principalKeys(let place):
            return PrincipalKeysKeys.hints(place, readOnly: state.settings.readOnly, unavailable: state.unavailable, held: state.session.permissions)
        case .form:
            return state.editor.map { EditorKeys.hints($0, readOnly: state.settings.readOnly, unavailable: state.unavailable, held: state.session.permissions) } ?? []
        case .filter, .screen: break
        }
        let items = ActionRegistry.items(for: state.screen, readOnly: state.settings.readOnly, unavailable: state.unavailable,
                                         hintsOnly: true, systemRole: state.roles.list.selected?.role.system == true,
                                         held: state.session.permissions)
        let actions = ActionRegistry.all.filter { $0.applies(to: state.screen) && $0.inHints }
        let hints = zip(actions, items).filter { !shows(state.screen, $0.0.id) }.map { (id: $0.0.id, hint: KeyHint(keys: $0.0.keys, item: $0.1)) }
        return greyedTogether(ranked(hints, on: state.screen))
    }

    /// The hints in the order of use the screen's key table gives (`RolesScreenKeys.hintOrder`, …), the rest after
    /// them in table order: the bar shows as many as fit, so the keys used most on this screen come first.
    static func ranked(_ hints: [(id: ActionID, hint: KeyHint)], on screen: ScreenKind) -> [KeyHint] {
        let order = hintOrder(screen)
        let rank = { (id: ActionID) in order.firstIndex(of: id) ?? order.count }
        return hints.enumerated().sorted { (rank($0.element.id), $0.offset) < (rank($1.element.id), $1.offset) }.map(\.element.hint)
    }

    /// Each screen's hints by use.
    static func hintOrder(_ screen: ScreenKind) -> [ActionID] {
        switch screen {
        case .roles: RolesScreenKeys.hintOrder
        case .awsRoles: AWSRolesScreenKeys.hintOrder
        case .members: MembersKeys.hintOrder
        case .users: UsersKeys.hintOrder
        case .history: [.undo, .historyDetail]
        case .log, .errors: []
        }
    }

    /// True for the key that shows `screen` itself ("2 AWS roles" on the AWS roles screen): it is not hinted there.
    static func shows(_ screen: ScreenKind, _ id: ActionID) -> Bool {
        switch id {
        case .showRoles: screen == .roles
        case .showAWSRoles: screen == .awsRoles
        case .showUsers: screen == .users
        default: false
        }
    }

    /// The filter words of the screen's list, beside the `/` input.
    static func filterWords(_ screen: ScreenKind) -> String {
        switch screen {
        case .roles: RolesScreenKeys.filterWords
        case .awsRoles: AWSRolesScreenKeys.filterWords
        case .members: "source: holds:explicit !negate"
        case .log: "words in the method, path or status"
        case .users, .errors, .history: "!negate"
        }
    }

    /// Keys the caller may not use (its roles do not grant the permission, or the server refused it with 403), one
    /// short item per missing permission ("e n c d v  (needs roles-manage)") where the first of those keys ranks,
    /// so even a narrow bar says what is off and why; help lists each key with its reason.
    static func greyedTogether(_ hints: [KeyHint]) -> [KeyHint] {
        let lacking = { (hint: KeyHint) in hint.item.reason?.hasPrefix("needs ") == true }
        var result: [KeyHint] = []
        for hint in hints {
            guard lacking(hint) else {
                result.append(hint)
                continue
            }
            if let index = result.firstIndex(where: { $0.item.title.isEmpty && !$0.item.enabled && $0.item.reason == hint.item.reason }) {
                result[index].keys += hint.keys
                result[index].item.keys += " " + hint.item.keys
            } else {
                result.append(KeyHint(keys: hint.keys, item: ActionItem(keys: hint.item.keys, title: "", enabled: false,
                                                                        reason: hint.item.reason, group: hint.item.group)))
            }
        }
        return result
    }

    /// Where the form or inspector puts the breadcrumb: "Edit linux-admins", "New role", "Evaluate x".
    static func crumbs(_ state: AppState) -> [String] {
        var crumbs: [String] = []
        if let editor = state.editor {
            crumbs.append(editor.copiedFrom.map { "Duplicate of \($0)" } ?? (editor.base.id.isEmpty ? "New role" : "Edit \(editor.base.name)"))
        }
        if let inspector = state.inspector { crumbs.append("Evaluate \(inspector.roleName)") }
        if let panel = state.principalKeys { crumbs.append("Principal keys of \(panel.roleName)") }
        return crumbs.map { sanitize($0) }
    }
}
