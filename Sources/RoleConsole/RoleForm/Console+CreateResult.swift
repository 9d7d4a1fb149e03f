import PrivXAPI

extension Console {
    /// The server created the role but does not hold every field of the form: the form turns into an edit
    /// of the created role (the edits it lacks stay as changes), so F2 sends a PUT and never creates it twice.
    static func createdIncomplete(_ state: inout AppState, _ role: Role, missing: [String]) {
        state.roles.insertCreated(role)
        guard var editor = state.editor else { return }
        editor.base = role
        editor.copiedFrom = nil
        editor.reloadInputs()
        editor.stage = .editing
        editor.error = "Created \(role.name), but the server does not hold " + missing.joined(separator: ", ")
            + ". The form now edits the created role with those edits kept: F2 saves them."
        state.editor = editor
        state.errors.append(ErrorEntry(time: state.now, text: editor.error ?? ""))
    }
}
