/// The cursor and chosen item of a single-choice list.
public struct ChoiceListState: Equatable, Sendable {
    /// The chosen option.
    public var chosen: Int?
    /// The option under the cursor.
    public var cursor = 0
    /// First visible option.
    public var offset = 0

    /// Creates a state.
    public init(chosen: Int? = nil) {
        self.chosen = chosen
        self.cursor = chosen ?? 0
    }

    /// Up/Down/Home/End move, Space/Enter choose; false for other keys.
    public mutating func apply(_ key: Key, count: Int, visibleRows: Int) -> Bool {
        guard count > 0 else { return false }
        switch key {
        case .up, .character("k"): cursor = max(0, cursor - 1)
        case .down, .character("j"): cursor = min(count - 1, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = count - 1
        case .character(" "), .enter: chosen = cursor
        default: return false
        }
        offset = TableState.offset(keeping: cursor, current: offset, rowCount: count, visibleRows: visibleRows)
        return true
    }
}

/// A single-choice list drawn as radio buttons: `(•) Option`.
public struct ChoiceList: Sendable {
    /// Label, required marker, validation message, focus.
    public var chrome: FieldChrome
    /// Option labels.
    public var options: [String]

    /// Creates a choice list.
    public init(chrome: FieldChrome, options: [String]) {
        self.chrome = chrome
        self.options = options
    }

    /// Draws the label on the first row and the options below; returns the cursor on the current option.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, state: ChoiceListState) -> CursorRequest? {
        guard !rect.isEmpty else { return nil }
        buffer.fill(rect)
        let g = buffer.glyphs
        _ = chrome.renderLabel(into: &buffer, row: rect.row(0), labelWidth: rect.width, pointer: false)
        let listRows = max(0, rect.height - 1 - chrome.messageRows)
        let offset = TableState.offset(keeping: state.cursor, current: state.offset, rowCount: options.count, visibleRows: listRows)
        var cursor: CursorRequest?
        for line in 0..<listRows {
            let index = offset + line
            guard index < options.count else { break }
            let row = rect.row(1 + line)
            let atCursor = index == state.cursor
            let marked = chrome.focused && atCursor
            let style: Style = marked ? .focus : .normal
            if atCursor { cursor = CursorRequest(x: row.x + 4, y: row.y, visible: false) }
            let radio = state.chosen == index ? g.radioOn : g.radioOff
            // The `›` marks the option under the cursor (not only its colour).
            buffer.write(spans: [TextRun(marked ? "  \(g.pointer) " : "    ", marked ? .focus : .normal), TextRun(radio + " " + options[index], style)], in: row)
        }
        chrome.renderMessage(into: &buffer, row: rect.row(rect.height - 1), indent: 4)
        return cursor
    }
}
