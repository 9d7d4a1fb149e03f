import RoleEditing
import TerminalUI

/// The role form's questions in the console's one dialog shape (`Question`): the save diff, a role changed
/// on the server meanwhile, a refused `$EDITOR` edit and deleting a rules group that holds rules.
extension RoleEditor {
    /// Saving or overwriting needs roles-manage (`PUT /roles/{id}` and `POST /roles` in the contract's endpoint table,
    /// `shared/docs/role-store-api.md`; docs/role-store-evidence.md).
    static let saveGuard = ChoiceGuard(permission: "roles-manage", needs: .editRole, refusedAs: "Saving", keptNote: EditorKeys.kept)

    /// The question the form asks now, if any; `personName` names who changed the role meanwhile.
    func question(personName: (String) -> String) -> Question? {
        switch stage {
        case .confirming(let changes):
            let lines = changes.map { "\($0.field): \(Self.shown($0.before)) → \(Self.shown($0.after))" }.joined(separator: "\n")
            let name = sanitize(draft.name)
            // A new role has nothing on the server to re-read: only an edit is checked against the stored role.
            if base.id.isEmpty {
                return Question(.createRole, title: "Save \(name)?", text: lines,
                                choices: [Choice("y", "Create", "creates the role", answer: .yes, guarding: Self.saveGuard),
                                          .cancel("back to the form (edits kept)")])
            }
            // An undo names the change it reverts (`:history`).
            let reverts = undoOf.map { "Undo \(sanitize($0.title)): these fields go back to before that save:\n" } ?? ""
            return Question(.saveEdit, title: undoOf.map { "Undo #\($0.number): save \(name)?" } ?? "Save \(name)?",
                            text: reverts + lines + "\n\nThe role is re-read just before writing; only these fields change.",
                            choices: [Choice("y", "Save", "saves", answer: .yes, guarding: Self.saveGuard),
                                      .cancel("back to the form (edits kept)")])
        case .conflict(let theirs, let current):
            let who = current.updatedBy.map { " by \(sanitize(personName($0)))" } ?? ""
            let their = theirs.isEmpty ? "  (no change to the fields of this form)"
                : theirs.map { "  \($0.field): \(sanitize($0.before)) → \(sanitize($0.after))" }.joined(separator: "\n")
            return Question(.formConflict, title: "Role changed meanwhile", text: "The role changed on the server\(who) after the form opened:\n\(their)",
                            choices: [Choice("r", "Reload", "reload and merge (their other changes taken, each field you both changed asked about)",
                                             answer: .reload),
                                      Choice("o", "Overwrite", "overwrite with your form", answer: .overwrite, dangerous: true, guarding: Self.saveGuard),
                                      .cancel("Cancel", "cancel (nothing written)", key: "c")],
                            warning: true)
        case .externalEditFailed(let reason, let text):
            return Question(.externalEditFailed, title: "The external edit was not taken",
                            text: sanitize(reason) + "\n\nThe form still holds your previous draft; nothing was written.",
                            choices: [Choice("e", "Edit again", text == nil ? "opens the editor again" : "opens the editor again on your text",
                                             answer: .editAgain),
                                      .cancel("Discard", "discards the external edit", key: "d")])
        case .editing where focus == .rules:
            if case .confirmingDelete = rules.mode { return rules.deleteQuestion(draft: draft) }
            return nil
        default:
            return nil
        }
    }

    /// The form's answer to its question.
    mutating func answer(_ answer: Answer, _ context: inout ConsoleContext) -> [Effect] {
        questionFocus = QuestionFocus()
        switch (stage, answer) {
        case (.confirming, .yes): return confirmSave(&context)
        case (.confirming, _): stage = .editing
        case (.conflict, .reload): reloadAndReapply(&context)
        case (.conflict, .overwrite): return overwrite(&context)
        case (.conflict, _):
            stage = .editing
            context.post(.info, "Nothing written; your edits are still in the form.")
        case (.externalEditFailed, .editAgain): return editAgain()
        case (.externalEditFailed, _):
            stage = .editing
            context.post(.info, "External edit discarded; the form keeps your previous draft.")
        case (.editing, _):
            discardArmed = false
            context.post(.info, rules.answerDelete(answer == .yes, draft: &draft), seconds: 6)
        default:
            break
        }
        return []
    }

    private static func shown(_ value: String) -> String { sanitize(value).isEmpty ? "(empty)" : sanitize(value) }
}
