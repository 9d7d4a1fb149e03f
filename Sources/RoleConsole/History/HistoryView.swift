import RoleEditing
import TerminalUI

/// Draws `:history`: this run's changes newest first (when, what, on which role or AWS role, whether `u` can
/// still revert it), with the selected change in full below.
enum HistoryView {
    static let columns = [
        TableColumn("#", minWidth: 3, maxWidth: 4, alignment: .right), TableColumn("Time", minWidth: 8, maxWidth: 8),
        TableColumn("Change", minWidth: 16, maxWidth: 16), TableColumn("On", minWidth: 12, maxWidth: 32, priority: 1),
        TableColumn("What", minWidth: 16, maxWidth: 80, priority: 2), TableColumn("Undo", minWidth: 17, maxWidth: 26, priority: 3),
    ]

    /// The change shown on table row `row` (row 0 is the newest).
    static func record(at row: Int, _ state: AppState) -> ChangeRecord? {
        let entries = state.history.entries
        guard row >= 0, row < entries.count else { return nil }
        return entries[entries.count - 1 - row]
    }

    /// The table and the detail split the bordered body as on `:errors`.
    static func split(in inside: Rect) -> [Rect] { ListScreens.errorsSplit(in: inside) }

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        let count = state.history.entries.count
        let inside = Layout.bordered(&buffer, body, title: "History (\(count) change\(count == 1 ? "" : "s")), newest first · u undoes the newest open · Enter detail",
                                     focused: true, padding: 0)
        let parts = split(in: inside)
        let table = Table(columns: columns, rowCount: count, emptyText: "No changes in this run yet.", identity: { String($0) }, row: { row in
            guard let record = record(at: row, state) else { return [] }
            return ["\(record.number)", ListScreens.clock(record.time), record.change.kind, record.change.object,
                    record.change.summary(now: state.now, named: false), state.history.status(of: record, state, short: true)].map { sanitize($0) }
        })
        let cursor = table.render(into: &buffer, in: parts[0], state: state.historyScreen.table)
        if let record = record(at: state.historyScreen.table.selected, state) {
            DetailView(blocks: detail(record, state).split(separator: "\n").map { .paragraph(sanitize(String($0))) })
                .render(into: &buffer, in: parts[1].inset(top: 1, left: 2, right: 1), state: DetailViewState())
        }
        return cursor
    }

    /// The settled height of the table (the render's rectangle).
    static func settle(_ state: inout AppState, _ body: Rect) {
        let table = split(in: body.inset(1))[0]
        state.historyScreen.table.settle(rowCount: state.history.entries.count, visibleRows: Table.visibleRows(in: table))
    }

    /// A change in full: what it did and what `u` would do with it.
    static func detail(_ record: ChangeRecord, _ state: AppState) -> String {
        let change = record.change
        var lines = ["#\(record.number) at \(ListScreens.clock(record.time)) (UTC): \(change.kind)",
                     "On the \(change.objectIsAWSRole ? "AWS role" : "role") \(change.object)",
                     "What: \(change.summary(now: state.now))"]
        if case .roleEdit(let before, let after, _) = change {
            for field in RoleDraft(after).changes(from: before, sourceNames: state.sourceNames) {
                lines.append("  \(field.field): \(field.before.isEmpty ? "(empty)" : field.before) \u{2192} \(field.after.isEmpty ? "(empty)" : field.after)")
            }
        }
        lines.append("Undo: " + state.history.status(of: record, state))
        return lines.joined(separator: "\n")
    }
}
