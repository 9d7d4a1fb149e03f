import Foundation
import PrivXAPI
import TerminalUI

/// The list screens: roles and AWS roles with a detail pane, members, the API log and the errors.
enum ListScreens {
    static func renderTwoPane(_ state: AppState, into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        let (tableBox, detailBox) = ConsoleLayout.panes(body, focus: state.focus)
        let showTable = detailBox != nil || state.focus == .table
        var cursor: CursorRequest?
        if showTable {
            cursor = state.screen == .roles
                ? renderList(state.roles.list, noun: "Roles", columns: roleColumns, into: &buffer, box: tableBox,
                             focused: state.focus == .table)
                : renderList(state.awsRoles.list, noun: "AWS roles", columns: awsColumns, into: &buffer, box: tableBox,
                             focused: state.focus == .table, withheld: state.awsRoles.withheld)
        }
        if let box = detailBox ?? (showTable ? nil : tableBox) {
            _ = Layout.bordered(&buffer, box, title: detailTitle(state), focused: state.focus == .detail, padding: 0)
            let inside = detailText(in: box)
            // The scroll counter sits on the pane's bottom border, never over its text.
            DetailView(blocks: DetailContent.blocks(state, glyphs: buffer.glyphs), counterBelow: true).render(into: &buffer, in: inside, state: state.detail)
            if state.focus == .detail { cursor = CursorRequest(x: inside.x, y: inside.y, visible: false) }
        }
        return cursor
    }

    /// The detail pane's text area inside its bordered box (the render and `ConsoleView.settle` share it).
    static func detailText(in box: Rect) -> Rect { box.inset(1).inset(left: 1, right: 1) }

    /// The errors screen's table: the upper part of the bordered body (the error's text fills the rest).
    static func errorsSplit(in inside: Rect) -> [Rect] { Layout.split(inside, .vertical, ratios: [40, 60], minimums: [3, 3]) }

    static func detailTitle(_ state: AppState) -> String {
        let tab = state.focus == .detail ? "Tab: table" : "Tab: scroll"
        return state.screen == .roles ? "Role · \(tab)" : "AWS role · \(tab)"
    }

    // Widths follow the shown rows (`Table.columnWidths`): names take the room they need first; an AWS
    // account (12 digits) is never cut, so its column keeps 12 and is cut last.
    static let roleColumns = [
        TableColumn("Name", minWidth: 14, maxWidth: 40, priority: 1), TableColumn("Perms", minWidth: 5, maxWidth: 5, alignment: .right),
        TableColumn("Members", minWidth: 7, maxWidth: 7, alignment: .right), TableColumn("Context", minWidth: 10, maxWidth: 44),
        TableColumn("Tags", minWidth: 4, maxWidth: 24), TableColumn("Updated", minWidth: 4, maxWidth: 10),
    ]

    static let awsColumns = [
        TableColumn("Name", minWidth: 12, maxWidth: 40, priority: 1), TableColumn("Account", minWidth: 12, maxWidth: 12, priority: 2),
        TableColumn("Path", minWidth: 4, maxWidth: 16), TableColumn("Status", minWidth: 7, maxWidth: 7),
        TableColumn("Mapped PrivX roles", minWidth: 6, maxWidth: 60),
    ]

    static func renderList<Row: CatalogRow>(_ pane: ListPane<Row>, noun: String, columns: [TableColumn], into buffer: inout ScreenBuffer,
                                box: Rect, focused: Bool, title: String? = nil, withheld: String? = nil) -> CursorRequest? {
        let catalog = pane.catalog
        let heading = title ?? "\(noun) (\(catalog.view.count) of \(catalog.rows.count))"
        let inside = Layout.bordered(&buffer, box, title: heading, focused: focused, padding: 0)
        if pane.loading && !pane.loaded && catalog.rows.isEmpty {
            let row = Rect(x: inside.x + 1, y: inside.y + inside.height / 2, width: inside.width - 2, height: 1)
            if let progress = pane.progress, progress.total > 0 {
                ProgressBar().render(into: &buffer, in: row, fraction: Double(progress.loaded) / Double(progress.total),
                                     label: "Loading \(noun.lowercased()) \(progress.loaded)/\(progress.total)")
            } else {
                buffer.write("Loading \(noun.lowercased())…", in: row, style: .muted, alignment: .center)
            }
            return nil
        }
        let empty = catalog.rows.isEmpty ? withheld ?? "No \(noun.lowercased()) on the server."
            : "No \(noun.lowercased()) match \u{201C}\(catalog.filterText)\u{201D} · Esc clears the filter"
        let table = Table(columns: columns, rowCount: catalog.view.count, filter: catalog.filter.highlightWords.first ?? "",
                          emptyText: empty, focused: focused, identity: { catalog.id(at: $0) },
                          row: { catalog.row(at: $0)?.cells ?? [] })
        return table.render(into: &buffer, in: inside, state: pane.table)
    }

    static func renderLog(_ state: AppState, into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        let inside = Layout.bordered(&buffer, body, title: "API calls (\(state.apiLog.count)), oldest first · Enter detail · / filter", focused: true, padding: 0)
        let log = state.apiLog
        let view = APILogScreen.view(state)
        let empty = log.isEmpty ? "No API calls yet." : "No call matches \u{201C}\(state.logFilter.text)\u{201D} · Esc clears the filter"
        // A long path is cut in its middle, so the id or query at its end stays visible (Enter shows it whole).
        let table = Table(columns: [TableColumn("Time", minWidth: 8, maxWidth: 8), TableColumn("Method", minWidth: 6, maxWidth: 6),
                                    TableColumn("Path", minWidth: 20, maxWidth: 200, priority: 1, cut: .middle),
                                    TableColumn("Status", minWidth: 6, maxWidth: 24, priority: 2),
                                    TableColumn("ms", minWidth: 5, maxWidth: 7, alignment: .right)],
                          rowCount: view.count, emptyText: empty, identity: { String(view[$0]) }, row: { i in
                              let record = log[view[i]]
                              return [clock(record.startedAt.timeIntervalSince1970), record.method, record.path,
                                      APILogScreen.status(record), String(Int(record.durationMilliseconds.rounded()))]
                          })
        return table.render(into: &buffer, in: inside, state: state.logTable)
    }

    static func renderErrors(_ state: AppState, into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        let inside = Layout.bordered(&buffer, body, title: "Errors (\(state.errors.count)) · Esc back", focused: true, padding: 0)
        let errors = state.errors
        let split = errorsSplit(in: inside)
        let table = Table(columns: [TableColumn("Time", minWidth: 8, maxWidth: 8), TableColumn("Error", minWidth: 20, maxWidth: 400)],
                          rowCount: errors.count, emptyText: "No errors so far.", identity: { String($0) },
                          row: { [clock(errors[$0].time), errors[$0].text] })
        let cursor = table.render(into: &buffer, in: split[0], state: state.errorsTable)
        if state.errorsTable.selected < errors.count {
            DetailView(blocks: [.paragraph(errors[state.errorsTable.selected].text)])
                .render(into: &buffer, in: split[1].inset(top: 1, left: 2, right: 1), state: DetailViewState())
        }
        return cursor
    }

    /// `HH:MM:SS` in UTC.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds) % 86_400
        return String(format: "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    }
}
