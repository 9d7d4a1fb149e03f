import Foundation
import RoleEditing
import TerminalUI

/// Draws the role form: fields on the left, the focused list or its explanation on the right, the
/// context preview, the focused field's problem, and over it the diff or conflict dialog while asked.
enum RoleEditorView {
    static let labelWidth = 17

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        guard let editor = state.editor else { return nil }
        let title = editor.copiedFrom.map { "Duplicate of \(sanitize($0))" }
            ?? (editor.base.id.isEmpty ? "New role" : "Edit role \(sanitize(editor.base.name))")
        let inside = Layout.bordered(&buffer, body, title: title, focused: true, padding: 0).inset(left: 1, right: 1)
        guard inside.height >= 4, inside.width >= 20 else { return nil }
        if editor.focus == .rules {
            let cursor = RulesEditorView.render(editor, sourceNames: state.sourceNames, into: &buffer, inside)
            renderProblemLine(editor, into: &buffer, inside.row(inside.height - 2), skipFocused: true)
            return stageDialog(editor, state: state, into: &buffer, body) ?? cursor
        }
        let (left, right) = columns(inside)
        let problems = editor.problems
        var cursor: CursorRequest?
        let draft = editor.draft
        for field in RoleEditor.Focus.allCases where field.rawValue < left.height - 3 {
            let row = left.row(field.rawValue)
            let chrome = FieldChrome(label: field.label, required: field.field.required, focused: editor.focus == field && editor.stage == .editing)
            var text: TextInputState?
            if case .text = field.field.value { text = editor.text(field) }
            if var text {
                if field == .end, draft.context.wrapsMidnight, !chrome.focused { text = TextInputState(text.text + "  (past midnight, ends next day)") }
                let readOnlyName = field.field.fixedForSystemRoles && draft.system
                let request = TextField(chrome: chrome, labelWidth: labelWidth).render(into: &buffer, in: row, state: text)
                if readOnlyName {
                    let x = row.x + labelWidth + TextWidth.of(sanitize(text.text)) + 2
                    buffer.write("(read-only)", in: Rect(x: x, y: row.y, width: max(0, row.maxX - x), height: 1), style: .muted)
                }
                if chrome.focused { cursor = readOnlyName ? request.map { CursorRequest(x: $0.x, y: $0.y, visible: false) } : request }
                if problems[field.problemKey] != nil { buffer.write("!", in: Rect(x: row.maxX - 1, y: row.y, width: 1, height: 1), style: .danger) }
                continue
            }
            switch field.field.value {
            case .flag(let path):
                let on = draft[keyPath: path]
                var box = chrome
                box.label = field == .blockRole ? (on ? "Block outside the limits" : "Block outside the limits (off: audit only)") : field.label
                _ = Checkbox(chrome: box, isOn: on).render(into: &buffer, in: row)
            case .days:
                _ = ToggleGroup(chrome: chrome, items: ContextSchedule.weekdayNames, labelWidth: labelWidth)
                    .render(into: &buffer, in: row, state: editor.days)
            default:
                let summary: String
                switch field.field.value {
                case .list(let path) where field == .ipMasks: summary = ContextSchedule.describeIPRanges(draft[keyPath: path])
                case .list(let path): summary = draft[keyPath: path].isEmpty ? field.field.emptySummary : draft[keyPath: path].joined(separator: ", ")
                case .permissions:
                    let unknown = draft.permissions.filter { PermissionGroups.group(of: $0) == .unknown }.count
                    summary = "\(draft.permissions.count) granted" + (unknown > 0 ? ", \(unknown) unknown kept" : "")
                case .rules:
                    let rows = RuleTree(draft.sourceRules).rows
                    let rules = rows.filter { !$0.node.isGroup }.count
                    summary = (rules == 0 ? "maps nobody" : "\(counted(rules, "rule")) in \(counted(rows.count - rules, "group"))") + " · F3 opens"
                default: summary = ""
                }
                var plain = chrome
                plain.focused = false
                _ = TextField(chrome: plain, labelWidth: labelWidth).render(into: &buffer, in: row, state: TextInputState(summary))
                if chrome.focused { buffer.write("›", in: Rect(x: row.x, y: row.y, width: 1, height: 1), style: .focus) }
            }
        }
        let preview = draft.context.preview(at: Date(timeIntervalSince1970: state.now))
        buffer.write(sanitize(preview), in: inside.row(inside.height - 3), style: draft.context.enabled ? .ok : .muted)
        // The IP ranges panel says its own problems, all of them: the line below does not repeat them.
        renderProblemLine(editor, into: &buffer, inside.row(inside.height - 2), skipFocused: editor.focus == .ipMasks)
        let keys = editor.stage == .saving ? "Saving… (the form stays open until the server answers)"
            : EditorKeys.formLine
        buffer.write(keys, in: inside.row(inside.height - 1), style: .muted, alignment: .center)
        if let panelCursor = renderPanel(editor, into: &buffer, right) { cursor = panelCursor }
        return stageDialog(editor, state: state, into: &buffer, body) ?? cursor
    }

    /// The save error, the focused field's problem, or how many problems there are and the first; a text
    /// wider than the row wraps upward into the row above it (the preview or status line) instead of being cut.
    static func renderProblemLine(_ editor: RoleEditor, into buffer: inout ScreenBuffer, _ row: Rect, skipFocused: Bool) {
        let problems = editor.problems
        let text: String
        let style: Style
        if let error = editor.error {
            (text, style) = (sanitize(error), .danger)
        } else if !skipFocused, let problem = problems[editor.focus.problemKey] {
            (text, style) = ("\(buffer.glyphs.asciiOnly ? "!" : "✗") \(sanitize(problem))", .danger)
        } else if let (key, problem) = problems.filter({ !skipFocused || $0.key != editor.focus.problemKey }).sorted(by: { $0.key < $1.key }).first {
            (text, style) = ("\(counted(problems.count, "problem")), first at \(key): \(sanitize(problem))", .warning)
        } else {
            return
        }
        var lines = TextWidth.wrap(text, width: row.width)
        if lines.count > 2 {
            lines = [lines[0], lines[1...].joined(separator: " ")]
        }
        for (i, line) in lines.enumerated() {
            let y = row.y - (lines.count - 1) + i
            let target = Rect(x: row.x, y: y, width: row.width, height: 1)
            buffer.fill(target)
            buffer.write(line, in: target, style: style)
        }
    }

    /// The form's question (save, conflict, a refused external edit, deleting a rules group) over it, with its cursor.
    static func stageDialog(_ editor: RoleEditor, state: AppState, into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        guard let question = editor.question(personName: state.roles.personName) else { return nil }
        return question.box(editor.questionFocus).render(into: &buffer, in: body)
    }

    /// The form's inner area inside its bordered box.
    static func inside(_ body: Rect) -> Rect { body.inset(1).inset(left: 1, right: 1) }

    /// The fields column and the right-hand panel (the render and `ConsoleView.settle` share them).
    static func columns(_ inside: Rect) -> (left: Rect, panel: Rect) {
        let panelWidth = min(36, max(18, inside.width / 3))
        let left = Rect(x: inside.x, y: inside.y, width: inside.width - panelWidth - 1, height: inside.height)
        return (left, Rect(x: left.maxX + 1, y: inside.y, width: panelWidth, height: max(0, inside.height - 3)))
    }

    /// The IP ranges panel: the list on top, and under it every finding of the ranges as typed, wrapped (the
    /// list keeps at least three rows; findings that still do not fit end with how many lines more).
    static func ipPanel(_ editor: RoleEditor, _ panel: Rect, asciiOnly: Bool) -> (list: Rect, findingsArea: Rect, findings: [(text: String, style: Style)]) {
        var lines: [(text: String, style: Style)] = []
        for finding in editor.rangeFindings {
            let error = finding.severity == .error
            let mark = error ? (asciiOnly ? "x " : "\u{2717} ") : "! "
            let wrapped = TextWidth.wrap(mark + sanitize(finding.message), width: max(1, panel.width))
            lines += wrapped.map { ($0, error ? Style.danger : Style.warning) }
        }
        let room = max(0, panel.height - 5)
        if lines.count > room, room > 0 {
            let more = lines.count - room + 1
            lines = Array(lines.prefix(room - 1)) + [("\(more) more lines: widen the terminal to read them all", .muted)]
        } else if room == 0 {
            lines = []
        }
        let listHeight = panel.height - lines.count
        return (Rect(x: panel.x, y: panel.y, width: panel.width, height: listHeight),
                Rect(x: panel.x, y: panel.y + listHeight, width: panel.width, height: lines.count), lines)
    }

    /// Item rows of the panel's list or checklist (both draw a label line and a filter or gap line first).
    static func panelRows(_ body: Rect) -> Int { max(1, columns(inside(body)).panel.height - 2) }

    /// The focused list in the panel, or a line or two about the focused field.
    static func renderPanel(_ editor: RoleEditor, into buffer: inout ScreenBuffer, _ rect: Rect) -> CursorRequest? {
        guard !rect.isEmpty else { return nil }
        let focused = editor.stage == .editing
        switch editor.focus {
        case .tags:
            return ListEditor(chrome: FieldChrome(label: "Tags", focused: focused)).render(into: &buffer, in: rect, state: editor.lists[.tags] ?? ListEditorState(items: []))
        case .ipMasks:
            let split = ipPanel(editor, rect, asciiOnly: buffer.glyphs.asciiOnly)
            for (index, line) in split.findings.enumerated() {
                buffer.write(line.text, in: split.findingsArea.row(index), style: line.style)
            }
            return ListEditor(chrome: FieldChrome(label: "IP ranges (CIDR)", focused: focused), emptyText: ContextSchedule.anyAddressText)
                .render(into: &buffer, in: split.list, state: editor.lists[.ipMasks] ?? ListEditorState(items: []))
        case .permissions:
            return Checklist(chrome: FieldChrome(label: "·AG access group, ·kept unknown", focused: focused), items: editor.permissionLabels)
                .render(into: &buffer, in: rect, state: editor.permissions)
        default:
            var lines: [String]
            switch editor.focus {
            case .blockRole: lines = [ContextDraft.blockExplanation, ContextDraft.auditExplanation]
            case .days: lines = ["←/→ choose, Space toggles.", "w: Mon–Fri, a: every day.", "None ticked means every day."]
            case .start, .end: lines = ["HH:MM, 00:00–23:59 (24:00 as end).", "An end before the start runs past midnight.", "Equal start and end: no time limit.",
                                        RoleEditor.selectedOnEntryHint]
            case .timeZone:
                lines = [RoleEditor.selectedOnEntryHint, "Tab completes from the system's zone database:"] + ContextDraft.timeZoneCompletions(editor.text(.timeZone).text).prefix(max(0, rect.height - 1))
            case .contextEnabled:
                lines = [editor.draft.context.enabled ? "On: the limits below apply (days, hours, time zone, IP ranges); Space turns them off."
                    : "Off: the role is active at all times, from any address; Space turns the limits on."]
            case .accessGroup: lines = ["The access group that scopes the ·AG permissions; empty for the default group."]
            case .name where editor.draft.system: lines = ["Read-only: \(RoleDraft.systemRenameReason).", "Delete is refused too (\(RoleDraft.systemDeleteReason))."]
            default: lines = []
            }
            // Explanations wrap, never cut.
            let wrapped = lines.flatMap { TextWidth.wrap(sanitize($0), width: rect.width) }
            for (i, line) in wrapped.prefix(rect.height).enumerated() {
                buffer.write(line, in: Rect(x: rect.x, y: rect.y + i, width: rect.width, height: 1), style: .muted)
            }
            return nil
        }
    }
}
