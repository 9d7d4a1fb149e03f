import RoleEditing
import TerminalUI

/// Geometry settled at render time, the way ratatui's `StatefulWidget::render(&mut state)` settles a
/// `TableState`: update keeps logical positions (the selected row, a detail scroll request, a pending
/// `n`/`N`), the widgets draw with offsets clamped to what fits, and the run loop stores those offsets and
/// the drawn heights back after each frame (`ConsoleApp.draw`). Keys then page by the rows that were on
/// screen and scroll from what was seen; no update code asks a view or `ConsoleLayout` for sizes.
///
/// Why write back rather than derive each frame from state alone: the table scrolls as little as
/// possible, so its offset depends on the previous frame (down 30 then up 5 keeps the top row); only a
/// stored offset remembers that.
extension ConsoleView {
    /// Stores what a frame of `state` at its size draws: each shown list's offset and height, and the
    /// detail pane's clamped scroll, resolved search match and height. The same boxes as `render` uses.
    public static func settle(_ state: inout AppState, glyphs: Glyphs) {
        // Below the minimum size nothing but a notice is drawn: the last settled geometry stays.
        guard !TooSmallScreen(minimum: ConsoleLayout.minimum).applies(to: state.size) else { return }
        let body = ConsoleLayout.frame(state.size).body
        func settle<Row: CatalogRow>(_ pane: inout ListPane<Row>, box: Rect) {
            pane.table.settle(rowCount: pane.catalog.view.count, visibleRows: ConsoleLayout.tableRows(in: box))
        }
        switch state.screen {
        case .roles, .awsRoles:
            let (tableBox, detailBox) = ConsoleLayout.panes(body, focus: state.focus)
            if state.screen == .roles { settle(&state.roles.list, box: tableBox) } else { settle(&state.awsRoles.list, box: tableBox) }
            if let box = detailBox ?? (state.focus == .detail ? tableBox : nil) {
                let inside = ListScreens.detailText(in: box)
                let lines = DetailContent.lines(state, width: inside.width, glyphs: glyphs)
                state.detail.settle(lines: lines, visibleRows: max(1, inside.height))
            }
        case .members:
            if state.members != nil { settle(&state.members!.list, box: body) }
            MembersView.settle(&state, body)
        case .users:
            UsersView.settle(&state, body)
        case .log:
            state.logTable.settle(rowCount: APILogScreen.view(state).count, visibleRows: ConsoleLayout.tableRows(in: body))
        case .errors:
            let table = ListScreens.errorsSplit(in: body.inset(1))[0]
            state.errorsTable.settle(rowCount: state.errors.count, visibleRows: Table.visibleRows(in: table))
        case .history:
            HistoryView.settle(&state, body)
        }
        if let editor = state.checklist {
            state.checklist!.checklist.settle(items: editor.labels, visibleRows: max(1, MappingEditorView.listRows(editor, body: body)))
        }
        if state.editor?.focus == .rules, let editor = state.editor {
            let area = RulesEditorView.listArea(RoleEditorView.inside(body))
            state.editor!.rules.settle(visibleRows: area.height, tree: RuleTree(editor.draft.sourceRules))
        } else if var editor = state.editor {
            let rows = RoleEditorView.panelRows(body)
            let field = editor.focus.field
            switch field.value {
            case .list where field.id == .ipMasks:
                let panel = RoleEditorView.columns(RoleEditorView.inside(body)).panel
                let listRows = max(1, RoleEditorView.ipPanel(editor, panel, asciiOnly: false).list.height - 2)
                editor.lists[field.id]?.settle(visibleRows: listRows)
            case .list: editor.lists[field.id]?.settle(visibleRows: rows)
            case .permissions: editor.permissions.settle(items: editor.permissionLabels, visibleRows: rows)
            default: break
            }
            state.editor = editor
        }
        if state.principalKeys != nil {
            let area = PrincipalKeysView.tableArea(PrincipalKeysView.inside(body))
            state.principalKeys!.table.settle(rowCount: state.principalKeys!.keys.count, visibleRows: max(1, Table.visibleRows(in: area)))
        }
        if state.inspector != nil {
            let area = EvaluateInspectorView.listArea(EvaluateInspectorView.inside(body))
            state.inspector!.table.settle(rowCount: state.inspector!.rows.count, visibleRows: max(1, Table.visibleRows(in: area)))
        }
    }
}
