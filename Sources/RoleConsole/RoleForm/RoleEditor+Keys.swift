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

/// The form's key handlers (`EditorKeys.table` runs them through `KeyDispatcher`): each acts on the open
/// form and the shared context only. The rules tab, a nested component, takes its keys first.
extension RoleEditor {
    /// The rules tab takes its keys first while it has the keyboard and the form is editing (the F-keys
    /// where the table binds them stay the form's).
    mutating func rulesKey(_ key: Key, at place: EditorPlace, _ context: inout ConsoleContext) -> ComponentAnswer {
        guard stage == .editing, focus == .rules else { return .passed }
        if EditorKeys.functionKeys.contains(place), EditorKeys.fKeys.contains(key) { return .passed }
        let outcome = rules.apply(key, draft: &draft, sources: RulesEditor.choices(context.sourceNames))
        guard outcome != .ignored else { return .passed }
        discardArmed = false
        serverProblems[RoleDraft.rulesKey] = nil
        if case .notice(let text) = outcome { context.post(.info, text, seconds: 6) }
        return .handled([])
    }

    /// A key no entry binds while the form edits: the focused field's widget takes it (typed text, a
    /// list's lines, a checkbox, the weekdays, the permissions checklist).
    mutating func fieldKey(_ key: Key, _ context: inout ConsoleContext) -> [Effect] {
        guard stage == .editing else { return [] }
        discardArmed = false
        serverProblems[focus.problemKey] = nil
        let field = focus.field
        if field.fixedForSystemRoles, draft.system {
            context.post(.warning, "Not renamed: \(base.name) is a \(RoleDraft.systemRenameReason).")
            return []
        }
        if dropsQ(key) {
            context.post(.info, Self.qInForm, seconds: 6)
            return []
        }
        switch field.value {
        case .text: _ = texts[field.id]?.apply(key)
        case .list: _ = lists[field.id]?.apply(key)
        case .permissions: _ = permissions.apply(key, items: permissionLabels)
        case .flag(let path):
            if let on = Checkbox.toggled(draft[keyPath: path], by: key) { draft[keyPath: path] = on }
        case .days:
            switch key {
            case .character("w"): days.on = Set(0...4)
            case .character("a"): days.on = Set(0...6)
            default: _ = days.apply(key, count: 7)
            }
        case .rules: break
        }
        syncDraft()
        return []
    }

    /// Tab / Shift-Tab (and ↑/↓ outside lists): the next or previous field; Tab in an unknown time zone
    /// completes it first (`completeTimeZone`); a short field entered selects its text (`enteredField`).
    mutating func moveFocus(_ key: Key, _ context: inout ConsoleContext) {
        let count = Focus.allCases.count
        defer { enteredField() }
        switch key {
        case .tab:
            if focus == .timeZone {
                let completion = completeTimeZone()
                if let notice = completion.notice { context.post(.info, notice, seconds: 6) }
                if completion.stays { return }
            }
            focus = Focus(rawValue: (focus.rawValue + 1) % count) ?? .name
        case .backTab:
            focus = Focus(rawValue: (focus.rawValue + count - 1) % count) ?? .name
        case .down:
            focus = Focus(rawValue: min(focus.rawValue + 1, count - 1)) ?? .name
        case .up:
            focus = Focus(rawValue: max(focus.rawValue - 1, 0)) ?? .name
        default:
            break
        }
    }

    /// F2: refuses with the first problem, or shows the diff to confirm.
    mutating func requestSave(_ context: inout ConsoleContext) -> [Effect] {
        let local = draft.problems
        if let field = Focus.allCases.first(where: { local[$0.problemKey] != nil }) {
            focus = field
            if field == .rules, let bad = RuleTree(draft.sourceRules).firstProblem {
                rules.selected = RulesEditor.row(of: bad.path, in: RuleTree(draft.sourceRules))
            }
            context.post(.warning, "Not saved: \(local[field.problemKey]!)", seconds: 6)
            return []
        }
        var changes = draft.changes(from: base, sourceNames: context.sourceNames)
        if base.id.isEmpty {
            changes.insert(RoleDraft.Change(field: "create", before: "", after: draft.name
                + (copiedFrom.map { " (a copy of \($0), \(draft.permissions.count) permissions, same rules)" } ?? "")), at: 0)
        }
        guard !changes.isEmpty else {
            context.post(.info, "No change to save.")
            return []
        }
        stage = .confirming(changes)
        return []
    }

    /// y / Enter on the save diff: the save starts as an operation (one at a time).
    mutating func confirmSave(_ context: inout ConsoleContext) -> [Effect] {
        let effects = context.begin(.roleForm, .saveRole(base: base, draft: draft, overwrite: false))
        guard !effects.isEmpty else { return [] }
        context.bindUndo(effects, undoOf)
        stage = .saving
        error = nil
        serverProblems = [:]
        return effects
    }

    /// r on a conflict: a three-way merge of the form (base: the role it opened on, theirs: the role now, mine:
    /// the form). What only one side changed is taken without asking; each field both changed is asked about,
    /// one question at a time (`RoleEditor+Merge.swift`).
    mutating func reloadAndReapply(_ context: inout ConsoleContext) {
        guard case .conflict(_, let current) = stage else { return }
        let merge = RoleMerge(base: base, theirs: current, mine: draft, sourceNames: context.sourceNames)
        draft = merge.draft
        base = current
        unresolved = merge.conflicts
        reloadInputs()
        stage = .editing
        discardArmed = false
        let taken = merge.takenFromTheirs.isEmpty ? "" : " Took their change to \(merge.takenFromTheirs.joined(separator: ", "))."
        if unresolved.isEmpty {
            let kept = merge.keptMine.isEmpty ? "" : " Kept your edits to \(merge.keptMine.joined(separator: ", "))."
            context.post(.info, "Reloaded the role.\(taken)\(kept) Review and press F2 to save.", seconds: 8)
        } else {
            if !taken.isEmpty { context.post(.info, "Reloaded the role.\(taken)", seconds: 8) }
            askNextConflict(&context)
        }
    }

    /// o on a conflict: the form's edits written over the current role.
    mutating func overwrite(_ context: inout ConsoleContext) -> [Effect] {
        guard case .conflict(_, let current) = stage else { return [] }
        let effects = context.begin(.roleForm, .saveRole(base: current, draft: draft, overwrite: true))
        if !effects.isEmpty { stage = .saving }
        context.bindUndo(effects, undoOf)
        return effects
    }

    /// e after a refused `$EDITOR` edit: the same text again.
    mutating func editAgain() -> [Effect] {
        guard case .externalEditFailed(_, let text) = stage else { return [] }
        stage = .editing
        return [.editAsJSON(text: text ?? RoleJSONEdit.text(of: draft, over: base))]
    }

    /// F5: evaluate the unsaved definition.
    func evaluate(_ context: inout ConsoleContext) -> [Effect] {
        EvaluateInspector.start(draft.applied(to: base), membersOf: base.id.isEmpty ? nil : base.id, &context)
    }

    /// Esc: true when the form closes now; else the discard of unsaved edits is armed (a second Esc discards).
    mutating func close(_ context: inout ConsoleContext) -> Bool {
        if changes.isEmpty || discardArmed {
            if !changes.isEmpty { context.post(.info, "Edits discarded; nothing was written.") }
            return true
        }
        discardArmed = true
        context.post(.warning, "Unsaved edits: Esc again discards them, F2 saves.", seconds: 6)
        return false
    }
}
