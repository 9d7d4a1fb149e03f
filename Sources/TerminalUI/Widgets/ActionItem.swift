/// One action as the hint bar and help overlay show it; the console's action registry supplies these,
/// so help and hints can never disagree with what the keys do.
public struct ActionItem: Equatable, Sendable {
    /// The keys, as shown ("Enter", "ctrl-s", "d").
    public var keys: String
    /// What the action does.
    public var title: String
    /// Whether it can run now.
    public var enabled: Bool
    /// Why it cannot run (shown next to a disabled item).
    public var reason: String?
    /// Help section the item belongs to.
    public var group: String

    /// Creates an item.
    public init(keys: String, title: String, enabled: Bool = true, reason: String? = nil, group: String = "") {
        self.keys = keys
        self.title = title
        self.enabled = enabled
        self.reason = reason
        self.group = group
    }
}

/// The one-line list of the most useful keys at the bottom of a screen.
public struct HintBar: Sendable {
    /// The items, most important first (later ones are dropped when the row is full).
    public var items: [ActionItem]

    /// Creates a hint bar.
    public init(items: [ActionItem]) { self.items = items }

    /// Draws every item that fits whole (in order, skipping ones too long); disabled ones are muted with their reason.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect.row(0))
        var x = rect.x
        for item in items {
            var runs = [TextRun(item.keys, item.enabled ? .header : .muted), TextRun(" " + item.title, item.enabled ? .normal : .muted)]
            if !item.enabled { runs.append(TextRun(" (\(item.reason ?? "unavailable"))", .muted)) }
            let width = runs.reduce(0) { $0 + TextWidth.of(sanitize($1.text)) }
            if x + width > rect.maxX { continue }
            buffer.write(spans: runs, in: Rect(x: x, y: rect.y, width: width, height: 1))
            x += width + 2
        }
    }
}

/// The status bar: a left part (screen, counts), an optional middle and a right part (server, mode).
public struct StatusBar: Sendable {
    /// Left-aligned runs.
    public var left: [TextRun]
    /// Right-aligned runs (kept whole when possible; the left part is cut first).
    public var right: [TextRun]

    /// Creates a status bar.
    public init(left: [TextRun], right: [TextRun] = []) {
        self.left = left
        self.right = right
    }

    /// Draws the bar in reverse video across the row.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        buffer.fill(row, style: .selection)
        let rightWidth = min(row.width / 2, right.reduce(0) { $0 + TextWidth.of(sanitize($1.text)) })
        let leftRect = Rect(x: row.x + 1, y: row.y, width: row.width - rightWidth - 3, height: 1)
        buffer.write(spans: left, in: leftRect)
        if rightWidth > 0 { buffer.write(spans: right, in: Rect(x: row.maxX - rightWidth - 1, y: row.y, width: rightWidth, height: 1)) }
    }
}

/// The help overlay: every action by group, keys in a column, disabled actions greyed with the reason.
public struct HelpOverlay: Sendable {
    /// The items (from the action registry).
    public var items: [ActionItem]
    /// Box title.
    public var title: String

    /// Creates the overlay.
    public init(items: [ActionItem], title: String = "Help") {
        self.items = items
        self.title = title
    }

    /// The overlay's lines (groups as headers), for rendering and scrolling; an item's text wraps under
    /// itself (never cut) when it is wider than `width`.
    public func lines(keyWidth: Int, width: Int = Int.max) -> [[TextRun]] {
        let textWidth = max(10, width - keyWidth - 3)
        let indent = String(repeating: " ", count: keyWidth + 3)
        var out: [[TextRun]] = []
        var group: String?
        for item in items {
            if item.group != group {
                if group != nil { out.append([]) }
                group = item.group
                if !item.group.isEmpty { out.append([TextRun(item.group, .header)]) }
            }
            let keys = TextWidth.fit(sanitize(item.keys), to: keyWidth)
            let reason = item.enabled ? "" : item.reason.map { " \u{2014} unavailable: \($0)" } ?? " \u{2014} unavailable"
            let style: Style = item.enabled ? .normal : .muted
            let parts = TextWidth.wrap(sanitize(item.title + reason), width: textWidth)
            for (i, part) in (parts.isEmpty ? [""] : parts).enumerated() {
                out.append(i == 0 ? [TextRun("  " + keys, item.enabled ? .header : .muted), TextRun(" " + part, style)] : [TextRun(indent + part, style)])
            }
        }
        return out
    }

    /// Draws the overlay centered in `area`, scrolled by `offset` lines.
    public func render(into buffer: inout ScreenBuffer, in area: Rect, offset: Int = 0) {
        let keyWidth = min(14, items.reduce(4) { max($0, TextWidth.of(sanitize($1.keys))) })
        let boxWidth = min(area.width, 78)
        let all = lines(keyWidth: keyWidth, width: boxWidth - 4)
        let box = area.centered(width: boxWidth, height: min(area.height, all.count + 4))
        let inside = Layout.bordered(&buffer, box, title: title, focused: true, padding: 0).inset(left: 1, right: 1)
        let listRows = max(0, inside.height - 1)
        let start = min(max(0, offset), max(0, all.count - listRows))
        for row in 0..<listRows where start + row < all.count {
            buffer.write(spans: all[start + row], in: inside.row(row))
        }
        let more = all.count > listRows ? "  \(start + 1)-\(min(all.count, start + listRows))/\(all.count)" : ""
        buffer.write("Esc close · Up/Down scroll" + more, in: inside.row(inside.height - 1), style: .muted, alignment: .center)
    }
}
