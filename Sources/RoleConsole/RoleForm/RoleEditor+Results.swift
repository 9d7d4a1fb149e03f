import PrivXAPI
import RoleEditing
import TerminalUI

/// The form's answers (the core routes them with `state.route(message, to: \.editor)`; a save that
/// succeeded closes the form, and the composition then puts the role in the roles table).
extension RoleEditor {
    /// A conflict on save, the `$EDITOR` edit coming back, a create the server held only in part.
    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect] {
        switch message {
        case .roleSaveConflict(let current):
            stage = .conflict(theirs: RoleDraft(current).changes(from: base, sourceNames: context.sourceNames), current: current)
        case .externalEditDone(let outcome):
            externalEditDone(outcome, &context)
        case .roleCreatedIncomplete(let role, let missing):
            createdIncomplete(role, missing: missing, &context)
        default:
            break
        }
        return []
    }

    /// A saved role: the change for `:history` (when the form was still open), and what was saved.
    static func saved(_ role: Role, by form: RoleEditor?, _ context: inout ConsoleContext) {
        let changed = form?.changes.map(\.field) ?? []
        let fields = changed.joined(separator: ", ")
        if let before = form?.base { context.record(.roleEdit(before: before, after: role, fields: changed)) }
        context.post(.success, "Saved \(role.name)" + (fields.isEmpty ? "." : ": \(fields)."))
    }

    /// A created role: what was created (and from what).
    static func created(_ role: Role, by form: RoleEditor?, _ context: inout ConsoleContext) {
        let from = form?.copiedFrom.map { " as a copy of \($0)" } ?? ""
        context.record(.created(role, copiedFrom: form?.copiedFrom))
        context.post(.success, "Created \(role.name)\(from).")
    }

    /// A failed save: the form stays with its edits, the error is shown in it and kept for `:errors`,
    /// server errors go to their fields.
    /// `forbidden`: a 403's meaning (who lacks which permission), said instead of "F2 retries", since a retry cannot
    /// succeed until the permission is granted; the edits stay in the form either way.
    mutating func saveFailed(_ error: PrivXError, forbidden: String? = nil, _ context: inout ConsoleContext) {
        stage = .editing
        var problems: [String: String] = [:]
        if case .http(_, _, _, let body?) = error {
            for item in [body] + body.details {
                if let property = item.property, !property.isEmpty {
                    problems[property] = item.message ?? item.code ?? "The server refused this value."
                }
            }
        }
        serverProblems = problems
        if let field = Focus.allCases.first(where: { problems[$0.problemKey] != nil }) { focus = field }
        let text = forbidden.map { "Not saved: \($0) Your edits are kept in the form." }
            ?? "Not saved, your edits are kept (F2 retries): \(error.description)" + Console.ambiguousWriteNote(error)
        self.error = text
        context.keep(error: text)
    }

    /// The server created the role but does not hold every field of the form: the form turns into an edit
    /// of the created role (the edits it lacks stay as changes), so F2 sends a PUT and never creates it twice.
    mutating func createdIncomplete(_ role: Role, missing: [String], _ context: inout ConsoleContext) {
        base = role
        copiedFrom = nil
        reloadInputs()
        stage = .editing
        let text = "Created \(role.name), but the server does not hold " + missing.joined(separator: ", ")
            + ". The form now edits the created role with those edits kept: F2 saves them."
        error = text
        context.keep(error: text)
    }

    /// The editor came back: take a valid edit into the form (the normal F2 path then saves it), or keep
    /// the form as it was and ask whether to edit again or discard the external edit.
    mutating func externalEditDone(_ outcome: ExternalEditor.Outcome, _ context: inout ConsoleContext) {
        switch outcome {
        case .failed(let reason):
            stage = .externalEditFailed(reason, text: nil)
        case .interrupted(_, let saved):
            // The console is ending: what the editor had saved goes into the form (and so into the
            // recovery file) when it is a valid edit; otherwise the form keeps its draft.
            if let saved, case .success(let accepted) = RoleJSONEdit.accept(saved, into: draft, over: base) {
                draft = accepted.draft
                reloadInputs()
            }
        case .edited(let text):
            switch RoleJSONEdit.accept(text, into: draft, over: base) {
            case .failure(let problem):
                stage = .externalEditFailed(problem.message, text: text)
            case .success(let accepted):
                let before = draft.applied(to: base)
                draft = accepted.draft
                reloadInputs()
                stage = .editing
                discardArmed = false
                let fields = accepted.draft.changes(from: before).map(\.field)
                var notice = fields.isEmpty ? "No change came back from the editor." :
                    "Took the edit from the editor (\(fields.joined(separator: ", "))); F2 shows the change and saves."
                if !accepted.ignoredKeys.isEmpty {
                    notice += " Not taken (the form does not edit them): \(accepted.ignoredKeys.joined(separator: ", "))."
                }
                context.post(fields.isEmpty ? .info : .success, notice, seconds: 8)
            }
        }
    }
}
