import TerminalUI

/// The keys of the role form and its rules tab, for F1 inside the form: the form takes every key, so
/// the roles screen's action registry does not describe it. Disabled entries say why (a system role).
public enum EditorKeys {
    /// Why a system role's name is fixed (shown in help, the form and refusals).
    public static let systemRenameReason = "system role: cannot be renamed"
    /// Why a system role cannot be deleted (shown in help, hints and refusals).
    public static let systemDeleteReason = "system role: cannot be deleted"

    /// Help items for the open form; `readOnly` greys out saving.
    public static func items(_ editor: RoleEditor, readOnly: Bool) -> [ActionItem] {
        let system = editor.draft.system
        let saveReason = readOnly ? "read-only mode (--read-only): restart without it to change data" : nil
        return [
            ActionItem(keys: "Tab Shift-Tab", title: "Next / previous field (↑/↓ outside lists)", group: "Form"),
            ActionItem(keys: "type", title: "Rename: type in the Name field", enabled: !system, reason: system ? systemRenameReason : nil, group: "Form"),
            ActionItem(keys: "Space", title: "Toggle a checkbox, a weekday or a permission", group: "Form"),
            ActionItem(keys: "a e d", title: "Add, edit, delete a line of a list (tags, IP ranges)", group: "Form"),
            ActionItem(keys: "w a", title: "Days: Mon–Fri, every day", group: "Form"),
            ActionItem(keys: "F2", title: "Save: shows the change (before → after) and asks; re-reads the role first",
                       enabled: saveReason == nil, reason: saveReason, group: "Form"),
            ActionItem(keys: "F3", title: "Mapping rules tab (and back to the form)", group: "Form"),
            ActionItem(keys: "F4", title: "Edit the role as JSON in $VISUAL/$EDITOR (vi); checked on return", group: "Form"),
            ActionItem(keys: "F5", title: "Evaluate the unsaved definition: who would match, who gains or loses", group: "Form"),
            ActionItem(keys: "Esc", title: "Close (a second Esc discards unsaved edits)", group: "Form"),
            ActionItem(keys: "↑/↓ j/k", title: "Select a group or rule", group: "Mapping rules (F3)"),
            ActionItem(keys: "a", title: "Add a rule: choose its directory from /sources, then type its LDAP filter", group: "Mapping rules (F3)"),
            ActionItem(keys: "g", title: "Add an ANY group", group: "Mapping rules (F3)"),
            ActionItem(keys: "Enter e", title: "Edit the rule's filter (checked as typed) / switch a group ANY ↔ ALL", group: "Mapping rules (F3)"),
            ActionItem(keys: "m", title: "Switch a group between ANY and ALL", group: "Mapping rules (F3)"),
            ActionItem(keys: "s", title: "Change the rule's directory", group: "Mapping rules (F3)"),
            ActionItem(keys: "d Del", title: "Delete the node (asks for a group that holds rules)", group: "Mapping rules (F3)"),
            ActionItem(keys: "K J", title: "Move the node up / down among its siblings", group: "Mapping rules (F3)"),
            ActionItem(keys: "> <", title: "Move into the group above / out of its group", group: "Mapping rules (F3)"),
            ActionItem(keys: "t", title: "Raw JSON of the tree (read-only, scrollable)", group: "Mapping rules (F3)"),
        ]
    }
}
