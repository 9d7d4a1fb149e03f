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

    /// A key no entry binds in a layer: the layer's component takes it (typed text, a checklist's cursor and filter).
    static func modalComponentKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if state.login != nil { return passwordKey(&state, key) }
        if state.modal == nil {
            // The layers that are components: the offer answers through its table, the line and the checklist take their own keys.
            if state.recovery != nil { return [] }
            if state.commandLine != nil { return commandLineKey(&state, key) }
            if state.checklist != nil { return state.run(\.checklist) { $0.key(key, &$1) } ?? [] }
        }
        return []
    }
}
