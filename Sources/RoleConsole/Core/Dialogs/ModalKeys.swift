import TerminalUI

/// Where the keyboard is when a layer over the screen takes every key (a dialog, help, the evaluate inspector).
public enum ModalPlace: Hashable, Sendable, CaseIterable {
    /// The help overlay.
    case help
    /// The `:` command line (typed text only).
    case commandLine
    /// A mapping checklist (AWS role ↔ PrivX roles).
    case checklist
    /// A question (`Question`).
    case confirm
    /// The offer of an unsaved form from an earlier run (a question: r restores, d discards, Esc later).
    case recoveryOffer
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
    /// The add-members dialog: finding users, the grant's terms, the review.
    /// (`addMembersKind`: the terms of a permanent grant, with no input to Tab to.)
    case addMembersSearch, addMembersKind, addMembersTerms, addMembersReview
    /// The users screen's search input.
    case usersSearch
    /// The password dialog (typed text, never shown).
    case password
}

/// The keys of the layers over the screen: one table that `KeyDispatcher` runs and the hint bar and
/// the key lines inside the boxes are generated from (the screen's own keys do nothing while a layer is open).
/// A key with no handler here belongs to the layer's component (typed text, the checklist's cursor).
public enum ModalKeys {
    /// Every key of every layer: the dialogs' own, then the layers features add (checklist, recovery offer, inspector).
    public static let table: [KeyEntry<ModalPlace>] = [
        KeyEntry([.down, .character("j"), .up, .character("k"), .pageDown, .character(" "), .pageUp], "↑/↓ j/k PgUp/PgDn Space", "Scroll",
                 hint: ("↑/↓", "scroll"), group: "Help", places: [.help], run: Console.scrollHelp),
        KeyEntry([.escape, .character("?"), .character("q"), .enter, .function(1)], "Esc ? q Enter F1", "Close help", hint: ("Esc", "close"),
                 group: "Help", places: [.help]) { state, _ in state.modal = nil; return [] },
        // A question (`.confirm`, `.typedConfirm`, `.recoveryOffer`) takes its keys from its own buttons (`Question`,
        // answered by `Console.answerQuestion` before any table is looked at).
        KeyEntry([.enter, .escape, .character(" "), .character("q")], "Enter Esc Space q", "Close the message", hint: ("Enter/Esc", "close"),
                 group: "Message", places: [.message]) { state, _ in state.modal = nil; return [] },
        KeyEntry([.character("x")], "type", "Type your PrivX password (masked, never shown)", hint: ("type", "password"),
                 group: "Password", places: [.password]),
        KeyEntry([.enter], "Enter", "Log in; what waited for the login carries on", hint: ("Enter", "log in"), group: "Password",
                 places: [.password], run: Console.submitPassword),
        KeyEntry([.escape], "Esc", "Stay logged out (edits are kept; the next action asks again)", hint: ("Esc", "stay logged out"),
                 group: "Password", places: [.password], run: Console.declinePassword),
    ] + MappingChecklistKeys.checklist + EvaluateInspectorKeys.inspector
        + MembersKeys.dialog + UsersKeys.search

    /// A layer's keys as one line, for the key line inside its box.
    public static func line(_ place: ModalPlace) -> String { KeyEntry.line(KeyEntry.hinted(table, at: place)) }

    /// Where a dialog's keyboard is.
    public static func place(_ modal: Modal) -> ModalPlace {
        switch modal {
        case .help: .help
        case .confirm: .confirm
        case .typedConfirm: .typedConfirm
        case .message: .message
        }
    }

    /// Where the evaluate inspector's keyboard is.
    public static func place(_ inspector: EvaluateInspector) -> ModalPlace {
        inspector.rows.isEmpty ? .inspectorEmpty : inspector.showingDetail ? .inspectorDetail : .inspectorList
    }

    /// Hint bar items for a layer.
    public static func hints(_ place: ModalPlace) -> [KeyHint] { KeyEntry.hints(table, at: place) }
}
