import TerminalUI

/// The recovery offer's keys: it answers y/n like any question, plus r (restore) and d (discard).
enum RecoveryKeys {
    static let offer: [KeyEntry<ModalPlace>] = [
        KeyEntry([.character("y")], "y", "Yes", hint: ("y", "yes"), group: "Question", places: [.recoveryOffer], run: answer),
        KeyEntry([.character("n"), .escape, .character("q")], "n Esc q", "No", hint: ("n/Esc", "no"), group: "Question", places: [.recoveryOffer],
                 run: answer),
        KeyEntry([.tab, .backTab, .left, .right, .character("h"), .character("l")], "Tab ←/→ h/l", "Switch the button Enter presses",
                 hint: ("Tab", "switch button"), group: "Question", places: [.recoveryOffer], run: answer),
        KeyEntry([.enter], "Enter", "Press the focused button", group: "Question", places: [.recoveryOffer], run: answer),
        KeyEntry([.character("r"), .character("R")], "r", "Restore the recovered edit into the form", group: "Question",
                 places: [.recoveryOffer]) { state, _ in
            close(&state, state.run(\.recovery) { offer, context in offer.restore(&context) })
        },
        KeyEntry([.character("d"), .character("D")], "d", "Discard the recovered edit (delete the file)", group: "Question",
                 places: [.recoveryOffer]) { state, _ in
            close(&state, state.run(\.recovery) { offer, context in (.close, offer.discard(&context)) })
        },
    ]

    /// A key of the question: the offer answers it or moves its buttons.
    @Sendable static func answer(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let answered = state.run(\.recovery, { offer, context in offer.answer(key, &context) }) else { return [] }
        return close(&state, answered)
    }

    /// The composition drops the answered offer and, on restore, opens the form with the recovered edits.
    static func close(_ state: inout AppState, _ answered: (RecoveryOffer.Answer, [Effect])?) -> [Effect] {
        guard let (answer, effects) = answered else { return [] }
        state.recovery = nil
        if case .restore(let editor) = answer { state.editor = editor }
        return effects
    }
}
