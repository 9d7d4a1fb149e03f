import TerminalUI

/// The recovery offer is a question (`RecoveryOffer.question`: r restore, d discard, Esc later); its keys come
/// from it. This is what the composition does with the answer.
enum RecoveryKeys {
    /// The offer's answer: the composition drops the offer and, on restore, opens the form with the recovered edits.
    static func answer(_ state: inout AppState, _ answer: Answer) -> [Effect] {
        guard let (outcome, effects) = state.run(\.recovery, { offer, context in offer.answer(answer, &context) }) else { return [] }
        state.recovery = nil
        if case .restore(let editor) = outcome { state.editor = editor }
        return effects
    }
}
