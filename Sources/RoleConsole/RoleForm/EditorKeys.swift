import RoleEditing
import TerminalUI

/// Where the role form's keyboard is: the kind of field, the rules tab's mode, or the dialog on top.
/// What a key does depends on it, so the hint bar and the key lines are chosen by it.
public enum EditorPlace: Hashable, Sendable, CaseIterable {
    /// The Name field.
    case name
    /// A one-line text field (comment, access group, start, end, time zone).
    case text
    /// A checkbox (permit agent, context limits, outside limits).
    case checkbox
    /// The weekday toggles.
    case days
    /// The permissions checklist.
    case permissions
    /// A list (tags), browsing.
    case list
    /// The IP ranges list, browsing (its checks as typed, `n` normalizes host bits).
    case ipRanges
    /// A line of a list being typed.
    case listLine
    /// The rules tab, moving through the tree.
    case rules
    /// The rules tab, typing a rule's filter.
    case rulesFilter
    /// The rules tab's directory chooser.
    case rulesChooser
    /// The rules tab asking before deleting a group.
    case rulesDelete
    /// The rules tab's raw JSON.
    case rulesJSON
    /// The save diff is asked.
    case saveDiff
    /// The save is in flight.
    case saving
    /// The role changed on the server meanwhile.
    case conflict
    /// The `$EDITOR` edit was refused.
    case externalEditFailed
}

extension RoleEditor {
    /// Where the keyboard is now.
    public var place: EditorPlace {
        switch stage {
        case .confirming: return .saveDiff
        case .saving: return .saving
        case .conflict: return .conflict
        case .externalEditFailed: return .externalEditFailed
        case .editing: break
        }
        switch focus.field.value {
        case .text: return focus == .name ? .name : .text
        case .flag: return .checkbox
        case .days: return .days
        case .permissions: return .permissions
        case .list: return lists[focus]?.editing != nil ? .listLine : focus == .ipMasks ? .ipRanges : .list
        case .rules: return rules.place
        }
    }
}

extension RulesEditor {
    /// Where the rules tab's keyboard is, by its mode.
    public var place: EditorPlace {
        switch mode {
        case .browsing: .rules
        case .editingFilter: .rulesFilter
        case .choosingSource: .rulesChooser
        case .confirmingDelete: .rulesDelete
        case .rawJSON: .rulesJSON
        }
    }
}

/// The keys of the role form and its rules tab: one table that F1 help, the hint bar and the key
/// lines inside the form are generated from (the form takes every key, so the roles screen's action
/// registry does not describe it). Disabled entries say why (a system role, read-only mode).
public enum EditorKeys {
    /// The fields of the form (not the rules tab, not a dialog).
    static let fields: Set<EditorPlace> = [.name, .text, .checkbox, .days, .permissions, .list, .ipRanges]
    /// Where F1–F5 reach the form (F-keys pass the rules tab's keys; dialogs take every key).
    static let functionKeys: Set<EditorPlace> = fields.union([.listLine, .rules, .rulesFilter])
    /// The function keys the form binds.
    static let fKeys: Set<Key> = [.function(1), .function(2), .function(3), .function(4), .function(5)]
    /// Fields where ↑/↓ move between fields (not lists, whose cursor they move).
    static let lineFields: Set<EditorPlace> = [.name, .text, .checkbox, .days, .rules]
    /// What a refused save says after the reason.
    static let kept = " Your edits stay in the form."

    static let form = "Form"
    static let rulesGroup = "Mapping rules (F3)"
    static let dialogs = "Dialogs over the form"

    /// A handler acting on the open form and the shared context (nothing while the form is closed).
    static func onForm(_ body: @escaping ComponentKeyHandler<RoleEditor>) -> KeyHandler { AppState.handler(\.editor, body) }

    // The handlers: each acts on the form through its own methods (`RoleEditor+Keys.swift`).
    static let moveFocus: KeyHandler = onForm { form, context, key in form.moveFocus(key, &context); return [] }
    static let requestSave: KeyHandler = onForm { form, context, _ in form.requestSave(&context) }
    static let closeForm: KeyHandler = { state, _ in
            // Closing is the composition's: the form says whether it closes now.
            if state.run(\.editor, { form, context in form.close(&context) }) == true { state.editor = nil }
            return []
        }
    static let toggleRulesTab: KeyHandler = onForm { form, _, _ in form.focus = form.focus == .rules ? .name : .rules; return [] }
    static let editExternally: KeyHandler = onForm { form, _, _ in [.editAsJSON(text: RoleJSONEdit.text(of: form.draft, over: form.base))] }
    static let evaluateForm: KeyHandler = onForm { form, context, _ in form.evaluate(&context) }
    static let formHelp: KeyHandler = { state, _ in state.modal = .help(offset: 0); return [] }
    static let saveInFlight: KeyHandler = onForm { _, context, _ in context.refuseDuplicate(.roleForm); return [] }
    static let normalizeRanges: KeyHandler = onForm { form, context, _ in form.normalizeRanges(&context); return [] }

    /// Every key of the form, in help order.
    public static let table: [KeyEntry<EditorPlace>] = [
        KeyEntry([.tab, .backTab], "Tab Shift-Tab", "Next / previous field (↑/↓ outside lists)", hint: ("Tab", "next field"),
                 group: form, places: fields, run: moveFocus),
        KeyEntry([.tab, .backTab], "Tab Shift-Tab", "Leave the rules tab or a list line for the next / previous field",
                 group: form, places: [.rules, .listLine], inHelp: false, run: moveFocus),
        KeyEntry([.down, .up], "↑/↓", "Next / previous field", group: form, places: lineFields, inHelp: false, run: moveFocus),
        KeyEntry([.character("x")], "type", "Rename: type in the Name field", hint: ("type", "rename"), group: form, places: [.name]),
        KeyEntry([.character("x")], "type", "Edit a text field (comment, access group, start, end, time zone)", hint: ("type", "edit"),
                 group: form, places: [.text]),
        KeyEntry([.character(" ")], "Space", "Toggle a checkbox, a weekday or a permission", hint: ("Space", "toggle"),
                 group: form, places: [.checkbox, .days, .permissions]),
        KeyEntry([.left, .right], "←/→", "Move between the weekdays", hint: ("←/→", "day"), group: form, places: [.days]),
        KeyEntry([.character("a"), .character("e"), .character("d")], "a e d", "Add, edit, delete a line of a list (tags, IP ranges)",
                 hint: ("a/e/d", "add/edit/delete"), group: form, places: [.list, .ipRanges]),
        KeyEntry([.character("n")], "n", "IP ranges: write each range with host bits set as the network it means (192.168.1.5/24 → 192.168.1.0/24)",
                 hint: ("n", "normalize"), group: form, places: [.ipRanges], run: normalizeRanges),
        KeyEntry([.character("x")], "type", "Type the line of the list", hint: ("type", "the line"), group: form, places: [.listLine]),
        KeyEntry([.enter], "Enter", "Keep the line typed", hint: ("Enter", "keep"), group: form, places: [.listLine]),
        KeyEntry([.escape], "Esc", "Cancel the line typed", hint: ("Esc", "cancel"), group: form, places: [.listLine], inHelp: false),
        KeyEntry([.character("w"), .character("a")], "w a", "Days: Mon–Fri, every day", hint: ("w/a", "Mon–Fri/all"),
                 group: form, places: [.days]),
        KeyEntry([.function(2)], "F2", "Save: shows the change (before → after) and asks; re-reads the role first",
                 hint: ("F2", "save"), group: form, places: functionKeys, common: true, mutating: true, permission: "roles-manage",
                 needs: .editRole, refusedAs: "Saving", keptNote: kept, run: requestSave),
        KeyEntry([.escape], "Esc", "Close (a second Esc discards unsaved edits)", hint: ("Esc", "close"),
                 group: form, places: fields.union([.rules]), common: true, run: closeForm),
        KeyEntry([.function(3)], "F3", "Mapping rules tab (and back to the form)", hint: ("F3", "rules/form"),
                 group: form, places: functionKeys, common: true, run: toggleRulesTab),
        KeyEntry([.function(4)], "F4", "Edit the role as JSON in $VISUAL/$EDITOR (vi); checked on return", hint: ("F4", "$EDITOR"),
                 group: form, places: functionKeys, common: true, run: editExternally),
        KeyEntry([.function(5)], "F5", "Evaluate the unsaved definition: who would match, who gains or loses", hint: ("F5", "evaluate"),
                 group: form, places: functionKeys, common: true, permission: ActionRegistry.evaluatePermission, needs: .evaluateRole,
                 refusedAs: "Evaluating", run: evaluateForm),
        KeyEntry([.function(1)], "F1", "These keys", hint: ("F1", "all keys"), group: form, places: functionKeys, common: true,
                 run: formHelp),

        KeyEntry([.up, .down, .character("k"), .character("j")], "↑/↓ j/k", "Select a group or rule", group: rulesGroup, places: [.rules]),
        KeyEntry([.character("a")], "a", "Add a rule: choose its directory from /sources, then type its LDAP filter",
                 hint: ("a", "rule"), group: rulesGroup, places: [.rules]),
        KeyEntry([.character("g")], "g", "Add an ANY group", hint: ("g", "group"), group: rulesGroup, places: [.rules]),
        KeyEntry([.enter, .character("e")], "Enter e", "Edit the rule's filter (checked as typed) / switch a group ANY ↔ ALL",
                 hint: ("Enter", "edit"), group: rulesGroup, places: [.rules]),
        KeyEntry([.character("m")], "m", "Switch a group between ANY and ALL", group: rulesGroup, places: [.rules]),
        KeyEntry([.character("s")], "s", "Change the rule's directory", group: rulesGroup, places: [.rules]),
        KeyEntry([.character("d"), .delete], "d Del", "Delete the node (asks for a group that holds rules)", hint: ("d", "delete"),
                 group: rulesGroup, places: [.rules]),
        KeyEntry([.character("K"), .character("J")], "K J", "Move the node up / down among its siblings", hint: ("K/J", "move"),
                 group: rulesGroup, places: [.rules]),
        KeyEntry([.character(">"), .character("<")], "> <", "Move into the group above / out of its group", hint: ("</>", "out/in"),
                 group: rulesGroup, places: [.rules]),
        KeyEntry([.character("t")], "t", "Raw JSON of the tree (read-only, scrollable)", hint: ("t", "JSON"), group: rulesGroup, places: [.rules]),
        KeyEntry([.character("x")], "type", "Type the rule's LDAP filter (RFC 4515, checked as you type)", hint: ("type", "LDAP filter"),
                 group: rulesGroup, places: [.rulesFilter]),
        KeyEntry([.enter, .escape], "Enter Esc", "Done with the filter", hint: ("Enter/Esc", "done"), group: rulesGroup, places: [.rulesFilter]),
        KeyEntry([.up, .down], "↑/↓", "Move in the directory chooser", hint: ("↑/↓", "choose"), group: rulesGroup, places: [.rulesChooser]),
        KeyEntry([.character("c")], "type", "Jump to the first directory whose name starts with (then contains) the typed text; Backspace edits",
                 hint: ("type", "jump"), group: rulesGroup, places: [.rulesChooser]),
        KeyEntry([.enter], "Enter", "Take the directory", hint: ("Enter", "take"), group: rulesGroup, places: [.rulesChooser]),
        KeyEntry([.escape], "Esc", "Leave the chooser, nothing changed", hint: ("Esc", "cancel"), group: rulesGroup, places: [.rulesChooser]),
        KeyEntry([.down, .up, .pageDown, .pageUp], "↑/↓ PgUp/PgDn", "Scroll the raw JSON", hint: ("↑/↓ PgUp/PgDn", "scroll"),
                 group: rulesGroup, places: [.rulesJSON], inHelp: false),
        KeyEntry([.character("t"), .escape], "t Esc", "Close the raw JSON", hint: ("t/Esc", "close"),
                 group: rulesGroup, places: [.rulesJSON], inHelp: false),

        // The save diff, a conflict, a refused external edit and deleting a rules group are questions: their keys
        // come from the question itself (`RoleEditor.question`, answered by `Console.answerQuestion`).
        KeyEntry([.function(2)], "F2", "Nothing more is sent while the save is in flight", group: dialogs, places: [.saving], inHelp: false,
                 run: saveInFlight),
    ]

    /// Why an entry cannot run in this form now, or nil: a system role's name, read-only mode, a permission the
    /// caller's roles do not grant or one the server refused with 403 (the same rules as the dispatcher's).
    static func refusal(_ entry: KeyEntry<EditorPlace>, _ editor: RoleEditor, readOnly: Bool, short: Bool,
                        unavailable: [ActionID: String] = [:], held: Set<String>? = nil) -> String? {
        if entry.places == [.name], editor.draft.system { return short ? "system role" : RoleDraft.systemRenameReason }
        guard let reason = KeyDispatcher.refusal(mutating: entry.mutating, needs: entry.needs, readOnly: readOnly, unavailable: unavailable,
                                                 permissions: entry.permissionNames, held: held) else { return nil }
        guard short else { return reason }
        if entry.mutating && readOnly { return "read-only" }
        let missing = KeyDispatcher.missingPermission(entry.permissionNames, held: held) ?? entry.needs.flatMap { unavailable[$0] }
        return missing.map { "needs \($0)" } ?? "forbidden"
    }

    /// Help items for the open form, greyed with the reason the dispatcher would give.
    public static func items(_ editor: RoleEditor, readOnly: Bool, unavailable: [ActionID: String] = [:], held: Set<String>? = nil) -> [ActionItem] {
        table.filter(\.inHelp).map { entry in
            let reason = refusal(entry, editor, readOnly: readOnly, short: false, unavailable: unavailable, held: held)
            return ActionItem(keys: entry.label, title: entry.title, enabled: reason == nil, reason: reason, group: entry.group)
        }
    }

    /// The hint bar for where the form's keyboard is: only keys that work there, greyed as the lists grey theirs.
    public static func hints(_ editor: RoleEditor, readOnly: Bool, unavailable: [ActionID: String] = [:], held: Set<String>? = nil) -> [KeyHint] {
        KeyEntry.hinted(table, at: editor.place).map { entry in
            let reason = refusal(entry, editor, readOnly: readOnly, short: true, unavailable: unavailable, held: held)
            return KeyHint(keys: entry.keys, item: ActionItem(keys: entry.hint?.keys ?? entry.label, title: entry.hint?.words ?? entry.title,
                                                              enabled: reason == nil, reason: reason, group: entry.group))
        }
    }

    /// The key line under the form's fields: the keys that work in every field.
    public static var formLine: String { KeyEntry.line(KeyEntry.hinted(table, at: .text).filter(\.common)) }

    /// The key line of the rules tab for a place of it: that mode's own keys.
    public static func rulesLine(_ place: EditorPlace) -> String {
        KeyEntry.line(KeyEntry.hinted(table, at: place).filter { !$0.common })
    }
}
