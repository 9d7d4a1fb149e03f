import PrivXAPI
import TerminalUI

/// Draws the evaluate inspector: the headline (count, gain/lose), the users table, or one user's detail.
enum EvaluateInspectorView {
    /// The users table (or count-only text) between the headline and the key line; the render and
    /// `ConsoleView.settle` share it.
    static func listArea(_ inside: Rect) -> Rect {
        Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: max(0, inside.height - 3))
    }

    /// The inner area of the inspector's bordered box.
    static func inside(_ body: Rect) -> Rect { body.inset(1).inset(left: 1, right: 1) }

    static func render(_ state: AppState, into buffer: inout ScreenBuffer, _ body: Rect) -> CursorRequest? {
        guard let inspector = state.inspector else { return nil }
        let inside = Layout.bordered(&buffer, body, title: "Evaluate \(sanitize(inspector.roleName))", focused: true, padding: 0)
            .inset(left: 1, right: 1)
        guard inside.height >= 3 else { return nil }
        buffer.write(sanitize(inspector.summary), in: inside.row(0), style: inspector.isCountOnly ? .warning : .header)
        let place = ModalKeys.place(inspector)
        let keys = ModalKeys.line(place) + (place == .inspectorList ? " · + gains, − loses the role" : "")
        buffer.write(keys, in: inside.row(inside.height - 1), style: .muted, alignment: .center)
        let area = listArea(inside)
        if inspector.isCountOnly {
            let lines = ["The server counts \(inspector.count) matching users but lists none above its limit,",
                         "so who would gain or lose the role cannot be shown.",
                         "Narrow the rules (an LDAP filter, ALL instead of ANY) to see who they are."]
            for (index, line) in lines.enumerated() where index < area.height { buffer.write(line, in: area.row(index)) }
            return nil
        }
        let rows = inspector.rows
        if inspector.showingDetail, rows.indices.contains(inspector.table.selected) {
            let user = rows[inspector.table.selected].user
            var lines: [(String, String)] = [
                ("Principal", user.principal), ("Full name", user.fullName ?? ""), ("Email", user.email ?? ""),
                ("Source", source(state, user)), ("Department", EvaluateInspector.department(user)),
                ("DN", user.distinguishedName ?? ""),
                ("Change", rows[inspector.table.selected].mark == "+" ? "would gain the role"
                    : rows[inspector.table.selected].mark == "\u{2212}" ? "would lose the role" : "keeps the role"),
                ("Roles", user.roles.map(\.name).joined(separator: ", ")),
            ]
            lines += EvaluateInspector.attributes(user).map { ("  " + $0.key, $0.value) }
            for (index, line) in lines.enumerated() where index < area.height {
                buffer.write(spans: [TextRun(String(line.0.prefix(14)).padding(toLength: 15, withPad: " ", startingAt: 0), .header),
                                     TextRun(sanitize(line.1), .normal)], in: area.row(index))
            }
            return nil
        }
        let table = Table(columns: [TableColumn("", minWidth: 1, maxWidth: 1), TableColumn("Principal", minWidth: 8, maxWidth: 24),
                                    TableColumn("Full name", minWidth: 8, maxWidth: 28), TableColumn("Email", minWidth: 10, maxWidth: 36),
                                    TableColumn("Source", minWidth: 6, maxWidth: 20), TableColumn("Department", minWidth: 6, maxWidth: 20)],
                          rowCount: rows.count, emptyText: "No user would match this definition.",
                          identity: { rows.indices.contains($0) ? rows[$0].user.id : "" }, row: { i in
                              let (mark, user) = rows[i]
                              return [mark, user.principal, user.fullName ?? "", user.email ?? "", source(state, user),
                                      EvaluateInspector.department(user)]
                          })
        return table.render(into: &buffer, in: area, state: inspector.table)
    }

    /// The directory name of a user's source (its id when unknown).
    static func source(_ state: AppState, _ user: User) -> String {
        guard let id = user.source else { return "" }
        return state.sourceNames[id] ?? id
    }
}
