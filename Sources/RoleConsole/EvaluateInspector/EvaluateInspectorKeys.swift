import TerminalUI

/// The evaluate inspector's keys: `v` on the roles screen (F5 in the form is the form's) and the inspector's own.
enum EvaluateInspectorKeys {
    /// `v` on the roles screen.
    static let evaluate = ActionRegistry.action(.evaluateRole, "Evaluate who the role maps, with gain/lose against members (F5 in the editor: unsaved; :evaluate)",
               [.character("v")], label: "v", screens: [.roles], permission: ActionRegistry.evaluatePermission, group: "Roles", hint: "evaluate") { state, _ in
            guard let row = state.roles.list.selected else { return [] }
            return state.withContext { EvaluateInspector.start(row.role, membersOf: row.id, &$0) }
        }

    /// The inspector's keys (↑/↓ move its list of users, which takes them itself).
    static let inspector: [KeyEntry<ModalPlace>] = [
        KeyEntry([.down, .up], "↑/↓", "Move in the users", hint: ("↑/↓", "move"), group: "Evaluate", places: [.inspectorList]),
        KeyEntry([.enter], "Enter", "The user's detail", hint: ("Enter", "user detail"), group: "Evaluate", places: [.inspectorList], run: AppState.handler(\.inspector) { inspector, _, _ in
            inspector.showingDetail = true
            inspector.detailOffset = 0
            return []
        }),
        KeyEntry([.escape, .character("q")], "Esc q", "Close the inspector", hint: ("Esc", "close"), group: "Evaluate",
                 places: [.inspectorList, .inspectorEmpty]) { state, _ in
            // Closing is the parent's: the composition drops the component.
            state.inspector = nil
            return []
        },
        // No hint: the detail says "↑/↓ scroll" itself when it does not fit (a short one does not scroll).
        KeyEntry([.down, .up, .pageDown, .pageUp], "↑/↓ PgUp/PgDn", "Scroll the user's detail when it is longer than the box",
                 group: "Evaluate", places: [.inspectorDetail]),
        KeyEntry([.escape, .enter, .character("q")], "Esc Enter q", "Back to the list", hint: ("Esc", "back to the list"), group: "Evaluate",
                 places: [.inspectorDetail], run: AppState.handler(\.inspector) { inspector, _, _ in
            inspector.showingDetail = false
            return []
        }),
    ]
}
