/// A row of on/off toggles (e.g. the seven weekdays of a role's time limitation).
public struct ToggleGroupState: Equatable, Sendable {
    /// Which toggles are on.
    public var on: Set<Int>
    /// The toggle under the cursor.
    public var cursor = 0

    /// Creates a state.
    public init(on: Set<Int> = [], cursor: Int = 0) {
        self.on = on
        self.cursor = cursor
    }

    /// Left/Right move, Space/Enter toggle; false for other keys.
    public mutating func apply(_ key: Key, count: Int) -> Bool {
        guard count > 0 else { return false }
        switch key {
        case .left, .character("h"): cursor = max(0, cursor - 1)
        case .right, .character("l"): cursor = min(count - 1, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = count - 1
        case .character(" "), .enter:
            if on.contains(cursor) { on.remove(cursor) } else { on.insert(cursor) }
        default: return false
        }
        return true
    }
}

/// Draws a toggle group: `[x]Mon [ ]Tue ...`, the item under the cursor highlighted when focused.
public struct ToggleGroup: Sendable {
    /// Label, required marker, validation message, focus.
    public var chrome: FieldChrome
    /// Toggle labels.
    public var items: [String]
    /// Width of the label column.
    public var labelWidth: Int

    /// Creates a toggle group.
    public init(chrome: FieldChrome, items: [String], labelWidth: Int = 16) {
        self.chrome = chrome
        self.items = items
        self.labelWidth = labelWidth
    }

    /// Draws the group; returns the cursor parked on the current toggle.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, state: ToggleGroupState) -> CursorRequest? {
        guard !rect.isEmpty else { return nil }
        buffer.fill(rect)
        let g = buffer.glyphs
        var x = chrome.renderLabel(into: &buffer, row: rect.row(0), labelWidth: labelWidth)
        var cursor: CursorRequest?
        // Full form "[x]Mon [ ]Tue"; when that does not fit, a compact "✓Mo ·Tu" (the mark, not a color, tells on/off).
        let full = items.reduce(0) { $0 + TextWidth.of(g.checkboxOn) + TextWidth.of(sanitize($1)) + 1 }
        let compact = full > rect.maxX - x
        for (i, item) in items.enumerated() {
            let style: Style = (chrome.focused && i == state.cursor) ? .focus : .normal
            if i == state.cursor { cursor = CursorRequest(x: x, y: rect.y, visible: false) }
            let on = state.on.contains(i)
            let text = compact
                ? (on ? g.markOn : (g.asciiOnly ? "-" : "·")) + String(sanitize(item).prefix(2))
                : (on ? g.checkboxOn : g.checkboxOff) + item
            x += buffer.write(text, x: x, y: rect.y, style: style, clip: rect)
            x += buffer.write(" ", x: x, y: rect.y, clip: rect)
        }
        chrome.renderMessage(into: &buffer, row: rect.row(1), indent: labelWidth)
        return cursor
    }
}
