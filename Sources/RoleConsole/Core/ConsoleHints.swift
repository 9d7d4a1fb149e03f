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
                                         hintsOnly: true, systemRole: state.roles.list.selected?.role.system == true)
        let actions = ActionRegistry.all.filter { $0.applies(to: state.screen) && $0.inHints }
        return zip(actions, items).map { KeyHint(keys: $0.0.keys, item: $0.1) }
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
