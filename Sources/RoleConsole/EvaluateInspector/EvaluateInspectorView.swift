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
        if inspector.showingDetail, let detail = inspector.detail(sourceNames: state.sourceNames) {
            renderDetail(detail, offset: inspector.detailOffset, into: &buffer, area)
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

    /// One user's detail: names whole in a column as wide as the longest (at most half the width), values
    /// and their rule marks wrapped under each other; scrolled by `offset` (clamped here), with a count when
    /// it does not fit.
    static func renderDetail(_ detail: UserDetail, offset: Int, into buffer: inout ScreenBuffer, _ area: Rect) {
        guard area.width > 4, area.height > 0 else { return }
        let labelWidth = min(detail.lines.map { TextWidth.of(sanitize($0.label)) }.max() ?? 0, max(4, area.width / 2)) + 2
        let valueWidth = max(1, area.width - labelWidth)
        var rows: [[TextRun]] = []
        for line in detail.lines {
            let labels = TextWidth.wrap(sanitize(line.label), width: labelWidth - 2)
            let values = TextWidth.wrap(sanitize(line.text), width: valueWidth)
            let style: Style = switch line.mark {
            case .none: .normal
            case .matches: .ok
            case .asks: .warning
            }
            for index in 0..<max(labels.count, values.count, 1) {
                let label = index < labels.count ? labels[index] : ""
                let pad = String(repeating: " ", count: max(0, labelWidth - TextWidth.of(label)))
                rows.append([TextRun(label + pad, .header), TextRun(index < values.count ? values[index] : "", style)])
            }
        }
        let fits = rows.count <= area.height
        let visible = fits ? area.height : area.height - 1
        let top = max(0, min(offset, rows.count - visible))
        for (index, spans) in rows.dropFirst(top).prefix(visible).enumerated() {
            buffer.write(spans: spans, in: area.row(index))
        }
        if !fits {
            buffer.write("lines \(top + 1)–\(min(rows.count, top + visible)) of \(rows.count) · ↑/↓ scroll", in: area.row(area.height - 1),
                         style: .muted, alignment: .right)
        }
    }

    /// The directory name of a user's source (its id when unknown).
    static func source(_ state: AppState, _ user: User) -> String {
        guard let id = user.source else { return "" }
        return state.sourceNames[id] ?? id
    }
}
