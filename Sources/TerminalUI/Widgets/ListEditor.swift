/// A list of strings being edited (e.g. source IP ranges): cursor, and the item being edited if any.
public struct ListEditorState: Equatable, Sendable {
    /// The items.
    public var items: [String]
    /// The item under the cursor.
    public var cursor = 0
    /// First visible item as last settled; the render keeps the cursor visible from here.
    public var offset = 0
    /// The input while an item is being added or edited.
    public var editing: TextInputState?
    /// True while `editing` is a new item (Esc then drops it).
    public var addingNew = false

    /// Creates a state.
    public init(items: [String]) { self.items = items.map { sanitize($0) } }

    /// Like `apply(_:visibleRows:)` but leaves the offset for the render to settle (render-time geometry,
    /// as `TableState` does).
    public mutating func apply(_ key: Key) -> Bool {
        let keep = offset
        defer { offset = keep }
        return apply(key, visibleRows: 1)
    }

    /// Records a frame of `visibleRows` item rows: the offset that keeps the cursor visible.
    public mutating func settle(visibleRows: Int) {
        let rows = items.count + (addingNew ? 1 : 0)
        offset = TableState.offset(keeping: cursor, current: offset, rowCount: rows, visibleRows: visibleRows)
    }

    /// `a` adds, `e`/Enter edits, `d`/Delete removes, Up/Down move; while editing, Enter saves and Esc cancels.
    public mutating func apply(_ key: Key, visibleRows: Int) -> Bool {
        if var input = editing {
            switch key {
            case .enter:
                let value = input.text.trimmingSpaces()
                if addingNew {
                    if !value.isEmpty { items.insert(value, at: min(cursor, items.count)) }
                } else if cursor < items.count {
                    if value.isEmpty { items.remove(at: cursor) } else { items[cursor] = value }
                }
                editing = nil
                addingNew = false
            case .escape:
                editing = nil
                addingNew = false
            default:
                guard input.apply(key) else { return false }
                editing = input
            }
        } else {
            switch key {
            case .up, .character("k"): cursor = max(0, cursor - 1)
            case .down, .character("j"): cursor = min(max(0, items.count - 1), cursor + 1)
            case .character("a"), .insert:
                cursor = items.isEmpty ? 0 : cursor + 1
                editing = TextInputState()
                addingNew = true
            case .character("e"), .enter:
                guard cursor < items.count else { return true }
                editing = TextInputState(items[cursor])
            case .character("d"), .delete:
                guard cursor < items.count else { return true }
                items.remove(at: cursor)
                cursor = min(cursor, max(0, items.count - 1))
            default:
                return false
            }
        }
        let rows = items.count + (addingNew ? 1 : 0)
        offset = TableState.offset(keeping: cursor, current: offset, rowCount: rows, visibleRows: visibleRows)
        return true
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}

/// A list editor: label, the items (one per row) with the edited one as an input, and key hints.
public struct ListEditor: Sendable {
    /// Label, required marker, validation message, focus.
    public var chrome: FieldChrome
    /// Shown when the list is empty.
    public var emptyText: String

    /// Creates a list editor.
    public init(chrome: FieldChrome, emptyText: String = "(none)") {
        self.chrome = chrome
        self.emptyText = emptyText
    }

    /// Item rows that fit in `rect` below the label.
    public func listRows(in rect: Rect) -> Int { max(0, rect.height - 2 - chrome.messageRows) }

    /// Draws the editor; the cursor is visible in the input while editing.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, state: ListEditorState) -> CursorRequest? {
        guard !rect.isEmpty else { return nil }
        buffer.fill(rect)
        let g = buffer.glyphs
        _ = chrome.renderLabel(into: &buffer, row: rect.row(0), labelWidth: rect.width)
        var rows = state.items.map { Optional($0) }
        if state.addingNew { rows.insert(nil, at: min(state.cursor, rows.count)) }
        let listRows = self.listRows(in: rect)
        let offset = TableState.offset(keeping: state.cursor, current: state.offset, rowCount: rows.count, visibleRows: listRows)
        var cursor: CursorRequest?
        if rows.isEmpty, listRows > 0 { buffer.write(emptyText, in: rect.row(1).inset(left: 4), style: .muted) }
        for line in 0..<listRows {
            let index = offset + line
            guard index < rows.count else { break }
            let row = rect.row(1 + line)
            let atCursor = index == state.cursor
            let pointer = atCursor && chrome.focused ? g.pointer : " "
            buffer.write("  " + pointer + " ", x: row.x, y: row.y, style: .focus, clip: row)
            let itemRect = row.inset(left: 4)
            if atCursor, let input = state.editing {
                buffer.fill(itemRect, style: .focus)
                let slice = input.visibleSlice(width: itemRect.width)
                buffer.write(slice.text, x: itemRect.x, y: itemRect.y, style: .focus, clip: itemRect)
                cursor = CursorRequest(x: itemRect.x + slice.cursorColumn, y: row.y, visible: true)
            } else {
                buffer.write(rows[index] ?? "", in: itemRect, style: atCursor && chrome.focused ? .focus : .normal)
                if atCursor { cursor = CursorRequest(x: row.x + 2, y: row.y, visible: false) }
            }
        }
        let hints = state.editing == nil ? "a add  e edit  d delete" : "Enter save  Esc cancel"
        buffer.write(hints, in: rect.row(rect.height - 1 - chrome.messageRows).inset(left: 4), style: .muted)
        chrome.renderMessage(into: &buffer, row: rect.row(rect.height - 1), indent: 4)
        return cursor
    }
}
