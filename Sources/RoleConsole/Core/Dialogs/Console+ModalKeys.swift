import TerminalUI

/// The handlers of `ModalKeys.table` and the layers' own components (typed text, a checklist, the inspector's list).
extension Console {
    /// ↑/↓ j/k PgUp/PgDn Space in help.
    @Sendable static func scrollHelp(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .help(let offset)? = state.modal else { return [] }
        switch key {
        case .down, .character("j"): state.modal = .help(offset: offset + 1)
        case .up, .character("k"): state.modal = .help(offset: max(0, offset - 1))
        case .pageDown, .character(" "): state.modal = .help(offset: offset + 10)
        case .pageUp: state.modal = .help(offset: max(0, offset - 10))
        default: break
        }
        return []
    }

    /// A key of a yes/no question: the dialog answers it (y, n, Esc, Enter on the focused button) or moves its focus.
    @Sendable static func answerQuestion(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .confirm(let pending, var dialog)? = state.modal else { return [] }
        switch dialog.apply(key) {
        case .confirmed?:
            state.modal = nil
            return confirmed(&state, pending)
        case .cancelled?:
            state.modal = nil
            cancelled(&state, pending)
        case nil:
            state.modal = .confirm(pending, dialog)
        }
        return []
    }

    /// A key of a question answered by typing a name: Enter confirms once it matches, Esc cancels, the rest types.
    @Sendable static func answerTyped(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .typedConfirm(let pending, var typed)? = state.modal else { return [] }
        guard case .deleteRole(_, let name, _, _) = pending else { state.modal = nil; return [] }
        switch typed.apply(key, expected: name) {
        case .confirmed?:
            state.modal = nil
            return confirmed(&state, pending)
        case .cancelled?:
            state.modal = nil
            state.toasts.post(.info, "Nothing deleted.", now: state.now)
        case nil:
            state.modal = .typedConfirm(pending, typed)
        }
        return []
    }

    /// A key no entry binds in a layer: the layer's component takes it (typed text, a checklist's cursor and filter).
    static func modalComponentKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if state.login != nil { return passwordKey(&state, key) }
        if state.modal == nil {
            // The layers that are components: the offer answers through its table, the line and the checklist take their own keys.
            if state.recovery != nil { return [] }
            if state.commandLine != nil { return commandLineKey(&state, key) }
            if state.checklist != nil { return state.run(\.checklist) { $0.key(key, &$1) } ?? [] }
        }
        switch state.modal {
        case .typedConfirm?:
            return answerTyped(&state, key)
        default:
            break
        }
        return []
    }
}
