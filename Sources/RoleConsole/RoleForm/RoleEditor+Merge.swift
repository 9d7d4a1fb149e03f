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

    /// The question's text: both values, and what each key does.
    static func conflictQuestion(_ conflict: RoleMerge.Conflict, position: Int, total: Int, roleName: String) -> ConfirmDialog {
        let count = total > 1 ? " (\(position) of \(total))" : ""
        let message = "You and someone else both changed \(conflict.name) of \(roleName) since the form opened\(count).\n\n"
            + "  When the form opened: \(conflict.base)\n"
            + "  Theirs (on the server now): \(conflict.theirs)\n"
            + "  Yours (in the form): \(conflict.mine)\n\n"
            + "y takes theirs; n (or Esc) keeps yours. Every other field is already merged; nothing is written before F2."
        return ConfirmDialog(title: "Both changed \(conflict.name)", message: message, confirmLabel: "Take theirs", cancelLabel: "Keep yours")
    }
}
