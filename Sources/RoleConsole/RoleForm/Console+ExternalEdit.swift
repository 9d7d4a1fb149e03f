import RoleEditing
import TerminalUI

extension Console {
    /// The editor came back: take a valid edit into the form (the normal F2 path then saves it), or keep
    /// the form as it was and ask whether to edit again or discard the external edit.
    static func externalEditDone(_ state: inout AppState, _ outcome: ExternalEditor.Outcome) -> [Effect] {
        guard var editor = state.editor else { return [] }
        defer { state.editor = editor }
        switch outcome {
        case .failed(let reason):
            editor.stage = .externalEditFailed(reason, text: nil)
        case .interrupted(_, let saved):
            // The console is ending: what the editor had saved goes into the form (and so into the
            // recovery file) when it is a valid edit; otherwise the form keeps its draft.
            if let saved, case .success(let accepted) = RoleJSONEdit.accept(saved, into: editor.draft, over: editor.base) {
                editor.draft = accepted.draft
                editor.reloadInputs()
            }
        case .edited(let text):
            switch RoleJSONEdit.accept(text, into: editor.draft, over: editor.base) {
            case .failure(let problem):
                editor.stage = .externalEditFailed(problem.message, text: text)
            case .success(let accepted):
                let before = editor.draft.applied(to: editor.base)
                editor.draft = accepted.draft
                editor.reloadInputs()
                editor.stage = .editing
                editor.discardArmed = false
                let fields = accepted.draft.changes(from: before).map(\.field)
                var text = fields.isEmpty ? "No change came back from the editor." :
                    "Took the edit from the editor (\(fields.joined(separator: ", "))); F2 shows the change and saves."
                if !accepted.ignoredKeys.isEmpty {
                    text += " Not taken (the form does not edit them): \(accepted.ignoredKeys.joined(separator: ", "))."
                }
                state.toasts.post(fields.isEmpty ? .info : .success, text, now: state.now, seconds: 8)
            }
        }
        return []
    }
}
