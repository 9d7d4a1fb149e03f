import PrivXAPI
import RoleEditing
import TerminalUI

/// The questions after a reload that met a field both I and someone else changed (`RoleMerge`): one
/// question per field, naming both values; `y` takes theirs, `n` (or Esc) keeps mine, so leaving the
/// question never loses an unsaved edit. Nothing is written until F2.
extension RoleEditor {
    /// Asks about the first unresolved conflict (`position` of `total`), or says the merge is done.
    mutating func askNextConflict(_ context: inout ConsoleContext, position: Int = 1, total: Int? = nil) {
        guard let conflict = unresolved.first else { return }
        context.ask(.mergeConflict(conflict, position: position, total: total ?? unresolved.count, roleName: draft.name))
    }

    /// The answer to one conflict question: theirs copied into the form (their value is the reloaded
    /// role's, so the field then goes back as the server holds it), or mine kept; then the next question.
    mutating func resolveConflict(_ conflict: RoleMerge.Conflict, takeTheirs: Bool, position: Int, total: Int,
                                  _ context: inout ConsoleContext) {
        guard unresolved.first == conflict else { return }
        unresolved.removeFirst()
        if takeTheirs {
            RoleMerge.copy(conflict.field.field, from: RoleDraft(base), to: &draft)
            reloadInputs()
        }
        let said = takeTheirs ? "Took theirs for \(conflict.name) (yours was \(conflict.mine))."
            : "Kept yours for \(conflict.name) (theirs is \(conflict.theirs))."
        if unresolved.isEmpty {
            context.post(.info, "\(said) Every conflict answered; review the form and press F2 to save (nothing is written before).", seconds: 8)
        } else {
            context.post(.info, said, seconds: 6)
            askNextConflict(&context, position: position + 1, total: total)
        }
    }

    /// The question: both values side by side. Keeping mine is the default and Esc's answer (irreversible in
    /// the dialog's sense: taking theirs drops an unsaved edit), so leaving the question loses nothing.
    static func conflictQuestion(_ conflict: RoleMerge.Conflict, position: Int, total: Int, roleName: String) -> Question {
        let count = total > 1 ? " (\(position) of \(total))" : ""
        let text = "You and someone else both changed \(conflict.name) of \(sanitize(roleName)) since the form opened\(count).\n\n"
            + "  When the form opened: \(sanitize(conflict.base))\n"
            + "  Theirs (on the server now): \(sanitize(conflict.theirs))\n"
            + "  Yours (in the form): \(sanitize(conflict.mine))\n\n"
            + "Every other field is already merged; nothing is written before F2."
        return Question(.mergeConflict, title: "Both changed \(conflict.name)", text: text,
                        choices: [Choice("y", "Take theirs", "take theirs", answer: .yes), .cancel("Keep yours", "keep yours")],
                        irreversible: true, warning: true)
    }
}
