extension AppState {
    /// Where the person is, as far as messages go: the screen stack, the open form (which role, or a new
    /// one) and the inspector. A message posted in one place is cleared when this changes, so a new form
    /// never opens showing the previous form's message.
    var messagePlace: String {
        let form = editor.map { "form " + ($0.base.id.isEmpty ? "new " + ($0.copiedFrom ?? "") : $0.base.id) } ?? "-"
        return "\(stack.map(\.title)) \(form) \(inspector == nil ? "-" : "inspector")"
    }
}
