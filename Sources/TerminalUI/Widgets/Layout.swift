/// Splits rectangles into panes so screens lay out by ratios and minimums instead of hard numbers.
public enum Layout {
    /// Which way a split cuts.
    public enum Direction: Sendable { case horizontal, vertical }

    /// Splits `rect` into panes side by side (`.horizontal`) or stacked (`.vertical`).
    ///
    /// Each pane first gets its minimum; what is left is shared by `ratios`. When even the minimums do not
    /// fit, later panes shrink first (to zero), so the first pane (usually the main one) stays usable.
    public static func split(_ rect: Rect, _ direction: Direction, ratios: [Int], minimums: [Int]? = nil, gap: Int = 0) -> [Rect] {
        guard !ratios.isEmpty else { return [] }
        let total = direction == .horizontal ? rect.width : rect.height
        let available = max(0, total - gap * (ratios.count - 1))
        let mins = minimums ?? Array(repeating: 0, count: ratios.count)
        var sizes = mins.map { max(0, $0) }
        var overflow = sizes.reduce(0, +) - available
        var index = sizes.count - 1
        while overflow > 0, index >= 0 {
            let cut = min(overflow, sizes[index])
            sizes[index] -= cut
            overflow -= cut
            index -= 1
        }
        var remaining = available - sizes.reduce(0, +)
        let weightSum = max(1, ratios.reduce(0, +))
        if remaining > 0 {
            let extra = remaining
            for i in sizes.indices {
                let share = extra * ratios[i] / weightSum
                sizes[i] += share
                remaining -= share
            }
            var i = 0
            while remaining > 0 { if ratios[i % ratios.count] > 0 { sizes[i % ratios.count] += 1; remaining -= 1 }; i += 1 }
        }
        var rects: [Rect] = []
        var cursor = direction == .horizontal ? rect.x : rect.y
        for size in sizes {
            if direction == .horizontal {
                rects.append(Rect(x: cursor, y: rect.y, width: size, height: rect.height))
            } else {
                rects.append(Rect(x: rect.x, y: cursor, width: rect.width, height: size))
            }
            cursor += size + gap
        }
        return rects
    }

    /// Draws a titled border and returns the padded inside for the content.
    public static func bordered(_ buffer: inout ScreenBuffer, _ rect: Rect, title: String? = nil, focused: Bool = false, padding: Int = 0) -> Rect {
        buffer.fill(rect)
        buffer.drawBorder(rect, title: title, style: focused ? .header : .muted, titleStyle: focused ? .focus : .header)
        return rect.inset(1 + padding)
    }
}

/// The screen shown instead of a garbled layout when the terminal is below the minimum size.
public struct TooSmallScreen: Sendable {
    /// The smallest size the screen can lay out.
    public var minimum: Size
    /// What the person can do now (after the sizes): by default how to go on or quit.
    public var note: String

    /// Creates the screen for a minimum size, with what a key does meanwhile.
    public init(minimum: Size, note: String = "Enlarge the window or press q to quit.") {
        self.minimum = minimum
        self.note = note
    }

    /// True when `size` is below the minimum.
    public func applies(to size: Size) -> Bool { size.width < minimum.width || size.height < minimum.height }

    /// Draws the message, wrapped to whatever room there is.
    public func render(into buffer: inout ScreenBuffer) {
        buffer.clear()
        let have = buffer.size
        let times = buffer.glyphs.asciiOnly ? "x" : "×"
        let text = "terminal too small: need \(minimum.width)\(times)\(minimum.height), have \(have.width)\(times)\(have.height). " + note
        let lines = TextWidth.wrap(sanitize(text), width: have.width)
        let top = max(0, (have.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < have.height {
            buffer.write(line, in: Rect(x: 0, y: top + i, width: have.width, height: 1), style: i == 0 ? .warning : .normal, alignment: .center)
        }
    }
}
