import TerminalUI

/// What the hint bar shows for a state: the keys of whatever has the keyboard (a layer, the role
/// form in its current field or dialog, or the screen's actions), so it never names a key that does nothing there.
public enum ConsoleHints {
    /// The hints for `state`, most useful first (the bar drops what does not fit).
    public static func current(_ state: AppState) -> [KeyHint] {
        switch KeyFocus.of(state) {
        case .modal(let place), .inspector(let place), .layer(let place): return ModalKeys.hints(place)
        case .principalKeys(let place): return PrincipalKeysKeys.hints(place, readOnly: state.settings.readOnly, unavailable: state.unavailable)
        case .form: return state.editor.map { EditorKeys.hints($0, readOnly: state.settings.readOnly) } ?? []
        case .filter, .screen: break
        }
        let items = ActionRegistry.items(for: state.screen, readOnly: state.settings.readOnly, unavailable: state.unavailable,
                                         hintsOnly: true, systemRole: state.roles.list.selected?.role.system == true,
                                         held: state.session.permissions)
        let actions = ActionRegistry.all.filter { $0.applies(to: state.screen) && $0.inHints }
        let hints = zip(actions, items).map { KeyHint(keys: $0.0.keys, item: $0.1) }
        return greyedTogether(hints)
    }

    /// Keys the caller's roles do not grant, one short item per missing permission ("e n c d v  (needs
    /// roles-manage)", the one with most keys first) placed after the navigation keys, so a bar of 120 columns
    /// still says what is off and why; help lists each key with its reason.
    static func greyedTogether(_ hints: [KeyHint]) -> [KeyHint] {
        let lacking = { (hint: KeyHint) in hint.item.reason?.hasPrefix("needs ") == true }
        var summaries: [KeyHint] = []
        for hint in hints where lacking(hint) {
            if let index = summaries.firstIndex(where: { $0.item.reason == hint.item.reason }) {
                summaries[index].keys += hint.keys
                summaries[index].item.keys += " " + hint.item.keys
            } else {
                summaries.append(KeyHint(keys: hint.keys, item: ActionItem(keys: hint.item.keys, title: "", enabled: false,
                                                                            reason: hint.item.reason, group: hint.item.group)))
            }
        }
        // The permission that switches most keys off first: it says the most in the room there is.
        summaries = summaries.enumerated().sorted { ($0.element.keys.count, -$0.offset) > ($1.element.keys.count, -$1.offset) }.map(\.element)
        let kept = hints.filter { !lacking($0) }
        let split = (kept.lastIndex { $0.item.group == "Navigation" }).map { $0 + 1 } ?? kept.count
        return Array(kept[..<split]) + summaries + Array(kept[split...])
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
