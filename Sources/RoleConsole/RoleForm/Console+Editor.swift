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

    /// A key no entry binds while the form edits: the focused field's widget takes it (typed text, a
    /// list's lines, a checkbox, the weekdays, the permissions checklist).
    static func fieldKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        withForm(&state) { state, editor in
            guard editor.stage == .editing else { return [] }
            editor.discardArmed = false
            editor.serverProblems[editor.focus.problemKey] = nil
            let field = editor.focus.field
            if field.fixedForSystemRoles, editor.draft.system {
                state.toasts.post(.warning, "Not renamed: \(editor.base.name) is a \(RoleDraft.systemRenameReason).", now: state.now)
                return []
            }
            if editor.dropsQ(key) {
                state.toasts.post(.info, RoleEditor.qInForm, now: state.now, seconds: 6)
                return []
            }
            switch field.value {
            case .text: _ = editor.texts[field.id]?.apply(key)
            case .list: _ = editor.lists[field.id]?.apply(key)
            case .permissions: _ = editor.permissions.apply(key, items: editor.permissionLabels)
            case .flag(let path):
                if let on = Checkbox.toggled(editor.draft[keyPath: path], by: key) { editor.draft[keyPath: path] = on }
            case .days:
                switch key {
                case .character("w"): editor.days.on = Set(0...4)
                case .character("a"): editor.days.on = Set(0...6)
                default: _ = editor.days.apply(key, count: 7)
                }
            case .rules: break
            }
            editor.syncDraft()
            return []
        }
    }

    /// F2: refuses with the first problem, or shows the diff to confirm.
    static func requestSave(_ state: inout AppState, _ editor: inout RoleEditor) -> [Effect] {
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
                state.roles.table.select(position, rowCount: catalog.view.count, identity: { catalog.row(at: $0)?.id ?? "" })
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
