import TerminalUI

/// Where the keyboard is when a layer over the screen takes every key (a dialog, help, the evaluate inspector).
public enum ModalPlace: Hashable, Sendable, CaseIterable {
    /// The help overlay.
    case help
    /// A mapping checklist (AWS role ↔ PrivX roles).
    case checklist
    /// A yes/no question.
    case confirm
    /// A question answered by typing a name.
    case typedConfirm
    /// A message box.
    case message
    /// The evaluate inspector's list of users.
    case inspectorList
    /// The evaluate inspector with nobody listed (count only, or no match).
    case inspectorEmpty
    /// One user's detail in the evaluate inspector.
    case inspectorDetail
}

/// The keys of the layers over the screen, for the hint bar: one table, so it only names keys the
/// layer answers to (the screen's own keys do nothing while a layer is open).
public enum ModalKeys {
    /// Every key of every layer.
    public static let table: [KeyEntry<ModalPlace>] = [
        KeyEntry([.down, .up, .pageDown, .pageUp], "↑/↓ PgUp/PgDn", "Scroll", hint: ("↑/↓", "scroll"), group: "Help", places: [.help]),
        KeyEntry([.escape, .character("?")], "Esc ?", "Close help", hint: ("Esc", "close"), group: "Help", places: [.help]),
        KeyEntry([.character(" ")], "Space", "Check or uncheck", hint: ("Space", "toggle"), group: "Checklist", places: [.checklist]),
        KeyEntry([.character("x")], "type", "Filter the list", hint: ("type", "filter"), group: "Checklist", places: [.checklist]),
        KeyEntry([.enter], "Enter", "Review the change before it is written", hint: ("Enter", "review"), group: "Checklist", places: [.checklist]),
        KeyEntry([.escape], "Esc", "Cancel, nothing written", hint: ("Esc", "cancel"), group: "Checklist", places: [.checklist]),
        KeyEntry([.character("y")], "y", "Yes", hint: ("y", "yes"), group: "Question", places: [.confirm]),
        KeyEntry([.character("n"), .escape], "n Esc", "No", hint: ("n/Esc", "no"), group: "Question", places: [.confirm]),
        KeyEntry([.tab], "Tab", "Switch the button Enter presses", hint: ("Tab", "switch button"), group: "Question", places: [.confirm]),
        KeyEntry([.character("x")], "type", "Type the name to confirm, then Enter", hint: ("type", "the name, then Enter"),
                 group: "Question", places: [.typedConfirm]),
        KeyEntry([.escape], "Esc", "Cancel", hint: ("Esc", "cancel"), group: "Question", places: [.typedConfirm]),
        KeyEntry([.enter, .escape], "Enter Esc", "Close the message", hint: ("Enter/Esc", "close"), group: "Message", places: [.message]),
        KeyEntry([.down, .up], "↑/↓", "Move in the users", hint: ("↑/↓", "move"), group: "Evaluate", places: [.inspectorList]),
        KeyEntry([.enter], "Enter", "The user's detail", hint: ("Enter", "user detail"), group: "Evaluate", places: [.inspectorList]),
        KeyEntry([.escape], "Esc", "Close the inspector", hint: ("Esc", "close"), group: "Evaluate", places: [.inspectorList, .inspectorEmpty]),
        KeyEntry([.escape, .enter], "Esc Enter", "Back to the list", hint: ("Esc", "back to the list"), group: "Evaluate", places: [.inspectorDetail]),
    ]

    /// A layer's keys as one line, for the key line inside its box.
    public static func line(_ place: ModalPlace) -> String { KeyEntry.line(KeyEntry.hinted(table, at: place)) }

    /// Where the evaluate inspector's keyboard is.
    public static func place(_ inspector: EvaluateInspector) -> ModalPlace {
        inspector.rows.isEmpty ? .inspectorEmpty : inspector.showingDetail ? .inspectorDetail : .inspectorList
    }

    /// Hint bar items for a layer.
    public static func hints(_ place: ModalPlace) -> [KeyHint] {
        KeyEntry.hinted(table, at: place).map { entry in
            KeyHint(keys: entry.keys, item: ActionItem(keys: entry.hint?.keys ?? entry.label, title: entry.hint?.words ?? entry.title,
                                                       group: entry.group))
        }
    }
}
