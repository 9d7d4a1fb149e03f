import PrivXAPI
import RoleEditing
import TerminalUI

/// What a nested component did with a key.
enum ComponentAnswer {
    /// It took the key (and asked for this work).
    case handled([Effect])
    /// It left the key to its parent's table.
    case passed
}

/// The handlers of `EditorKeys.table` and the form's components (the rules tab, the focused field).
extension Console {
    /// Runs `body` on the open form and keeps what it changed (unless it closed the form).
    static func withForm(_ state: inout AppState, _ body: (inout AppState, inout RoleEditor) -> [Effect]) -> [Effect] {
        guard var editor = state.editor else { return [] }
        let effects = body(&state, &editor)
        if state.editor != nil { state.editor = editor }
        return effects
    }

    /// The rules tab takes its keys first while it has the keyboard and the form is editing (the F-keys
    /// where the table binds them stay the form's).
    static func rulesTabKey(_ state: inout AppState, _ key: Key, at place: EditorPlace) -> ComponentAnswer {
        guard let editor = state.editor, editor.stage == .editing, editor.focus == .rules else { return .passed }
        if EditorKeys.functionKeys.contains(place), EditorKeys.fKeys.contains(key) { return .passed }
        var answer = ComponentAnswer.passed
        _ = withForm(&state) { state, editor in
            let outcome = editor.rules.apply(key, draft: &editor.draft, sources: RulesEditor.choices(state.sourceNames),
                                             visibleRows: ConsoleLayout.rulesTreeRows(state.size))
            guard outcome != .ignored else { return [] }
            editor.discardArmed = false
            editor.serverProblems[RoleDraft.rulesKey] = nil
            if case .notice(let text) = outcome { state.toasts.post(.info, text, now: state.now, seconds: 6) }
            answer = .handled([])
            return []
        }
        return answer
    }

    /// y / Enter on the save diff: the save starts as an operation (one at a time).
    @Sendable static func confirmSave(_ state: inout AppState, _ key: Key) -> [Effect] {
        withForm(&state) { state, editor in
            let effects = begin(&state, .roleForm, .saveRole(base: editor.base, draft: editor.draft, overwrite: false))
            guard !effects.isEmpty else { return [] }
            editor.stage = .saving
            editor.error = nil
            editor.serverProblems = [:]
            return effects
        }
    }

    /// Back from a dialog of the form to editing.
    @Sendable static func backToForm(_ state: inout AppState, _ key: Key) -> [Effect] {
        state.editor?.stage = .editing
        return []
    }

    /// F2 while saving: nothing more is sent.
    @Sendable static func saveInFlight(_ state: inout AppState, _ key: Key) -> [Effect] {
        refuseDuplicate(&state, .roleForm)
        return []
    }

    /// r on a conflict: the role as it is now, with the form's edits re-applied.
    @Sendable static func reloadAndReapply(_ state: inout AppState, _ key: Key) -> [Effect] {
        withForm(&state) { state, editor in
            guard case .conflict(_, let current) = editor.stage else { return [] }
            editor.draft = RoleDraft(editor.draft.applied(to: current, since: editor.base))
            editor.base = current
            editor.reloadInputs()
            editor.stage = .editing
            state.toasts.post(.info, "Reloaded the role and re-applied your edits; review them and press F2 to save.", now: state.now, seconds: 6)
            return []
        }
    }

    /// o on a conflict: the form's edits written over the current role.
    @Sendable static func overwrite(_ state: inout AppState, _ key: Key) -> [Effect] {
        withForm(&state) { state, editor in
            guard case .conflict(_, let current) = editor.stage else { return [] }
            let effects = begin(&state, .roleForm, .saveRole(base: current, draft: editor.draft, overwrite: true))
            if !effects.isEmpty { editor.stage = .saving }
            return effects
        }
    }

    /// c on a conflict: nothing written, the edits stay.
    @Sendable static func cancelConflict(_ state: inout AppState, _ key: Key) -> [Effect] {
        state.editor?.stage = .editing
        state.toasts.post(.info, "Nothing written; your edits are still in the form.", now: state.now)
        return []
    }

    /// e after a refused `$EDITOR` edit: the same text again.
    @Sendable static func editAgain(_ state: inout AppState, _ key: Key) -> [Effect] {
        withForm(&state) { _, editor in
            guard case .externalEditFailed(_, let text) = editor.stage else { return [] }
            editor.stage = .editing
            return [.editAsJSON(text: text ?? RoleJSONEdit.text(of: editor.draft, over: editor.base))]
        }
    }

    /// d after a refused `$EDITOR` edit: the form keeps its draft.
    @Sendable static func discardExternalEdit(_ state: inout AppState, _ key: Key) -> [Effect] {
        state.editor?.stage = .editing
        state.toasts.post(.info, "External edit discarded; the form keeps your previous draft.", now: state.now)
        return []
    }

    /// F1: the form's keys.
    @Sendable static func formHelp(_ state: inout AppState, _ key: Key) -> [Effect] {
        state.modal = .help(offset: 0)
        return []
    }

    /// F2: refuses with the first problem, or shows the diff to confirm.
    @Sendable static func requestSave(_ state: inout AppState, _ key: Key) -> [Effect] {
        withForm(&state) { state, editor in requestSave(&state, &editor) }
    }

    /// F3: the rules tab and back.
    @Sendable static func toggleRulesTab(_ state: inout AppState, _ key: Key) -> [Effect] {
        withForm(&state) { _, editor in
            editor.focus = editor.focus == .rules ? .name : .rules
            return []
        }
    }

    /// F4: the role as JSON in `$EDITOR`.
    @Sendable static func editExternally(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let editor = state.editor else { return [] }
        return [.editAsJSON(text: RoleJSONEdit.text(of: editor.draft, over: editor.base))]
    }

    /// F5: evaluate the unsaved definition.
    @Sendable static func evaluateForm(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let editor = state.editor else { return [] }
        let role = editor.draft.applied(to: editor.base)
        return state.withContext { EvaluateInspector.start(role, membersOf: editor.base.id.isEmpty ? nil : editor.base.id, &$0) }
    }

    /// Esc: close, or arm the discard of unsaved edits (a second Esc discards).
    @Sendable static func closeForm(_ state: inout AppState, _ key: Key) -> [Effect] {
        withForm(&state) { state, editor in
            if editor.changes.isEmpty || editor.discardArmed {
                state.editor = nil
                if !editor.changes.isEmpty { state.toasts.post(.info, "Edits discarded; nothing was written.", now: state.now) }
                return []
            }
            editor.discardArmed = true
            state.toasts.post(.warning, "Unsaved edits: Esc again discards them, F2 saves.", now: state.now, seconds: 6)
            return []
        }
    }

    /// Tab / Shift-Tab (and ↑/↓ outside lists): the next or previous field; Tab in an unknown time zone completes it first.
    @Sendable static func moveFocus(_ state: inout AppState, _ key: Key) -> [Effect] {
        withForm(&state) { state, editor in
            let count = RoleEditor.Focus.allCases.count
            switch key {
            case .tab:
                if editor.focus == .timeZone {
                    let completion = editor.completeTimeZone()
                    if let notice = completion.notice { state.toasts.post(.info, notice, now: state.now, seconds: 6) }
                    if completion.stays { return [] }
                }
                editor.focus = RoleEditor.Focus(rawValue: (editor.focus.rawValue + 1) % count) ?? .name
            case .backTab:
                editor.focus = RoleEditor.Focus(rawValue: (editor.focus.rawValue + count - 1) % count) ?? .name
            case .down:
                editor.focus = RoleEditor.Focus(rawValue: min(editor.focus.rawValue + 1, count - 1)) ?? .name
            case .up:
                editor.focus = RoleEditor.Focus(rawValue: max(editor.focus.rawValue - 1, 0)) ?? .name
            default:
                break
            }
            editor.enteredField()
            return []
        }
    }
}
