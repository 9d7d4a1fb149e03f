import TerminalUI

/// Where the keyboard is: the layer on top decides which key table answers.
public enum KeyFocus: Sendable, Hashable {
    /// A dialog, help or the command line over everything.
    case modal(ModalPlace)
    /// The evaluate inspector (above the form, below dialogs).
    case inspector(ModalPlace)
    /// The principal keys panel of a role (over the roles screen, below dialogs).
    case principalKeys(PrincipalKeysPlace)
    /// The role form, at a field, a mode of its rules tab or a dialog of its own.
    case form(EditorPlace)
    /// A layer a feature component draws over its screen (the add-members dialog, the users search).
    case layer(ModalPlace)
    /// The `/` filter input of the current list.
    case filter
    /// A screen's actions.
    case screen(ScreenKind)

    /// Where the keyboard is in `state`.
    public static func of(_ state: AppState) -> KeyFocus {
        if state.login != nil { return .modal(.password) }
        if let modal = state.modal { return .modal(ModalKeys.place(modal)) }
        if state.recovery != nil { return .modal(.recoveryOffer) }
        if state.commandLine != nil { return .modal(.commandLine) }
        if state.checklist != nil { return .modal(.checklist) }
        if let panel = state.principalKeys { return .principalKeys(PrincipalKeysKeys.place(panel)) }
        if let inspector = state.inspector { return .inspector(ModalKeys.place(inspector)) }
        if let editor = state.editor { return .form(editor.place) }
        if let place = Console.layerPlace(state) { return .layer(place) }
        if state.filterEditing { return .filter }
        return .screen(state.screen)
    }
}

/// The one place where keys run: it finds the entry bound to the key where the keyboard is, refuses it
/// in read-only mode, when the caller lacks its permission (known from `/users/current`) or when the server
/// refused its permission with a 403, and only then runs its handler. A key
/// bound to no handler there goes to the focused component's own update (typed text, a list's cursor).
public enum KeyDispatcher {
    /// Runs a key press.
    static func dispatch(_ state: inout AppState, _ key: Key) -> [Effect] {
        if key == .resize { return [] }
        if case .mouse(let event) = key { return Console.handleMouse(&state, event) }
        // An open question takes every key: its buttons say which (`Question`).
        if let effects = Console.answerQuestion(&state, key) { return effects }
        switch KeyFocus.of(state) {
        case .modal(let place):
            guard let entry = KeyEntry.bound(ModalKeys.table, key, at: place) else { return Console.modalComponentKey(&state, key) }
            return run(entry, &state, key)
        case .inspector(let place):
            guard let entry = KeyEntry.bound(ModalKeys.table, key, at: place) else { return state.run(\.inspector) { $0.key(key, &$1) } ?? [] }
            return run(entry, &state, key)
        case .principalKeys(let place):
            guard let entry = KeyEntry.bound(PrincipalKeysKeys.table, key, at: place) else { return state.run(\.principalKeys) { $0.key(key, &$1) } ?? [] }
            return run(entry, &state, key)
        case .form(let place):
            // The rules tab is a nested component: it takes its keys first; the form's table gets what it leaves.
            if case .handled(let effects)? = state.run(\.editor, { form, context in form.rulesKey(key, at: place, &context) }) { return effects }
            guard let place = state.editor?.place else { return [] }
            guard let entry = KeyEntry.bound(EditorKeys.table, key, at: place) else {
                return state.run(\.editor) { form, context in form.fieldKey(key, &context) } ?? []
            }
            return run(entry, &state, key)
        case .layer(let place):
            guard let entry = KeyEntry.bound(ModalKeys.table, key, at: place) else { return Console.layerKey(&state, place, key) }
            return run(entry, &state, key)
        case .filter:
            return Console.handleFilterKey(&state, key)
        case .screen(let screen):
            guard let action = ActionRegistry.action(for: key, on: screen) else { return [] }
            return run(action, &state, key)
        }
    }

    /// Runs an entry unless read-only mode, a missing permission or a 403 refuses it (then says why and does nothing).
    static func run<Place>(_ entry: KeyEntry<Place>, _ state: inout AppState, _ key: Key) -> [Effect] {
        if let reason = refusal(mutating: entry.mutating, needs: entry.needs, readOnly: state.settings.readOnly, unavailable: state.unavailable,
                                permissions: entry.permissionNames, held: state.session.permissions) {
            notice(&state, entry, reason)
            return []
        }
        return entry.run?(&state, key) ?? []
    }

    /// Why a key cannot run: read-only mode for a change, the caller holding none of the `permissions` it needs
    /// (`held`: the caller's effective permissions, nil while unknown), or the server's 403 for its action.
    static func refusal(mutating: Bool, needs: ActionID?, readOnly: Bool, unavailable: [ActionID: String],
                        permissions: [String] = [], held: Set<String>? = nil) -> String? {
        if mutating && readOnly {
            return "read-only mode (--read-only): restart without it to change data"
        }
        if let missing = missingPermission(permissions, held: held) {
            return "it needs \(missing), which your PrivX roles do not grant"
        }
        if let needs, let permission = unavailable[needs] {
            return "the server refused it (HTTP 403): it needs \(permission)"
        }
        return nil
    }

    /// "roles-manage" (or "a or b") when the caller is known to hold none of `permissions`; nil otherwise.
    static func missingPermission(_ permissions: [String], held: Set<String>?) -> String? {
        guard let held, !permissions.isEmpty, !permissions.contains(where: { held.contains($0) }) else { return nil }
        return PermissionRefusals.alternatives(permissions)
    }

    /// "Saving is not available: read-only mode …. Your edits stay in the form."
    static func notice<Place>(_ state: inout AppState, _ entry: KeyEntry<Place>, _ reason: String) {
        state.toasts.post(.warning, "\(entry.refusedAs ?? entry.title) is not available: \(reason).\(entry.keptNote)", now: state.now, seconds: 6)
    }
}
