import TerminalUI

/// The mapping checklist dialog: the pending change, a filterable checklist, and its keys.
enum MappingEditorView {
    static func render(_ editor: MappingEditor, into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        let rect = body.centered(width: min(body.width, 76), height: body.height)
        let inside = Layout.bordered(&buffer, rect, title: editor.title, focused: true, padding: 0).inset(left: 1, right: 1)
        let pending = editor.changes.added.isEmpty && editor.changes.removed.isEmpty ? "No change yet" : "Change: " + editor.summary
        buffer.write(pending, in: inside.row(0), style: .warning)
        let list = Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: max(0, inside.height - 2))
        let cursor = Checklist(chrome: FieldChrome(label: "Checked = mapped", focused: true), items: editor.labels)
            .render(into: &buffer, in: list, state: editor.checklist)
        buffer.write(ModalKeys.line(.checklist),
                     in: inside.row(inside.height - 1), style: .muted, alignment: .center)
        return cursor
    }
}
