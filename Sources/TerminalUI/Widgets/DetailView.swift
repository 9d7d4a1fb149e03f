/// One block of a detail view: a section heading, a key–value field, a wrapped paragraph, or a gap.
public enum DetailBlock: Equatable, Sendable {
    case section(String)
    case field(key: String, value: String, style: Style)
    case paragraph(String)
    case blank
}

/// Scroll position and in-view search of a detail view.
///
/// Geometry is settled at render time: `apply(_:)` keeps a logical scroll request (`offset`, which may
/// point past the content, as End does) and a pending `n`/`N` step; `DetailView.render` lays the lines out,
/// resolves the step to a match, clamps the offset and draws; the owner stores that back with
/// `settle(lines:visibleRows:)` so the next key starts from what was on screen. `apply(_:lines:visibleRows:)`
/// does both at once for callers that hold the lines.
public struct DetailViewState: Equatable, Sendable {
    /// First visible line requested (clamped to the content when drawn and when settled).
    public var offset = 0
    /// Active search text (matches are emphasized, `n`/`N` jump between them).
    public var query = ""
    /// The line of the current match.
    public var matchLine: Int?
    /// An `n` (true) or `N` (false) not yet resolved against the laid-out lines.
    public var pendingJump: Bool?
    /// Lines the view showed when last drawn (`settle`); nil before the first frame, when a page is one line.
    public var viewportRows: Int?
    /// What the scroll position belongs to (a row's id): the owner starts from the top when it changes.
    public var subject: String?

    /// A state at the top with no search.
    public init() {}

    /// Keeps the scroll request or search step of a navigation key for the render to settle; false for
    /// other keys. Pages move by the lines last drawn.
    public mutating func apply(_ key: Key) -> Bool {
        let page = max(1, (viewportRows ?? 1) - 1)
        switch key {
        case .up, .character("k"): scroll(by: -1)
        case .down, .character("j"): scroll(by: 1)
        case .pageUp: scroll(by: -page)
        case .pageDown, .character(" "): scroll(by: page)
        case .home, .character("g"): offset = 0
        case .end, .character("G"): offset = Int.max
        case .character("n"): pendingJump = true
        case .character("N"): pendingJump = false
        default: return false
        }
        return true
    }

    private mutating func scroll(by delta: Int) {
        let (sum, overflow) = offset.addingReportingOverflow(delta)
        offset = max(0, overflow ? Int.max : sum)
    }

    /// Settles the state for a frame of `visibleRows` lines: resolves a pending `n`/`N`, clamps the offset
    /// to the content and records the height for paging.
    public mutating func settle(lines: [DetailLine], visibleRows: Int) {
        offset = min(max(0, offset), max(0, lines.count - visibleRows))
        if let forward = pendingJump {
            pendingJump = nil
            jump(forward: forward, lines: lines, visibleRows: visibleRows)
        }
        viewportRows = visibleRows
    }

    /// Scrolls for navigation keys and jumps between matches with `n`/`N`; false for other keys.
    public mutating func apply(_ key: Key, lines: [DetailLine], visibleRows: Int) -> Bool {
        let maxOffset = max(0, lines.count - visibleRows)
        switch key {
        case .up, .character("k"): offset -= 1
        case .down, .character("j"): offset += 1
        case .pageUp: offset -= max(1, visibleRows - 1)
        case .pageDown, .character(" "): offset += max(1, visibleRows - 1)
        case .home, .character("g"): offset = 0
        case .end, .character("G"): offset = maxOffset
        case .character("n"): jump(forward: true, lines: lines, visibleRows: visibleRows)
        case .character("N"): jump(forward: false, lines: lines, visibleRows: visibleRows)
        default: return false
        }
        offset = min(max(0, offset), maxOffset)
        return true
    }

    /// Moves to the next (or previous) line containing the query, wrapping around.
    public mutating func jump(forward: Bool, lines: [DetailLine], visibleRows: Int) {
        guard !query.isEmpty, !lines.isEmpty else { return }
        let start = matchLine ?? (forward ? offset - 1 : offset + visibleRows)
        for step in 1...lines.count {
            let index = ((start + (forward ? step : -step)) % lines.count + lines.count) % lines.count
            if MatchHighlight.matches(lines[index].plainText, query: query) {
                matchLine = index
                if index < offset || index >= offset + visibleRows { offset = max(0, index - visibleRows / 2) }
                offset = min(offset, max(0, lines.count - visibleRows))
                return
            }
        }
        matchLine = nil
    }
}

/// One laid-out line of a detail view.
public struct DetailLine: Equatable, Sendable {
    /// Styled runs of the line.
    public var runs: [TextRun]
    /// The line's text without styles (for search).
    public var plainText: String { runs.map(\.text).joined() }
}

/// Sections of key–value pairs and wrapped paragraphs with scrolling and search: the role detail pane.
public struct DetailView: Sendable {
    /// The content.
    public var blocks: [DetailBlock]
    /// Draws the `12–35/80` scroll counter on the row under the text (the pane's bottom border) instead of
    /// over the last line of text.
    public var counterBelow: Bool

    /// Creates a view of blocks.
    public init(blocks: [DetailBlock], counterBelow: Bool = false) {
        self.blocks = blocks
        self.counterBelow = counterBelow
    }

    /// Lays the blocks out for a width (keys aligned in one column, values and paragraphs wrapped).
    public func lines(width: Int) -> [DetailLine] {
        guard width > 0 else { return [] }
        let keyWidth = min(max(0, width / 3), blocks.reduce(0) { width, block in
            if case .field(let key, _, _) = block { return max(width, TextWidth.of(sanitize(key)) + 1) }
            return width
        })
        var out: [DetailLine] = []
        for block in blocks {
            switch block {
            case .section(let title):
                out.append(DetailLine(runs: [TextRun(sanitize(title), .header)]))
            case .blank:
                out.append(DetailLine(runs: []))
            case .paragraph(let text):
                for line in TextWidth.wrap(sanitize(text, keepNewlines: true), width: width) {
                    out.append(DetailLine(runs: [TextRun(line)]))
                }
            case .field(let key, let value, let style):
                let valueWidth = max(1, width - keyWidth - 1)
                let wrapped = TextWidth.wrap(sanitize(value, keepNewlines: true), width: valueWidth)
                for (i, line) in (wrapped.isEmpty ? [""] : wrapped).enumerated() {
                    let label = i == 0 ? TextWidth.fit(sanitize(key), to: keyWidth) : String(repeating: " ", count: keyWidth)
                    out.append(DetailLine(runs: [TextRun(label, .muted), TextRun(" "), TextRun(line, style)]))
                }
            }
        }
        return out
    }

    /// Draws the visible lines with search matches emphasized; a scroll hint shows on the last row, or
    /// under it with `counterBelow` (so it never covers text).
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, state: DetailViewState) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect)
        let all = lines(width: rect.width)
        var state = state
        state.settle(lines: all, visibleRows: rect.height)
        let offset = state.offset
        for row in 0..<rect.height {
            let index = offset + row
            guard index < all.count else { break }
            var runs = all[index].runs
            if !state.query.isEmpty {
                // The current match (where n/N landed) is drawn in the focus style, the others emphasized.
                let current = index == state.matchLine
                runs = runs.flatMap { MatchHighlight.spans($0.text, query: state.query, style: $0.style) }
                    .map { current && $0.style.emphasized ? TextRun($0.text, Style(.focus, emphasized: true)) : $0 }
            }
            buffer.write(spans: runs, in: rect.row(row))
        }
        if all.count > rect.height {
            let more = "\(offset + 1)–\(min(all.count, offset + rect.height))/\(all.count)"
            let label = buffer.glyphs.asciiOnly ? more.replacingDash() : more
            let w = TextWidth.of(label)
            if counterBelow {
                let row = Rect(x: rect.x, y: rect.maxY, width: rect.width, height: 1)
                buffer.write(" \(label) ", x: rect.maxX - w - 2, y: row.y, style: .badge, clip: row)
            } else {
                buffer.write(label, x: rect.maxX - w, y: rect.maxY - 1, style: .badge, clip: rect)
            }
        }
    }
}

extension String {
    fileprivate func replacingDash() -> String { String(map { $0 == "–" ? "-" : $0 }) }
}
