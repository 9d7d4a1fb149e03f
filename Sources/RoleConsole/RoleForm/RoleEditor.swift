import Foundation
import PrivXAPI
import RoleEditing
import TerminalUI

/// The open role form: the role it started from, the inputs as typed, which field has the keyboard,
/// and where saving stands. A value inside `AppState`, changed only by `Console.update`.
public struct RoleEditor: Sendable, Equatable {
    /// The fields in form order (Tab and ↑/↓ move through them).
    public enum Focus: Int, Sendable, Hashable, CaseIterable {
        case name, comment, tags, permissions, accessGroup, permitAgent
        case contextEnabled, blockRole, days, start, end, timeZone, ipMasks
        /// The mapping-rules tab (F3): the `source_rules` tree.
        case rules

        /// The label shown left of the field.
        public var label: String {
            switch self {
            case .name: "Name"
            case .comment: "Comment"
            case .tags: "Tags"
            case .permissions: "Permissions"
            case .accessGroup: "Access group"
            case .permitAgent: "Permit agent"
            case .contextEnabled: "Context limits"
            case .blockRole: "Outside limits"
            case .days: "Days"
            case .start: "Start (HH:MM)"
            case .end: "End (HH:MM)"
            case .timeZone: "Time zone"
            case .ipMasks: "IP ranges"
            case .rules: "Mapping rules"
            }
        }

        /// The key of `RoleDraft.problems` (and of a server error's `property`) this field shows.
        public var problemKey: String {
            switch self {
            case .name: "name"
            case .comment: "comment"
            case .tags: "tags"
            case .permissions: "permissions"
            case .accessGroup: "access_group_id"
            case .permitAgent: "permit_agent"
            case .contextEnabled: "context.enabled"
            case .blockRole: "context.block_role"
            case .days: "context.validity"
            case .start: "context.start_time"
            case .end: "context.end_time"
            case .timeZone: "context.timezone"
            case .ipMasks: "context.ip_masks"
            case .rules: RoleDraft.rulesKey
            }
        }

        /// True for fields edited in the panel below the form (lists and the checklist).
        public var usesPanel: Bool { self == .tags || self == .permissions || self == .ipMasks }
    }

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
    public var name: TextInputState
    public var comment: TextInputState
    public var accessGroup: TextInputState
    public var start: TextInputState
    public var end: TextInputState
    public var timeZone: TextInputState
    public var tags: ListEditorState
    public var ipMasks: ListEditorState
    public var days: ToggleGroupState
    public var permissions: ChecklistState
    /// Checklist labels and the permission names, same order.
    public var permissionLabels: [String]
    public var permissionNames: [String]
    /// The last save failure, shown above the keys until the next save.
    public var error: String?
    /// Server validation errors by `property` (a document key, `context.…` for context keys).
    public var serverProblems: [String: String] = [:]
    /// True after one Esc with unsaved edits: the next Esc discards them.
    public var discardArmed = false
    /// The role a duplicate was copied from.
    public var copiedFrom: String?
    /// The mapping-rules tab.
    public var rules = RulesEditor()

    /// A form over `role`.
    public init(role: Role) {
        base = role
        draft = RoleDraft(role)
        name = TextInputState(draft.name)
        comment = TextInputState(draft.comment)
        accessGroup = TextInputState(draft.accessGroupID)
        start = TextInputState(draft.context.start)
        end = TextInputState(draft.context.end)
        timeZone = TextInputState(draft.context.timeZone)
        tags = ListEditorState(items: draft.tags)
        ipMasks = ListEditorState(items: draft.context.ipMasks)
        days = ToggleGroupState(on: draft.context.days)
        let items = PermissionGroups.items(including: draft.permissions)
        permissionNames = items.map(\.name)
        permissionLabels = items.map { item in
            switch item.group {
            case .global: item.name
            case .accessGroup: item.name + " \u{00B7}AG"
            case .unknown: item.name + " \u{00B7}kept"
            }
        }
        let names = items.map(\.name)
        let granted = draft.permissions
        permissions = ChecklistState(checked: Set(names.indices.filter { granted.contains(names[$0]) }))
    }

    /// Copies the inputs into the draft (after every key), keeping the stored order of permissions.
    public mutating func syncDraft() {
        if !draft.system { draft.name = name.text }
        draft.comment = comment.text
        draft.accessGroupID = accessGroup.text
        draft.tags = tags.items
        draft.context.ipMasks = ipMasks.items
        draft.context.start = start.text
        draft.context.end = end.text
        draft.context.timeZone = timeZone.text
        draft.context.days = days.on
        let checked = Set(permissions.checked.map { permissionNames[$0] })
        let kept = RoleDraft(base).permissions.filter { checked.contains($0) }
        draft.permissions = kept + permissionNames.filter { checked.contains($0) && !kept.contains($0) }
    }

    /// Validation problems plus the server's, by problem key.
    public var problems: [String: String] { serverProblems.merging(draft.problems) { _, local in local } }

    /// The edits so far, before → after.
    public var changes: [RoleDraft.Change] { draft.changes(from: base) }

    /// Puts the inputs back in line with `draft` (after reload-and-reapply).
    mutating func reloadInputs() {
        let keepFocus = focus
        var fresh = RoleEditor(role: base)
        fresh.draft = draft
        fresh.name = TextInputState(draft.name)
        fresh.comment = TextInputState(draft.comment)
        fresh.accessGroup = TextInputState(draft.accessGroupID)
        fresh.start = TextInputState(draft.context.start)
        fresh.end = TextInputState(draft.context.end)
        fresh.timeZone = TextInputState(draft.context.timeZone)
        fresh.tags = ListEditorState(items: draft.tags)
        fresh.ipMasks = ListEditorState(items: draft.context.ipMasks)
        fresh.days = ToggleGroupState(on: draft.context.days)
        fresh.permissions.checked = Set(fresh.permissionNames.indices.filter { draft.permissions.contains(fresh.permissionNames[$0]) })
        fresh.focus = keepFocus
        fresh.copiedFrom = copiedFrom
        fresh.rules.selected = rules.selected
        self = fresh
    }
}
