import PrivXAPI
import RoleEditing
import TerminalUI

extension Console {
    /// `e` on the roles screen: opens the form over the selected role.
    static func openRoleEditor(_ state: inout AppState) {
        guard let row = state.roles.selected else {
            state.toasts.post(.warning, "No role is selected; load or clear the filter first.", now: state.now)
            return
        }
        state.editor = RoleEditor(role: row.role)
    }

    /// Keys while the form is open (it takes every key, like a modal).
    static func handleEditorKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var editor = state.editor else { return [] }
        defer { if state.editor != nil { state.editor = editor } }
        switch editor.stage {
        case .saving:
            if key == .function(2) { refuseDuplicate(&state, .roleForm) }
            return []
        case .confirming:
            switch key {
            case .character("y"), .character("Y"), .enter:
                let effects = begin(&state, .roleForm, .saveRole(base: editor.base, draft: editor.draft, overwrite: false))
                guard !effects.isEmpty else { return [] }
                editor.stage = .saving
                editor.error = nil
                editor.serverProblems = [:]
                return effects
            case .character("n"), .character("N"), .escape:
                editor.stage = .editing
            default: break
            }
            return []
        case .conflict(_, let current):
            switch key {
            case .character("r"), .character("R"):
                editor.draft = RoleDraft(editor.draft.applied(to: current, since: editor.base))
                editor.base = current
                editor.reloadInputs()
                editor.stage = .editing
                state.toasts.post(.info, "Reloaded the role and re-applied your edits; review them and press F2 to save.", now: state.now, seconds: 6)
            case .character("o"), .character("O"):
                let effects = begin(&state, .roleForm, .saveRole(base: current, draft: editor.draft, overwrite: true))
                if !effects.isEmpty { editor.stage = .saving }
                return effects
            case .character("c"), .character("C"), .character("n"), .escape:
                editor.stage = .editing
                state.toasts.post(.info, "Nothing written; your edits are still in the form.", now: state.now)
            default: break
            }
            return []
        case .externalEditFailed(_, let text):
            return handleExternalEditFailedKey(&state, &editor, key, text: text)
        case .editing:
            break
        }
        if editor.focus == .rules, ![Key.function(1), .function(2), .function(3), .function(4), .function(5)].contains(key) {
            let outcome = editor.rules.apply(key, draft: &editor.draft, sources: RulesEditor.choices(state.sourceNames),
                                             visibleRows: RulesEditorView.treeRows(state.size))
            if outcome != .ignored {
                editor.discardArmed = false
                editor.serverProblems[RoleDraft.rulesKey] = nil
                if case .notice(let text) = outcome { state.toasts.post(.info, text, now: state.now, seconds: 6) }
                return []
            }
        }
        switch key {
        case .function(1):
            state.modal = .help(offset: 0)
            return []
        case .function(4):
            return [.editAsJSON(text: RoleJSONEdit.text(of: editor.draft, over: editor.base))]
        case .function(3):
            editor.focus = editor.focus == .rules ? .name : .rules
            return []
        case .function(2):
            return requestSave(&state, &editor)
        case .function(5):
            let role = editor.draft.applied(to: editor.base)
            return startEvaluation(&state, role, membersOf: editor.base.id.isEmpty ? nil : editor.base.id)
        case .escape:
            if editor.focus.usesPanel, editor.tags.editing != nil || editor.ipMasks.editing != nil {
                break
            }
            if editor.changes.isEmpty || editor.discardArmed {
                state.editor = nil
                if !editor.changes.isEmpty { state.toasts.post(.info, "Edits discarded; nothing was written.", now: state.now) }
                return []
            }
            editor.discardArmed = true
            state.toasts.post(.warning, "Unsaved edits: Esc again discards them, F2 saves.", now: state.now, seconds: 6)
            return []
        case .tab:
            if editor.focus == .timeZone, !ContextDraft.isKnownTimeZone(editor.timeZone.text),
               let first = ContextDraft.timeZoneCompletions(editor.timeZone.text).first {
                editor.timeZone.set(first)
                editor.syncDraft()
                return []
            }
            editor.focus = RoleEditor.Focus(rawValue: (editor.focus.rawValue + 1) % RoleEditor.Focus.allCases.count) ?? .name
            return []
        case .backTab:
            let count = RoleEditor.Focus.allCases.count
            editor.focus = RoleEditor.Focus(rawValue: (editor.focus.rawValue + count - 1) % count) ?? .name
            return []
        case .down where !editor.focus.usesPanel:
            editor.focus = RoleEditor.Focus(rawValue: min(editor.focus.rawValue + 1, RoleEditor.Focus.allCases.count - 1)) ?? .name
            return []
        case .up where !editor.focus.usesPanel:
            editor.focus = RoleEditor.Focus(rawValue: max(editor.focus.rawValue - 1, 0)) ?? .name
            return []
        default:
            break
        }
        editor.discardArmed = false
        editor.serverProblems[editor.focus.problemKey] = nil
        let panelRows = RoleEditorView.panelRows(state.size)
        switch editor.focus {
        case .name:
            if editor.draft.system {
                state.toasts.post(.warning, "Not renamed: \(editor.base.name) is a \(RoleDraft.systemRenameReason).", now: state.now)
            } else { _ = editor.name.apply(key) }
        case .comment: _ = editor.comment.apply(key)
        case .accessGroup: _ = editor.accessGroup.apply(key)
        case .start: _ = editor.start.apply(key)
        case .end: _ = editor.end.apply(key)
        case .timeZone: _ = editor.timeZone.apply(key)
        case .rules: break
        case .tags: _ = editor.tags.apply(key, visibleRows: panelRows)
        case .ipMasks: _ = editor.ipMasks.apply(key, visibleRows: panelRows)
        case .permissions: _ = editor.permissions.apply(key, items: editor.permissionLabels, visibleRows: panelRows)
        case .permitAgent:
            if let on = Checkbox.toggled(editor.draft.permitAgent, by: key) { editor.draft.permitAgent = on }
        case .contextEnabled:
            if let on = Checkbox.toggled(editor.draft.context.enabled, by: key) { editor.draft.context.enabled = on }
        case .blockRole:
            if let on = Checkbox.toggled(editor.draft.context.blockRole, by: key) { editor.draft.context.blockRole = on }
        case .days:
            switch key {
            case .character("w"): editor.days.on = Set(0...4)
            case .character("a"): editor.days.on = Set(0...6)
            default: _ = editor.days.apply(key, count: 7)
            }
        }
        editor.syncDraft()
        return []
    }

    /// `u`: shows the inverse of the last change and asks; yes writes it through the same read-modify-write path.
    static func undoLastChange(_ state: inout AppState) {
        switch state.lastChange {
        case nil:
            state.toasts.post(.info, "Nothing to undo: this session has not changed a role or a mapping yet (deletes cannot be undone).", now: state.now, seconds: 6)
        case .roleEdit(let before, let after)?:
            var editor = RoleEditor(role: after)
            var draft = RoleDraft(before)
            if after.system { draft.name = after.name }
            editor.draft = draft
            editor.reloadInputs()
            let changes = editor.draft.changes(from: editor.base, sourceNames: state.sourceNames)
            guard !changes.isEmpty else {
                state.toasts.post(.info, "Nothing to undo: the last edit changed no field of the form.", now: state.now)
                return
            }
            editor.stage = .confirming(changes)
            state.editor = editor
        case .mapping(let plan, let after)?:
            let inverse = MappingPlan(awsRoleID: plan.awsRoleID, awsRoleName: plan.awsRoleName, baseline: after,
                                      add: plan.remove, remove: plan.add)
            state.modal = .confirm(.applyMapping(inverse), ConfirmDialogState())
        }
    }

    /// F2: refuses with the first problem, or shows the diff to confirm.
    static func requestSave(_ state: inout AppState, _ editor: inout RoleEditor) -> [Effect] {
        if let refusal = ActionRegistry.refusal(ActionRegistry.action(.editRole), readOnly: state.settings.readOnly, unavailable: state.unavailable) {
            state.toasts.post(.warning, "Saving is not available: \(refusal). Your edits stay in the form.", now: state.now, seconds: 6)
            return []
        }
        let local = editor.draft.problems
        if let field = RoleEditor.Focus.allCases.first(where: { local[$0.problemKey] != nil }) {
            editor.focus = field
            if field == .rules, let bad = RuleTree(editor.draft.sourceRules).firstProblem {
                editor.rules.selected = RulesEditor.row(of: bad.path, in: RuleTree(editor.draft.sourceRules))
            }
            state.toasts.post(.warning, "Not saved: \(local[field.problemKey]!)", now: state.now, seconds: 6)
            return []
        }
        var changes = editor.draft.changes(from: editor.base, sourceNames: state.sourceNames)
        if editor.base.id.isEmpty {
            changes.insert(RoleDraft.Change(field: "create", before: "", after: editor.draft.name
                + (editor.copiedFrom.map { " (a copy of \($0), \(editor.draft.permissions.count) permissions, same rules)" } ?? "")), at: 0)
        }
        guard !changes.isEmpty else {
            state.toasts.post(.info, "No change to save.", now: state.now)
            return []
        }
        editor.stage = .confirming(changes)
        return []
    }

    /// A save's answer: close on success, ask on conflict, keep the form and every edit on failure.
    static func handleSaveResult(_ state: inout AppState, _ message: Message) {
        switch message {
        case .roleSaved(let role):
            let fields = state.editor?.changes.map(\.field).joined(separator: ", ") ?? ""
            if let before = state.editor?.base { state.lastChange = .roleEdit(before: before, after: role) }
            state.editor = nil
            var rows = state.roles.catalog.rows
            if let index = rows.firstIndex(where: { $0.id == role.id }) { rows[index] = RoleRow(role: role) }
            state.roles.catalog.replace(rows)
            reselectAll(&state)
            state.toasts.post(.success, "Saved \(role.name)" + (fields.isEmpty ? "." : ": \(fields)."), now: state.now)
        case .roleCreated(let role):
            let from = state.editor?.copiedFrom.map { " as a copy of \($0)" } ?? ""
            state.editor = nil
            showCreatedRole(&state, role)
            _ = setFilter(&state, "", onlyIfActive: true)
            if let position = state.roles.catalog.position(of: role.id) {
                let catalog = state.roles.catalog
                state.roles.table.move(to: position, rowCount: catalog.view.count, visibleRows: ConsoleLayout.listRows(state),
                                       identity: { catalog.row(at: $0)?.id ?? "" })
            }
            state.toasts.post(.success, "Created \(role.name)\(from).", now: state.now)
        case .roleSaveConflict(let current):
            guard var editor = state.editor else { return }
            editor.stage = .conflict(theirs: RoleDraft(current).changes(from: editor.base, sourceNames: state.sourceNames), current: current)
            state.editor = editor
        default:
            break
        }
    }

    /// A failed save: the form stays with its edits, the error is shown, server errors go to their fields.
    static func saveFailed(_ state: inout AppState, _ error: PrivXError) -> String {
        guard var editor = state.editor else { return "" }
        editor.stage = .editing
        var problems: [String: String] = [:]
        if case .http(_, _, _, let body?) = error {
            for item in [body] + body.details {
                if let property = item.property, !property.isEmpty {
                    problems[property] = item.message ?? item.code ?? "The server refused this value."
                }
            }
        }
        editor.serverProblems = problems
        if let field = RoleEditor.Focus.allCases.first(where: { problems[$0.problemKey] != nil }) { editor.focus = field }
        editor.error = "Not saved, your edits are kept (F2 retries): \(error.description)" + ambiguousWriteNote(error)
        state.editor = editor
        return editor.error ?? ""
    }
}
