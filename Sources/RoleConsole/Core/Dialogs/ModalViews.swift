import TerminalUI

/// Draws the modal layer (help, mapping checklist, confirmations, message boxes) over the screen.
enum ModalViews {
    static func render(_ state: AppState, into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        // The layers that are components, under the dialogs: a checklist, the recovery offer.
        var cursor = state.checklist.flatMap { MappingEditorView.render($0, into: &buffer, body) }
        if let offer = state.recovery { cursor = offer.question.render(into: &buffer, in: body, state: offer.dialog) }
        guard let modal = state.modal else { return cursor }
        switch modal {
        case .help(let offset):
            if let editor = state.editor, state.inspector == nil {
                HelpOverlay(items: EditorKeys.items(editor, readOnly: state.settings.readOnly), title: "Keys in the role form · ? or Esc closes")
                    .render(into: &buffer, in: body.inset(left: 1, right: 1), offset: offset)
                return nil
            }
            let items = ActionRegistry.items(for: state.screen, readOnly: state.settings.readOnly,
                                             unavailable: state.unavailable, hintsOnly: false,
                                             systemRole: state.roles.list.selected?.role.system == true, held: state.session.permissions)
            HelpOverlay(items: items, title: "Keys on \(state.screen.title) · ? or Esc closes").render(into: &buffer, in: body, offset: offset)
            return nil
        case .message(let title, let text, let isError):
            return MessageBox(title: title, message: text, style: isError ? .warning : .normal).render(into: &buffer, in: body)
        case .confirm(let pending, let dialogState):
            return dialog(pending).render(into: &buffer, in: body, state: dialogState)
        case .typedConfirm(let pending, let typed):
            guard case .deleteRole(_, let name, let detail, _) = pending else { return nil }
            return TypedConfirmDialog(title: "Delete role", message: deleteRoleMessage(name, detail), expected: name, confirmLabel: "Delete")
                .render(into: &buffer, in: body, state: typed)
        }
    }

    /// What deleting a role does, and that it cannot be undone with the same id.
    static func deleteRoleMessage(_ name: String, _ detail: String) -> String {
        "Delete the role \(name)? \(detail) This cannot be undone: re-creating it gives a new id, so its members, "
            + "explicit grants and AWS mappings do not come back."
    }

    /// The dialog for a pending question; it says what will happen and what will not.
    static func dialog(_ pending: PendingConfirmation) -> ConfirmDialog {
        switch pending {
        case .applyMapping(let plan):
            return ConfirmDialog(title: "Apply mapping change",
                                 message: "\(plan.summary)\n\nThe mapping is re-read just before writing; if someone changed it meanwhile you are asked again. y applies.",
                                 confirmLabel: "Apply")
        case .applyGrants(let plan):
            return ConfirmDialog(title: "Apply AWS role grants",
                                 message: "\(plan.summary)\n\nEach AWS role is re-read and written on its own; you get a result for each. y applies.",
                                 confirmLabel: "Apply")
        case .conflict(let plan, let current):
            return ConfirmDialog(title: "Mapping changed meanwhile",
                                 message: "Someone changed the mapping while you edited:\n  \(plan.drift(to: current))\nYour change:\n  \(plan.summary)\n\n"
                                    + "Apply your change on top of theirs (y), or cancel and keep theirs (n)?",
                                 confirmLabel: "Apply on top", dangerous: true)
        case .deleteAWSRole(_, let name):
            return ConfirmDialog(title: "Delete cached AWS role",
                                 message: "Delete PrivX's cached copy of \(name) and its PrivX role mappings? The role in AWS is not touched: "
                                    + "if it still exists there it reappears on the next scan (R), without mappings.",
                                 confirmLabel: "Delete", dangerous: true)
        case .deleteRole(_, let name, let detail, _):
            return ConfirmDialog(title: "Delete role", message: deleteRoleMessage(name, detail), confirmLabel: "Delete", dangerous: true)
        case .interrupt(let name):
            return ConfirmDialog(title: "Quit with unsaved edits?",
                                 message: "Ctrl-C: the form of \(name) has unsaved edits. Quit anyway? They are written to a recovery file "
                                    + "that the next start offers to restore. n keeps working (F2 saves); Ctrl-C again quits.",
                                 confirmLabel: "Quit", dangerous: true)
        case .revokeGrant(let role, let user, let detail):
            return ConfirmDialog(title: "Revoke grant", message: Console.revokeMessage(role, user, detail), confirmLabel: "Revoke", dangerous: true)
        case .undo(let offer):
            return offer.dialog
        case .mergeConflict(let conflict, let position, let total, let roleName):
            return RoleEditor.conflictQuestion(conflict, position: position, total: total, roleName: roleName)
        case .quit:
            return ConfirmDialog(title: "Quit while writing?",
                                 message: "A change is still being applied. Quit anyway? The server may or may not finish it; check it after restarting.",
                                 confirmLabel: "Quit", dangerous: true)
        }
    }
}

