import TerminalUI

/// Draws the gallery state into a buffer: status bar, the page, the prompt line, hint bar, overlays.
extension GalleryApp {
    static let minimumSize = Size(width: 60, height: 16)

    /// Draws the frame; returns where the hardware cursor goes.
    mutating func render(into buffer: inout ScreenBuffer) -> CursorRequest? {
        let screen = buffer.bounds
        let tooSmall = TooSmallScreen(minimum: Self.minimumSize)
        if tooSmall.applies(to: buffer.size) {
            tooSmall.render(into: &buffer)
            return nil
        }
        var tabs: [TextRun] = []
        for p in Page.allCases {
            let label = "\(p.rawValue + 1) \(p.title)"
            tabs.append(TextRun(p == page ? "[\(label)]" : " \(label) ", p == page ? .focus : .selection))
        }
        StatusBar(left: [TextRun("Widget gallery ", .selection)] + tabs, right: [TextRun("\(buffer.size.width)×\(buffer.size.height)", .selection)])
            .render(into: &buffer, in: screen.row(0))
        let content = Rect(x: 0, y: 1, width: screen.width, height: screen.height - 3)
        var cursor: CursorRequest?
        switch page {
        case .table: cursor = renderTable(into: &buffer, in: content)
        case .detail: cursor = renderDetail(into: &buffer, in: content)
        case .form: cursor = renderForm(into: &buffer, in: content)
        case .dialogs: cursor = renderDialogs(into: &buffer, in: content)
        }
        let prompt = screen.row(screen.height - 2)
        buffer.fill(prompt)
        if commandActive {
            cursor = CommandLineView().render(into: &buffer, in: prompt, state: command)
        } else if filtering || searching {
            let input = filtering ? filter : search
            let width = buffer.write(filtering ? "Filter: " : "Search: ", x: 0, y: prompt.y, style: .header)
            let field = Rect(x: width, y: prompt.y, width: prompt.width - width, height: 1)
            let slice = input.visibleSlice(width: field.width)
            buffer.write(slice.text, in: field)
            cursor = CursorRequest(x: field.x + slice.cursorColumn, y: field.y, visible: true)
        } else {
            buffer.write("Last dialog: \(lastOutcome) · : command line", in: prompt, style: .muted)
        }
        HintBar(items: hints).render(into: &buffer, in: screen.row(screen.height - 1))
        ToastView().render(into: &buffer, in: Rect(x: 0, y: 1, width: screen.width, height: screen.height - 3), state: toasts)
        if let modal { cursor = renderModal(modal, into: &buffer, in: screen) }
        return cursor
    }

    var hints: [ActionItem] {
        switch page {
        case .table: [ActionItem(keys: "/", title: "filter"), ActionItem(keys: "Space", title: "mark"), ActionItem(keys: "s", title: "sort"),
                      ActionItem(keys: "?", title: "help"), ActionItem(keys: "q", title: "quit"),
                      ActionItem(keys: "d", title: "delete", enabled: false, reason: "read-only")]
        case .detail: [ActionItem(keys: "Tab", title: "tree/detail"), ActionItem(keys: "/", title: "search"), ActionItem(keys: "n/N", title: "next/prev"), ActionItem(keys: "q", title: "quit")]
        case .form: [ActionItem(keys: "Tab", title: "next field"), ActionItem(keys: "Space", title: "toggle"), ActionItem(keys: "F2", title: "table")]
        case .dialogs: [ActionItem(keys: "c", title: "confirm"), ActionItem(keys: "t", title: "typed"), ActionItem(keys: "m", title: "message"),
                        ActionItem(keys: "i/e", title: "toast"), ActionItem(keys: "?", title: "help")]
        }
    }

    private mutating func renderTable(into buffer: inout ScreenBuffer, in area: Rect) -> CursorRequest? {
        let panes = area.width >= 90 ? Layout.split(area, .horizontal, ratios: [3, 2], minimums: [50, 0], gap: 1) : [area]
        let left = Layout.bordered(&buffer, panes[0], title: "Roles (\(order.count) of \(rowCount))", focused: true)
        tableRows = Table.visibleRows(in: left)
        tableTop = left.y + 1
        let order = self.order
        let table = Table(columns: GalleryData.columns, rowCount: order.count, filter: filter.text,
                          emptyText: "No roles match \u{201C}\(filter.text)\u{201D}. Esc clears the filter.",
                          identity: { GalleryData.identity(order[$0]) }, row: { GalleryData.row(order[$0]) })
        let cursor = table.render(into: &buffer, in: left, state: self.table)
        if panes.count > 1 {
            let right = Layout.bordered(&buffer, panes[1], title: "Selected")
            if !order.isEmpty {
                let row = GalleryData.row(order[self.table.selected])
                let blocks: [DetailBlock] = [
                    .field(key: "Name", value: row[0], style: .normal), .field(key: "Members", value: row[1], style: .normal),
                    .field(key: "Source", value: row[2], style: .normal),
                    .field(key: "State", value: row[3] == "enabled" ? "✓ enabled" : "✗ disabled", style: row[3] == "enabled" ? .ok : .danger),
                    .field(key: "Marked", value: "\(self.table.marked.count)", style: .badge),
                ]
                DetailView(blocks: blocks).render(into: &buffer, in: right, state: DetailViewState())
            }
        }
        return cursor
    }

    private mutating func renderDetail(into buffer: inout ScreenBuffer, in area: Rect) -> CursorRequest? {
        let panes = Layout.split(area, .horizontal, ratios: [3, 2], minimums: [30, 20], gap: 1)
        let left = Layout.bordered(&buffer, panes[0], title: "Detail", focused: !treeFocused)
        detailRows = left.height
        detailWidth = left.width
        DetailView(blocks: GalleryData.detail).render(into: &buffer, in: left, state: detail)
        let right = Layout.bordered(&buffer, panes[1], title: "Mapping rules", focused: treeFocused)
        let cursor = TreeView(roots: GalleryData.tree, focused: treeFocused).render(into: &buffer, in: right, state: tree)
        return treeFocused ? cursor : CursorRequest(x: left.x, y: left.y, visible: false)
    }

    private func renderForm(into buffer: inout ScreenBuffer, in area: Rect) -> CursorRequest? {
        let inside = Layout.bordered(&buffer, area, title: "Edit role", focused: true)
        let heights = [nameMessage == nil ? 1 : 2, 1, 1, 1 + GalleryData.sourceChoices.count, 7, 5]
        var first = 0
        while first < focus, heights[first...focus].reduce(0, +) + (focus - first) > inside.height { first += 1 }
        var y = inside.y
        var cursor: CursorRequest?
        for field in first..<heights.count {
            let rect = Rect(x: inside.x, y: y, width: inside.width, height: min(heights[field], inside.maxY - y))
            if rect.height < heights[field] { break }
            let focused = focus == field
            let c: CursorRequest?
            switch field {
            case 0: c = TextField(chrome: FieldChrome(label: "Name", required: true, message: nameMessage, focused: focused), hint: "role name")
                .render(into: &buffer, in: rect, state: nameInput)
            case 1: c = Checkbox(chrome: FieldChrome(label: "Enabled", focused: focused), isOn: enabled).render(into: &buffer, in: rect)
            case 2: c = ToggleGroup(chrome: FieldChrome(label: "Weekdays", focused: focused), items: GalleryData.weekdays)
                .render(into: &buffer, in: rect, state: weekdays)
            case 3: c = ChoiceList(chrome: FieldChrome(label: "Source", required: true, focused: focused), options: GalleryData.sourceChoices)
                .render(into: &buffer, in: rect, state: source)
            case 4: c = Checklist(chrome: FieldChrome(label: "Permissions", focused: focused), items: GalleryData.permissions)
                .render(into: &buffer, in: rect, state: permissions)
            default: c = ListEditor(chrome: FieldChrome(label: "Source networks", focused: focused))
                .render(into: &buffer, in: rect, state: networks)
            }
            if focused { cursor = c }
            y += heights[field] + 1
        }
        return cursor
    }

    private func renderDialogs(into buffer: inout ScreenBuffer, in area: Rect) -> CursorRequest? {
        let inside = Layout.bordered(&buffer, area, title: "Dialogs, toasts, spinner, progress", focused: true, padding: 0).inset(left: 1, right: 1)
        let lines = [
            "c  confirm dialog (focus starts on Cancel)",
            "t  typed-name confirm (type: Développeurs 運用)",
            "m  message box",
            "i  info toast (expires)   e  error toast (stays until Esc)",
            "?  help overlay with disabled actions and reasons",
        ]
        for (i, line) in lines.enumerated() { buffer.write(line, in: inside.row(i)) }
        Spinner().render(into: &buffer, in: inside.row(lines.count + 1), tick: tick, label: "Loading roles from the role store…")
        let fraction = Double(tick % 101) / 100
        ProgressBar().render(into: &buffer, in: inside.row(lines.count + 3), fraction: fraction, label: "Fetched \(tick % 101 * 100) of 10000 roles")
        return nil
    }

    private func renderModal(_ modal: Modal, into buffer: inout ScreenBuffer, in screen: Rect) -> CursorRequest? {
        switch modal {
        case .confirm:
            return ConfirmDialog(title: "Delete role?", message: "Delete the role “Ops-Zürich” (12 members)? Members lose its permissions at once.",
                                 confirmLabel: "Delete", dangerous: true).render(into: &buffer, in: screen, state: confirm)
        case .typed:
            return TypedConfirmDialog(title: "Delete 3 roles", message: "This removes 3 roles and their mappings for good.",
                                      expected: "Développeurs 運用", confirmLabel: "Delete 3 roles").render(into: &buffer, in: screen, state: typed)
        case .message:
            return MessageBox(title: "Error", message: "Error: the role store answered 409 conflict: the role was changed by someone else. Reload it (r) and apply your edit again.",
                              style: .danger).render(into: &buffer, in: screen)
        case .help:
            HelpOverlay(items: GalleryData.actions).render(into: &buffer, in: screen, offset: helpOffset)
            return nil
        }
    }
}
