import PrivXAPI
import TerminalUI

/// Draws the users screen: the search input, the users found, and the opened user's roles.
enum UsersView {
    static let userColumns = [
        TableColumn("Principal", minWidth: 10, maxWidth: 24, priority: 1), TableColumn("Full name", minWidth: 8, maxWidth: 28),
        TableColumn("E-mail", minWidth: 8, maxWidth: 36), TableColumn("Source", minWidth: 6, maxWidth: 20),
    ]
    static let roleColumns = [
        TableColumn("Role", minWidth: 10, maxWidth: 24), TableColumn("Holds by", minWidth: 8, maxWidth: 18),
        TableColumn("Grant", minWidth: 5, maxWidth: 36), TableColumn("Mapped by (rule in directory)", minWidth: 30, maxWidth: 90),
    ]

    /// The users table and, once a user is opened, their roles below it (the render and `settle` share them).
    static func boxes(_ body: Rect, opened: Bool) -> [Rect] {
        let rest = Rect(x: body.x, y: body.y + 1, width: body.width, height: max(0, body.height - 1))
        return opened ? Layout.split(rest, .vertical, ratios: [45, 55], minimums: [4, 4]) : [rest]
    }

    /// Stores both tables' drawn offsets and heights (`ConsoleView.settle`).
    static func settle(_ state: inout AppState, _ body: Rect) {
        guard var users = state.users else { return }
        let split = boxes(body, opened: users.opened != nil)
        users.list.table.settle(rowCount: users.list.catalog.view.count, visibleRows: ConsoleLayout.tableRows(in: split[0]))
        if split.count > 1 { users.rolesTable.settle(rowCount: users.roles.count, visibleRows: ConsoleLayout.tableRows(in: split[1])) }
        state.users = users
    }

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        guard let users = state.users else { return nil }
        let searchRow = Rect(x: body.x, y: body.y, width: body.width, height: 1)
        let prompt = "Search users: "
        buffer.fill(searchRow)
        buffer.write(prompt, x: searchRow.x + 1, y: searchRow.y, style: .header, clip: searchRow)
        let field = Rect(x: searchRow.x + 1 + prompt.count, y: searchRow.y, width: max(1, searchRow.width - prompt.count - 2), height: 1)
        let slice = users.search.input.visibleSlice(width: field.width)
        let used = buffer.write(slice.text, x: field.x, y: field.y, clip: field)
        let status = users.search.waiting ? "  searching…" : users.search.input.text.isEmpty ? "  type a name, e-mail or principal" : ""
        if !status.isEmpty { buffer.write(status, x: field.x + used, y: field.y, style: .muted, clip: field) }
        let split = boxes(body, opened: users.opened != nil)
        let title = "Users (\(users.list.catalog.view.count) of \(users.total))" + (users.total > users.list.catalog.rows.count ? " · refine the search" : "")
        var cursor = ListScreens.renderList(users.list, noun: "Users", columns: userColumns, into: &buffer, box: split[0],
                                            focused: users.focus == .users && !users.editing, title: title)
        if let opened = users.opened, split.count > 1 {
            let rolesCursor = renderRoles(users, opened, state, into: &buffer, split[1])
            if users.focus == .roles { cursor = rolesCursor }
        }
        if users.editing { cursor = CursorRequest(x: field.x + slice.cursorColumn, y: field.y, visible: true) }
        return cursor
    }

    static func renderRoles(_ users: UsersState, _ opened: User, _ state: AppState, into buffer: inout ScreenBuffer, _ box: Rect) -> CursorRequest? {
        let title = "Roles of \(opened.principal)" + (users.loadingRoles ? " · loading…" : " (\(users.roles.count))")
        let inside = Layout.bordered(&buffer, box, title: title, focused: users.focus == .roles, padding: 0)
        let rows = users.roles
        let names = state.sourceNames
        let now = state.now
        let table = Table(columns: roleColumns, rowCount: rows.count,
                          emptyText: users.loadingRoles ? "Reading the user's roles…" : "\(opened.principal) holds no role.",
                          focused: users.focus == .roles, identity: { rows[$0].handle.id }, row: { index in
                              let row = rows[index]
                              let grant = row.handle.isExplicit ? GrantText.terms(row.handle, now: now) : ""
                              return [row.handle.name, row.holding, grant, users.mappedBy(row, sourceNames: names)]
                          })
        return table.render(into: &buffer, in: inside, state: users.rolesTable)
    }
}
