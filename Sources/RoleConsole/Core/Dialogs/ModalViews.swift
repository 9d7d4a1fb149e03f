import TerminalUI

/// Draws the modal layer (help, mapping checklist, confirmations, message boxes) over the screen.
enum ModalViews {
    static func render(_ state: AppState, into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        // The layers that are components, under the dialogs: a checklist, the recovery offer.
        var cursor = state.checklist.flatMap { MappingEditorView.render($0, into: &buffer, body) }
        if let offer = state.recovery { cursor = offer.question.box(offer.dialog).render(into: &buffer, in: body) }
        guard let modal = state.modal else { return cursor }
        switch modal {
        case .help(let offset):
            if let editor = state.editor, state.inspector == nil {
                HelpOverlay(items: EditorKeys.items(editor, readOnly: state.settings.readOnly, unavailable: state.unavailable, held: state.session.permissions),
                            title: "Keys in the role form · ? or Esc closes")
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
        case .confirm(let pending, let focus), .typedConfirm(let pending, let focus):
            return question(pending, typed: modal.isTyped).box(focus).render(into: &buffer, in: body)
        }
    }

    /// What deleting a role does, and that it cannot be undone with the same id.
    static func deleteRoleMessage(_ name: String, _ detail: String) -> String {
        "Delete the role \(name)? \(detail) This cannot be undone: re-creating it gives a new id, so its members, "
            + "explicit grants and AWS mappings do not come back."
    }

    /// The question for a pending confirmation; it says what will happen and what will not. `typed`: a delete
    /// answered by typing the role's name.
    static func question(_ pending: PendingConfirmation, typed: Bool = false) -> Question {
        switch pending {
        case .applyMapping(let plan):
            return Question(.applyMapping, title: "Apply mapping change",
                            text: "\(plan.summary)\n\nThe mapping is re-read just before writing; if someone changed it meanwhile you are asked again.",
                            choices: [Choice("y", "Apply", "apply the change", answer: .yes, guarding: .action(.mapRoles, "Changing the mapping")),
                                      .cancel("nothing is written")])
        case .applyGrants(let plan):
            return Question(.applyGrants, title: "Apply AWS role grants",
                            text: "\(plan.summary)\n\nEach AWS role is re-read and written on its own; you get a result for each.",
                            choices: [Choice("y", "Apply", "apply the grants", answer: .yes, guarding: .action(.grantAWSRoles, "Granting AWS roles")),
                                      .cancel("nothing is written")])
        case .conflict(let plan, let current):
            return Question(.mappingConflict, title: "Mapping changed meanwhile",
                            text: "Someone changed the mapping while you edited:\n  \(plan.drift(to: current))\nYour change:\n  \(plan.summary)",
                            choices: [Choice("y", "Apply on top", "apply your change on top of theirs", answer: .yes, dangerous: true,
                                             guarding: .action(.mapRoles, "Changing the mapping")),
                                      .cancel("keep theirs, nothing written")],
                            irreversible: true, warning: true)
        case .deleteAWSRole(_, let name):
            return Question(.deleteAWSRole, title: "Delete cached AWS role",
                            text: "Delete PrivX's cached copy of \(name) and its PrivX role mappings? The role in AWS is not touched: "
                                + "if it still exists there it reappears on the next scan (R), without mappings.",
                            choices: [Choice("y", "Delete", "delete it", answer: .yes, dangerous: true, guarding: .action(.deleteAWSRole, "Deleting")),
                                      .cancel("Keep", "keep it")],
                            irreversible: true)
        case .deleteRole(_, let name, let detail, _) where typed:
            return Question(.deleteRoleTyped, title: "Delete role", text: deleteRoleMessage(name, detail),
                            choices: [Choice(key: .enter, "Delete", "delete once the name matches", answer: .yes, dangerous: true,
                                             guarding: .action(.deleteRole, "Deleting")),
                                      Choice(key: .escape, "Cancel", "keep the role", answer: .no)],
                            irreversible: true, typedName: name)
        case .deleteRole(_, let name, let detail, _):
            return Question(.deleteRole, title: "Delete role", text: deleteRoleMessage(name, detail),
                            choices: [Choice("y", "Delete", "delete the role", answer: .yes, dangerous: true, guarding: .action(.deleteRole, "Deleting")),
                                      .cancel("Keep", "keep it")],
                            irreversible: true)
        case .interrupt(let name):
            return Question(.quitWithUnsavedEdits, title: "Quit with unsaved edits?",
                            text: "Ctrl-C: the form of \(name) has unsaved edits. Quitting writes them to a recovery file that the next "
                                + "start offers to restore. Ctrl-C again quits too.",
                            choices: [Choice("y", "Quit", "quit, keeping the edits in a recovery file", answer: .yes),
                                      .cancel("Keep working", "keep working (F2 saves)")])
        case .revokeGrant(let role, let user, let detail):
            return Question(.revokeGrant, title: "Revoke grant", text: Console.revokeMessage(role, user, detail),
                            choices: [Choice("y", "Revoke", "revoke the grant", answer: .yes, dangerous: true,
                                             guarding: .action(.revokeGrant, "Revoking")),
                                      .cancel("Keep", "keep it")],
                            irreversible: true)
        case .undo(let offer):
            return offer.question
        case .mergeConflict(let conflict, let position, let total, let roleName):
            return RoleEditor.conflictQuestion(conflict, position: position, total: total, roleName: roleName)
        case .quit:
            return Question(.quitWhileWriting, title: "Quit while writing?",
                            text: "A change is still being applied. The server may or may not finish it; check it after restarting.",
                            choices: [Choice("y", "Quit", "quit now", answer: .yes, dangerous: true), .cancel("Keep running", "wait for the answer")])
        }
    }
}

extension Modal {
    /// True for a question answered by typing a name.
    var isTyped: Bool {
        if case .typedConfirm = self { return true }
        return false
    }
}

extension ChoiceGuard {
    /// The guard of a screen action's confirmation: its permission as the key table documents it.
    static func action(_ id: ActionID, _ refusedAs: String) -> ChoiceGuard {
        ChoiceGuard(permission: ActionRegistry.action(id).permission ?? "", needs: id, refusedAs: refusedAs)
    }
}
