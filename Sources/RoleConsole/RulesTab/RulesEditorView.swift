import PrivXAPI
import RoleEditing
import TerminalUI

/// Draws the rules tab of the role form: the `source_rules` tree with directory names, each rule's
/// filter problem on the line under it, the filter being typed, the directory chooser, the delete
/// question and the read-only raw JSON.
enum RulesEditorView {
    /// One drawn line: a node row, or the problem under a rule.
    struct Line {
        var row: Int
        var spans: [TextRun]
        var isProblem = false
    }

    /// The tree's (or raw JSON's) rows under the heading, above the status and key lines (the render and
    /// `ConsoleView.settle` share it).
    static func listArea(_ inside: Rect) -> Rect {
        Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: max(0, inside.height - 4))
    }

    static func render(_ editor: RoleEditor, sourceNames: [String: String], into buffer: inout ScreenBuffer, _ inside: Rect) -> CursorRequest? {
        let tree = RuleTree(editor.draft.sourceRules)
        let rows = tree.rows
        let selected = min(max(0, editor.rules.selected), rows.count - 1)
        let area = listArea(inside)
        let focused = editor.stage == .editing
        var cursor: CursorRequest?

        if case .rawJSON(let requested) = editor.rules.mode {
            let lines = RulesEditor.jsonLines(tree)
            let offset = RulesEditor.jsonOffset(requested, lines: lines.count, rows: area.height)
            let last = min(lines.count, offset + area.height)
            buffer.write("Raw JSON of source_rules, lines \(offset + 1)–\(last) of \(lines.count) (read-only; what F2 would send)",
                         in: inside.row(0), style: .header)
            for (index, line) in lines[min(offset, lines.count)..<last].enumerated() {
                buffer.write(line, in: area.row(index), style: .normal)
            }
        } else {
            buffer.write("Mapping rules · ANY: one child must match · ALL: every child must · F3 form",
                         in: inside.row(0), style: .header)
            let lines = treeLines(rows, sourceNames: sourceNames, glyphs: buffer.glyphs)
            let selectedLine = lines.firstIndex { $0.row == selected && !$0.isProblem } ?? 0
            let lastOfSelected = (lines.lastIndex { $0.row == selected } ?? selectedLine)
            let offset = max(0, min(lastOfSelected - area.height + 1, max(0, lines.count - area.height)))
            for (index, line) in lines.dropFirst(offset).prefix(area.height).enumerated() {
                // A two-column gutter carries the `›` of the selected node (not only its colour).
                let isSelected = line.row == selected && !line.isProblem
                buffer.write(isSelected ? buffer.glyphs.pointer : " ", in: area.row(index).inset(right: max(0, area.width - 1)), style: .focus)
                let rect = area.row(index).inset(left: 2)
                if isSelected, case .editingFilter(let input) = editor.rules.mode {
                    let label = line.spans.dropLast().map(\.text).joined()
                    let used = buffer.write(label, x: rect.x, y: rect.y, style: .focus, clip: rect)
                    let field = Rect(x: rect.x + used, y: rect.y, width: max(1, rect.width - used), height: 1)
                    buffer.fill(field, style: .selection)
                    let slice = input.visibleSlice(width: field.width)
                    buffer.write(slice.text, x: field.x, y: field.y, style: .selection, clip: field)
                    cursor = CursorRequest(x: field.x + slice.cursorColumn, y: field.y, visible: true)
                } else if isSelected {
                    buffer.fill(rect, style: focused ? .selection : .focus)
                    buffer.write(line.spans.map(\.text).joined(), in: rect, style: focused ? .selection : .focus)
                    cursor = CursorRequest(x: rect.x, y: rect.y, visible: false)
                } else {
                    buffer.write(spans: line.spans, in: rect)
                }
            }
        }

        let node = rows[selected].node
        let problem = node.isGroup ? nil : RuleTree(node).firstProblem?.problem
        let status: String
        if let problem {
            status = (buffer.glyphs.asciiOnly ? "! " : "✗ ") + problem
        } else if tree.root.mapsNobody {
            status = "Maps nobody yet: a adds a rule (members are then explicit grants only)."
        } else {
            let ruleCount = rows.filter { !$0.node.isGroup }.count
            status = "\(counted(ruleCount, "rule")) in \(counted(rows.count - ruleCount, "group")); F5 evaluates this unsaved tree."
        }
        buffer.write(sanitize(status), in: inside.row(inside.height - 3), style: problem == nil ? .muted : .danger)

        buffer.write(EditorKeys.rulesLine(editor.rules.place), in: inside.row(inside.height - 1), style: .muted, alignment: .center)

        switch editor.rules.mode {
        case .choosingSource(let choice, let adding, let query):
            let sources = RulesEditor.choices(sourceNames)
            let options = sources.map { "\($0.name)  (\($0.id.prefix(8)))" }
            let height = min(area.height, options.count + 3)
            let box = area.centered(width: min(area.width, 56), height: max(4, height))
            buffer.fill(box)
            let inner = Layout.bordered(&buffer, box, title: adding ? "Directory of the new rule" : "Change the rule's directory",
                                        focused: true, padding: 0).inset(left: 1, right: 1)
            let label = query.isEmpty ? "From GET /sources, by name; type to jump"
                : "Jump to: \(sanitize(query))" + (RulesEditor.jump(query, in: sources) == nil ? " (no name has it)" : "")
            cursor = ChoiceList(chrome: FieldChrome(label: label, focused: true), options: options)
                .render(into: &buffer, in: inner, state: choice)
        case .confirmingDelete:
            // Drawn over the whole form as its question (`RoleEditorView.stageDialog`).
            break
        default:
            break
        }
        return cursor
    }

    /// The tree as lines with guides; a rule whose filter does not parse gets its problem on the next line.
    static func treeLines(_ rows: [RuleTree.Row], sourceNames: [String: String], glyphs: Glyphs) -> [Line] {
        var lines: [Line] = []
        for (index, row) in rows.enumerated() {
            var prefix = ""
            if row.depth > 0 {
                for level in 1..<row.depth {
                    let ancestor = Array(row.path.prefix(level))
                    prefix += isLast(ancestor, rows) ? "  " : glyphs.treePipe
                }
                prefix += isLast(row.path, rows) ? glyphs.treeLast : glyphs.treeBranch
            }
            let node = row.node
            if node.isGroup {
                let match = (node.match ?? "ANY").uppercased()
                let meaning = match == "ALL" ? "every child must match" : "any child matches"
                let count = node.rules.isEmpty ? " (empty: maps nobody)" : " (\(node.rules.count))"
                lines.append(Line(row: index, spans: [TextRun(prefix, .muted), TextRun("\(match) of", .header),
                                                      TextRun(count + " · " + meaning, .muted)]))
            } else {
                let source = RuleTree.sourceLabel(node.source, sourceNames)
                let known = node.source.map { sourceNames[$0] != nil } ?? false
                lines.append(Line(row: index, spans: [TextRun(prefix, .muted), TextRun(source + "  ", known ? .ok : .warning),
                                                      TextRun(node.searchString ?? "", .normal)]))
                if let problem = RuleTree(node).firstProblem?.problem {
                    let indent = String(repeating: " ", count: TextWidth.of(prefix) + 2)
                    lines.append(Line(row: index, spans: [TextRun(indent + (glyphs.asciiOnly ? "! " : "✗ ") + problem, .danger)], isProblem: true))
                }
            }
        }
        return lines
    }

    static func isLast(_ path: [Int], _ rows: [RuleTree.Row]) -> Bool {
        guard let last = path.last else { return true }
        let parent = Array(path.dropLast())
        let siblings = rows.first { $0.path == parent }?.node.rules.count ?? 0
        return last == siblings - 1
    }
}
