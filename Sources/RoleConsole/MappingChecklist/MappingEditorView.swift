import TerminalUI

/// The mapping checklist dialog: the pending change, a filterable checklist, and its keys.
enum MappingEditorView {
    /// The checklist between the pending-change line and the key line (the render and
    /// `ConsoleView.settle` share it).
    static func listArea(_ inside: Rect) -> Rect {
        Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: max(0, inside.height - 2))
    }

    /// The checklist widget of an editor.
    static func checklist(_ editor: MappingEditor) -> Checklist {
        Checklist(chrome: FieldChrome(label: "Checked = mapped", focused: true), items: editor.labels)
    }

    /// How many items the checklist of `body` shows.
    static func listRows(_ editor: MappingEditor, body: Rect) -> Int {
        checklist(editor).listRows(in: listArea(ConsoleLayout.checklistBox(body).inset(1).inset(left: 1, right: 1)))
    }

    static func render(_ editor: MappingEditor, into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        let rect = ConsoleLayout.checklistBox(body)
        let inside = Layout.bordered(&buffer, rect, title: editor.title, focused: true, padding: 0).inset(left: 1, right: 1)
        let pending = editor.changes.added.isEmpty && editor.changes.removed.isEmpty ? "No change yet" : "Change: " + editor.summary
        buffer.write(pending, in: inside.row(0), style: .warning)
        let cursor = checklist(editor).render(into: &buffer, in: listArea(inside), state: editor.checklist)
        buffer.write(ModalKeys.line(.checklist),
                     in: inside.row(inside.height - 1), style: .muted, alignment: .center)
        return cursor
    }
}
