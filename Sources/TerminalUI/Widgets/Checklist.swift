/// A filterable multi-select list's state: the filter input, checked items and cursor.
public struct ChecklistState: Equatable, Sendable {
    /// Filter text (typing edits it).
    public var filter = TextInputState()
    /// Checked item indexes (into the full item list).
    public var checked: Set<Int>
    /// Cursor position among the filtered items.
    public var cursor = 0
    /// First visible filtered item as last settled; the render keeps the cursor visible from here.
    public var offset = 0
    /// Item rows drawn in the last frame (`settle`); nil before the first, when a page is one row.
    public var viewportRows: Int?

    /// Creates a state.
    public init(checked: Set<Int> = []) { self.checked = checked }

    /// Indexes of the items matching the filter.
    public func visibleItems(_ items: [String]) -> [Int] {
        items.indices.filter { MatchHighlight.matches(sanitize(items[$0]), query: filter.text) }
    }

    /// Like `apply(_:items:visibleRows:)` but leaves the offset for the render to settle (render-time
    /// geometry, as `TableState` does) and pages by the rows last drawn.
    public mutating func apply(_ key: Key, items: [String]) -> Bool {
        let keep = offset
        defer { offset = keep }
        return apply(key, items: items, visibleRows: viewportRows ?? 1)
    }

    /// Records a frame of `visibleRows` item rows: the offset that keeps the cursor visible and the height.
    public mutating func settle(items: [String], visibleRows: Int) {
        offset = TableState.offset(keeping: cursor, current: offset, rowCount: visibleItems(items).count, visibleRows: visibleRows)
        viewportRows = visibleRows
    }

    /// Up/Down move, Space toggles, other editing keys change the filter; false for keys it does not use.
    public mutating func apply(_ key: Key, items: [String], visibleRows: Int) -> Bool {
        var visible = visibleItems(items)
        switch key {
        case .up: cursor = max(0, cursor - 1)
        case .down: cursor = min(max(0, visible.count - 1), cursor + 1)
        case .pageUp: cursor = max(0, cursor - max(1, visibleRows - 1))
        case .pageDown: cursor = min(max(0, visible.count - 1), cursor + max(1, visibleRows - 1))
        case .character(" "):
            guard cursor < visible.count else { return true }
            let item = visible[cursor]
            if checked.contains(item) { checked.remove(item) } else { checked.insert(item) }
        default:
            guard filter.apply(key) else { return false }
            visible = visibleItems(items)
            cursor = min(cursor, max(0, visible.count - 1))
        }
        offset = TableState.offset(keeping: cursor, current: offset, rowCount: visible.count, visibleRows: visibleRows)
        return true
    }
}

/// A filterable multi-select checklist (e.g. picking roles or hosts): filter line, then `[x] item` rows.
public struct Checklist: Sendable {
    /// Label, required marker, validation message, focus.
    public var chrome: FieldChrome
    /// All items.
    public var items: [String]

    /// Creates a checklist.
    public init(chrome: FieldChrome, items: [String]) {
        self.chrome = chrome
        self.items = items
    }

    /// Item rows that fit in `rect` below the label and filter lines.
    public func listRows(in rect: Rect) -> Int { max(0, rect.height - 2 - chrome.messageRows) }

    /// Draws label with a count, the filter line and visible items; returns the cursor in the filter.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, state: ChecklistState) -> CursorRequest? {
        guard !rect.isEmpty else { return nil }
        buffer.fill(rect)
        let g = buffer.glyphs
        var label = chrome
        label.label += " (\(state.checked.count)/\(items.count))"
        // The `›` marks the item under the cursor, not the label.
        _ = label.renderLabel(into: &buffer, row: rect.row(0), labelWidth: rect.width, pointer: false)
        let filterRow = rect.row(1)
        let prompt = "  / "
        buffer.write(prompt, x: filterRow.x, y: filterRow.y, style: .muted, clip: filterRow)
        let fieldRect = Rect(x: filterRow.x + 4, y: filterRow.y, width: filterRow.width - 4, height: 1)
        let slice = state.filter.visibleSlice(width: fieldRect.width)
        if state.filter.characters.isEmpty {
            buffer.write("type to filter", in: fieldRect, style: .muted)
        } else {
            buffer.write(slice.text, in: fieldRect)
        }
        let visible = state.visibleItems(items)
        let listRows = self.listRows(in: rect)
        let offset = TableState.offset(keeping: state.cursor, current: state.offset, rowCount: visible.count, visibleRows: listRows)
        if visible.isEmpty, listRows > 0 {
            buffer.write("No items match \u{201C}\(state.filter.text)\u{201D}.", in: rect.row(2).inset(left: 4), style: .muted)
        }
        for line in 0..<listRows {
            let index = offset + line
            guard index < visible.count else { break }
            let item = visible[index]
            let atCursor = index == state.cursor
            let marked = chrome.focused && atCursor
            let style: Style = marked ? .focus : .normal
            let box = state.checked.contains(item) ? g.checkboxOn : g.checkboxOff
            var runs = [TextRun(marked ? "  \(g.pointer) " : "    ", marked ? .focus : .normal), TextRun(box + " ", style)]
            runs += MatchHighlight.spans(sanitize(items[item]), query: state.filter.text, style: style)
            buffer.write(spans: runs, in: rect.row(2 + line))
        }
        chrome.renderMessage(into: &buffer, row: rect.row(rect.height - 1), indent: 4)
        return CursorRequest(x: fieldRect.x + slice.cursorColumn, y: fieldRect.y, visible: chrome.focused)
    }
}
