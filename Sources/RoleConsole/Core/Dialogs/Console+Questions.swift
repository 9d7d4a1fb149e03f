import TerminalUI

/// Who holds the open question: the answer goes back to it.
enum QuestionHolder: Sendable {
    /// A question of the dialog layer (`Modal.confirm`/`.typedConfirm`: mapping, grants, deletes, quit, revoke, undo).
    case modal(PendingConfirmation)
    /// The offer of an unsaved form from an earlier run.
    case recovery
    /// The principal keys panel's question before a write.
    case principalKeys
    /// The role form's question (save, conflict, refused external edit, deleting a rules group).
    case form
    /// The add-members dialog's review (the grant's confirmation).
    case members
}

/// The open question where the keyboard is, its holder and its highlighted button.
public struct OpenQuestion: Sendable {
    var holder: QuestionHolder
    /// The question as drawn.
    public var question: Question
    /// Its highlighted button and typed name.
    public var focus: QuestionFocus
}

extension Console {
    /// The question that has the keyboard, if any (the same layer order as `KeyFocus.of`).
    public static func openQuestion(_ state: AppState) -> OpenQuestion? {
        switch KeyFocus.of(state) {
        case .modal(.confirm), .modal(.typedConfirm):
            switch state.modal {
            case .confirm(let pending, let focus)?: return OpenQuestion(holder: .modal(pending), question: ModalViews.question(pending), focus: focus)
            case .typedConfirm(let pending, let focus)?:
                return OpenQuestion(holder: .modal(pending), question: ModalViews.question(pending, typed: true), focus: focus)
            default: return nil
            }
        case .modal(.recoveryOffer):
            return state.recovery.map { OpenQuestion(holder: .recovery, question: $0.question, focus: $0.dialog) }
        case .principalKeys(.confirm):
            guard let panel = state.principalKeys, case .confirm(let change, let focus) = panel.mode else { return nil }
            return OpenQuestion(holder: .principalKeys, question: PrincipalKeysView.question(change, panel), focus: focus)
        case .form:
            guard let editor = state.editor, let question = editor.question(personName: state.roles.personName) else { return nil }
            return OpenQuestion(holder: .form, question: question, focus: editor.questionFocus)
        case .layer(.addMembersReview):
            guard let members = state.members, let dialog = members.adding, dialog.stage == .review else { return nil }
            return OpenQuestion(holder: .members, question: members.reviewQuestion(dialog, now: state.now), focus: dialog.questionFocus)
        default:
            return nil
        }
    }

    /// A key while a question is open: it moves the highlight, types the name, or presses a button, whose
    /// answer goes to the feature that asked. A button that writes is refused exactly as a key of a table
    /// would be (read-only, a permission the caller lacks, a 403), and the question stays open. Nil when no
    /// question is open.
    static func answerQuestion(_ state: inout AppState, _ key: Key) -> [Effect]? {
        guard let open = openQuestion(state) else { return nil }
        var focus = open.focus
        let pressed = open.question.press(key, &focus)
        store(&state, open.holder, focus)
        guard let index = pressed else {
            if key == .enter, let name = open.question.typedName, !open.question.typedMatches(focus) {
                state.toasts.post(.info, "Type \u{201C}\(sanitize(name))\u{201D} exactly, then Enter; Esc cancels.", now: state.now)
            }
            return []
        }
        let choice = open.question.choices[index]
        if let reason = refusal(choice, state) {
            let guarding = choice.guarding
            state.toasts.post(.warning, "\(guarding?.refusedAs ?? choice.label) is not available: \(reason).\(guarding?.keptNote ?? "")",
                              now: state.now, seconds: 6)
            return []
        }
        store(&state, open.holder, QuestionFocus())
        return answer(&state, open.holder, open.question, choice.answer)
    }

    /// Why the dispatcher refuses a button now (nil: it may be pressed).
    static func refusal(_ choice: Choice, _ state: AppState) -> String? {
        guard let guarding = choice.guarding else { return nil }
        return KeyDispatcher.refusal(mutating: true, needs: guarding.needs, readOnly: state.settings.readOnly, unavailable: state.unavailable,
                                     permissions: KeyDispatcher.permissionNames(guarding.permission), held: state.session.permissions)
    }

    /// The hint bar of the open question: its buttons, greyed with the short reason when the dispatcher would refuse them.
    static func questionHints(_ open: OpenQuestion, _ state: AppState) -> [KeyHint] {
        open.question.hints(open.focus) { choice in
            refusal(choice, state).map { _ in
                guard let guarding = choice.guarding else { return "forbidden" }
                if state.settings.readOnly { return "read-only" }
                return "needs " + (KeyDispatcher.missingPermission(KeyDispatcher.permissionNames(guarding.permission), held: state.session.permissions)
                    ?? state.unavailable[guarding.needs] ?? guarding.permission)
            }
        }
    }

    private static func store(_ state: inout AppState, _ holder: QuestionHolder, _ focus: QuestionFocus) {
        switch holder {
        case .modal:
            switch state.modal {
            case .confirm(let pending, _)?: state.modal = .confirm(pending, focus)
            case .typedConfirm(let pending, _)?: state.modal = .typedConfirm(pending, focus)
            default: break
            }
        case .recovery: state.recovery?.dialog = focus
        case .principalKeys:
            if case .confirm(let change, _)? = state.principalKeys?.mode { state.principalKeys?.mode = .confirm(change, focus) }
        case .form: state.editor?.questionFocus = focus
        case .members: state.members?.adding?.questionFocus = focus
        }
    }

    /// The answer goes to the feature that asked.
    private static func answer(_ state: inout AppState, _ holder: QuestionHolder, _ question: Question, _ answer: Answer) -> [Effect] {
        switch holder {
        case .modal(let pending):
            state.modal = nil
            if answer == .yes { return confirmed(&state, pending) }
            if answer == .discard, case .undo(let offer) = pending { return HistoryUndo.confirmed(&state, offer.leftAsItIs) }
            if question.typedName != nil { state.toasts.post(.info, "Nothing deleted.", now: state.now) }
            cancelled(&state, pending)
            return []
        case .recovery:
            return RecoveryKeys.answer(&state, answer)
        case .principalKeys:
            return state.run(\.principalKeys) { panel, context in panel.answer(answer, &context) } ?? []
        case .form:
            return state.run(\.editor) { form, context in form.answer(answer, &context) } ?? []
        case .members:
            if answer == .yes { return state.run(\.members) { members, context in members.confirmAdding(&context) } ?? [] }
            state.members?.adding?.stage = .terms
            return []
        }
    }
}
