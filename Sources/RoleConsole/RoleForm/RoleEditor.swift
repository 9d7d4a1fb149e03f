import Foundation
import PrivXAPI
import RoleEditing
import TerminalUI

/// The open role form as a component: the role it started from, the inputs as typed, which field has
/// the keyboard, and where saving stands. Its key handlers (`RoleEditor+Keys.swift`, run from
/// `EditorKeys.table`) and its `update` (`RoleEditor+Results.swift`) act on it and the shared context;
/// the rules tab (`rules`) is a nested component that takes its keys first.
public struct RoleEditor: ConsoleComponent, Equatable {
    /// The fields in form order (Tab and ↑/↓ move through them), described in `RoleFormField.all`.
    public typealias Focus = RoleFormField.ID

    /// Where saving stands.
    public enum Stage: Sendable, Equatable {
        /// Typing.
        case editing
        /// The diff is shown; y saves.
        case confirming([RoleDraft.Change])
        /// The PUT is in flight; another save sends nothing.
        case saving
        /// The role changed on the server since the form opened: their change, and the role as it is now.
        case conflict(theirs: [RoleDraft.Change], current: Role)
        /// The `$EDITOR` edit was not taken: why, and the edited text (to edit again) when there is one.
        case externalEditFailed(String, text: String?)
    }

    /// The role as the form opened on it (or as reloaded after a conflict).
    public var base: Role
    public var draft: RoleDraft
    public var focus: Focus = .name
    public var stage: Stage = .editing
    /// The one-line inputs, by field (every `.text` field of `RoleFormField.all`).
    public var texts: [Focus: TextInputState] = [:]
    /// The list editors, by field (every `.list` field).
    public var lists: [Focus: ListEditorState] = [:]
    public var days = ToggleGroupState(on: [])
    public var permissions = ChecklistState(checked: [])
    /// Checklist labels and the permission names, same order.
    public var permissionLabels: [String]
    public var permissionNames: [String]
    /// The last save failure, shown above the keys until the next save.
    public var error: String?
    /// Server validation errors by `property` (a document key, `context.…` for context keys).
    public var serverProblems: [String: String] = [:]
    /// True after one Esc with unsaved edits: the next Esc discards them.
    public var discardArmed = false
    /// The highlighted button of the form's open question (save, conflict, refused external edit, deleting a rules group).
    public var questionFocus = QuestionFocus()
    /// The role a duplicate was copied from.
    public var copiedFrom: String?
    /// Set when the form reverts a change of `:history` (`u`): its save marks that change undone.
    public var undoOf: UndoTarget?
    /// The mapping-rules tab.
    public var rules = RulesEditor()
    /// Fields both I and someone else changed, still to be asked about after a reload (`r` on a conflict).
    public var unresolved: [RoleMerge.Conflict] = []

    /// A form over `role`.
    public init(role: Role) {
        base = role
        draft = RoleDraft(role)
        let items = PermissionGroups.items(including: draft.permissions)
        permissionNames = items.map(\.name)
        permissionLabels = items.map { item in
            switch item.group {
            case .global: item.name
            case .accessGroup: item.name + " \u{00B7}AG"
            case .unknown: item.name + " \u{00B7}kept"
            }
        }
        loadInputs()
    }

    /// The input of a one-line field.
    public func text(_ field: Focus) -> TextInputState { texts[field] ?? TextInputState() }

    /// Sets every input from `draft`, field by field as `RoleFormField.all` describes them.
    mutating func loadInputs() {
        for field in RoleFormField.all {
            switch field.value {
            case .text(let path): texts[field.id] = TextInputState(draft[keyPath: path])
            case .list(let path): lists[field.id] = ListEditorState(items: draft[keyPath: path])
            case .days: days = ToggleGroupState(on: draft.context.days)
            case .permissions:
                let granted = draft.permissions
                permissions.checked = Set(permissionNames.indices.filter { granted.contains(permissionNames[$0]) })
            case .flag, .rules: break
            }
        }
    }

    /// Copies the inputs into the draft (after every key), keeping the stored order of permissions.
    public mutating func syncDraft() {
        for field in RoleFormField.all where !(field.fixedForSystemRoles && draft.system) {
            switch field.value {
            case .text(let path): if let input = texts[field.id] { draft[keyPath: path] = input.text }
            case .list(let path): if let input = lists[field.id] { draft[keyPath: path] = input.items }
            case .days: draft.context.days = days.on
            case .permissions:
                let checked = Set(permissions.checked.map { permissionNames[$0] })
                let kept = RoleDraft(base).permissions.filter { checked.contains($0) }
                draft.permissions = kept + permissionNames.filter { checked.contains($0) && !kept.contains($0) }
            case .flag, .rules: break
            }
        }
    }

    /// Validation problems plus the server's, by problem key.
    public var problems: [String: String] { serverProblems.merging(draft.problems) { _, local in local } }

    /// The edits so far, before → after.
    public var changes: [RoleDraft.Change] { draft.changes(from: base) }

    /// Puts the inputs back in line with `draft` (after reload-and-reapply).
    mutating func reloadInputs() {
        var fresh = RoleEditor(role: base)
        fresh.draft = draft
        fresh.loadInputs()
        fresh.focus = focus
        fresh.copiedFrom = copiedFrom
        fresh.undoOf = undoOf
        fresh.rules.selected = rules.selected
        fresh.unresolved = unresolved
        self = fresh
    }
}
