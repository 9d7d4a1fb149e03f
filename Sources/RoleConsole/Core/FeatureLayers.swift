import TerminalUI

/// Layers that a feature component draws over its own screen and that take the keyboard (the members
/// screen's add-members dialog, the users screen's search input): where their keys are, where their typed
/// text goes, and the clock ticks that debounce their searches. `KeyFocus.of` asks `layerPlace` after the
/// dialogs, the inspector and the form.
extension Console {
    /// The place of the layer that has the keyboard on the current screen, if any.
    static func layerPlace(_ state: AppState) -> ModalPlace? {
        switch state.screen {
        case .members: state.members?.adding.map(MembersState.place)
        case .users: state.users?.searchPlace
        default: nil
        }
    }

    /// A key no entry binds at a layer: typed text for its input.
    static func layerKey(_ state: inout AppState, _ place: ModalPlace, _ key: Key) -> [Effect] {
        switch place {
        case .addMembersSearch, .addMembersKind, .addMembersTerms:
            let handler = MembersKeys.dialogHandler { dialog, context, key in
                if dialog.stage == .search { dialog.typed(key, now: context.now) } else { dialog.termsKey(key) }
                return []
            }
            return handler(&state, key)
        case .usersSearch:
            return state.run(\.users) { $0.typed(key, &$1) } ?? []
        default:
            return []
        }
    }

    /// The clock reaches the components that wait on it (a search sent once typing rests).
    static func componentTicks(_ state: inout AppState) -> [Effect] {
        let members: [Effect] = state.run(\.members) { members, context -> [Effect] in
            guard var dialog = members.adding else { return [] }
            let effects = dialog.tick(now: context.now)
            members.adding = dialog
            return effects
        } ?? []
        return members + (state.run(\.users) { $0.tick(&$1) } ?? [])
    }
}
