/// A table column: title, width limits and alignment.
public struct TableColumn: Equatable, Sendable {
    /// Header text.
    public var title: String
    /// Never narrower than this (unless the whole table is too narrow).
    public var minWidth: Int
    /// Never wider than this.
    public var maxWidth: Int
    /// Cell alignment.
    public var alignment: Alignment
    /// Columns with a higher priority take the room their shown text needs before the others share the
    /// rest, and are cut last when the table is too narrow (a name: 1; an AWS account that must never be
    /// cut: 2).
    public var priority: Int
    /// Where a text too wide for the column is cut.
    public var cut: Cut

    /// Where a cell's text loses characters when it does not fit.
    public enum Cut: Sendable, Equatable {
        /// At the end, with an ellipsis.
        case end
        /// In the middle, so both ends stay (a path whose id is at its end).
        case middle
    }

    /// Creates a column.
    public init(_ title: String, minWidth: Int = 4, maxWidth: Int = 60, alignment: Alignment = .left, priority: Int = 0, cut: Cut = .end) {
        self.title = title
        self.minWidth = minWidth
        self.maxWidth = max(minWidth, maxWidth)
        self.alignment = alignment
        self.priority = priority
        self.cut = cut
    }
}

/// A virtualized table: it asks for the text of visible rows only, so 100 000 rows cost what 20 do.
///
/// The selected row carries a `›` pointer (not only a color) and marked rows a `✓`; filter matches are
/// emphasized; an empty table shows `emptyText`.
public struct Table {
    /// Columns, left to right.
    public var columns: [TableColumn]
    /// Total number of rows.
    public var rowCount: Int
    /// Cell texts of one row (called for visible rows only).
    public var row: (Int) -> [String]
    /// A stable identity of a row's item (for marks and selection).
    public var identity: (Int) -> String
    /// Active filter text; matches are emphasized.
    public var filter: String
    /// Shown when there are no rows.
    public var emptyText: String
    /// Whether the table has keyboard focus (the selection is drawn stronger).
    public var focused: Bool

    /// Creates a table.
    public init(columns: [TableColumn], rowCount: Int, filter: String = "", emptyText: String = "No items.",
                focused: Bool = true, identity: @escaping (Int) -> String, row: @escaping (Int) -> [String]) {
        self.columns = columns
        self.rowCount = rowCount
        self.row = row
        self.identity = identity
        self.filter = filter
        self.emptyText = emptyText
        self.focused = focused
    }

    /// Rows that fit below the header in a rectangle.
    public static func visibleRows(in rect: Rect) -> Int { max(0, rect.height - 1) }

    /// Column widths for a total width: minimums first (cut from the lowest priority, rightmost column when
    /// they do not fit), then room for what the shown rows need (`content`: the widest cell of each column,
    /// header included), higher priorities first, never past a column's maximum. Without `content` every
    /// column grows toward its maximum. Room no cell needs stays free rather than padding an empty column.
    public func columnWidths(total: Int, content: [Int]? = nil) -> [Int] {
        let gutter = 2
        let available = max(0, total - gutter - max(0, columns.count - 1))
        var widths = columns.map(\.minWidth)
        var overflow = widths.reduce(0, +) - available
        let cutOrder = columns.indices.sorted { (columns[$0].priority, -$0) < (columns[$1].priority, -$1) }
        for index in cutOrder where overflow > 0 {
            let cut = min(overflow, max(0, widths[index] - 1))
            widths[index] -= cut
            overflow -= cut
        }
        var spare = available - widths.reduce(0, +)
        let wanted = columns.indices.map { i in min(columns[i].maxWidth, max(widths[i], content.map { i < $0.count ? $0[i] : 0 } ?? columns[i].maxWidth)) }
        for priority in Set(columns.map(\.priority)).sorted(by: >) {
            while spare > 0 {
                var grew = false
                for i in widths.indices where spare > 0 && columns[i].priority == priority && widths[i] < wanted[i] {
                    widths[i] += 1
                    spare -= 1
                    grew = true
                }
                if !grew { break }
            }
        }
        return widths
    }

    /// `text` cut to `width` columns in its middle: a third of the room for its start, the rest for its end.
    static func cutMiddle(_ text: String, to width: Int, ellipsis: String) -> String {
        let room = width - TextWidth.of(ellipsis)
        guard room > 2 else { return text }
        let head = TextWidth.truncate(text, to: room / 3, ellipsis: "")
        var tail = ""
        var used = 0
        for character in text.reversed() {
            let w = TextWidth.of(String(character))
            if used + w > room - TextWidth.of(head) { break }
            tail.insert(character, at: tail.startIndex)
            used += w
        }
        return head + ellipsis + tail
    }

    /// The widest cell of each column among `rows`, the header (with room for a sort mark) included.
    static func contentWidths(_ columns: [TableColumn], rows: [[String]]) -> [Int] {
        columns.indices.map { i in
            rows.reduce(TextWidth.of(columns[i].title) + 1) { widest, cells in
                i < cells.count ? max(widest, TextWidth.of(sanitize(cells[i]))) : widest
            }
        }
    }

    /// Draws header and visible rows; returns the cursor parked on the selected row.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, state: TableState) -> CursorRequest? {
        guard !rect.isEmpty else { return nil }
        buffer.fill(rect)
        let g = buffer.glyphs
        let visible = Self.visibleRows(in: rect)
        let offset = TableState.offset(keeping: state.selected, current: state.offset, rowCount: rowCount, visibleRows: visible)
        let shown = (offset..<min(rowCount, offset + visible)).map { (index: $0, cells: row($0)) }
        let widths = columnWidths(total: rect.width, content: Self.contentWidths(columns, rows: shown.map(\.cells)))
        var x = rect.x + 2
        for (i, column) in columns.enumerated() {
            var title = column.title
            if state.sortColumn == i { title += state.sortAscending ? g.sortAscending : g.sortDescending }
            buffer.write(title, in: Rect(x: x, y: rect.y, width: widths[i], height: 1), style: .header, alignment: column.alignment)
            x += widths[i] + 1
        }
        guard rowCount > 0 else {
            if visible > 0 {
                buffer.write(emptyText, in: Rect(x: rect.x, y: rect.y + 1 + (visible - 1) / 2, width: rect.width, height: 1), style: .muted, alignment: .center)
            }
            return CursorRequest(x: rect.x, y: rect.y, visible: false)
        }
        var cursor: CursorRequest?
        for (line, (index, texts)) in shown.enumerated() {
            let y = rect.y + 1 + line
            let isSelected = index == state.selected
            let rowStyle: Style = isSelected ? (focused ? .selection : .focus) : .normal
            if isSelected {
                buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: rowStyle)
                cursor = CursorRequest(x: rect.x, y: y, visible: false)
            }
            let id = identity(index)
            let pointer = isSelected ? g.pointer : " "
            let mark = state.marked.contains(id) ? g.markOn : " "
            buffer.write(pointer + mark, x: rect.x, y: y, style: rowStyle, clip: rect)
            var cx = rect.x + 2
            for (i, column) in columns.enumerated() {
                let text = i < texts.count ? sanitize(texts[i]) : ""
                let cut = column.cut == .middle && TextWidth.of(text) > widths[i] ? Self.cutMiddle(text, to: widths[i], ellipsis: g.ellipsis) : text
                let fitted = TextWidth.fit(cut, to: widths[i], alignment: column.alignment, ellipsis: g.ellipsis)
                let cellRect = Rect(x: cx, y: y, width: widths[i], height: 1)
                buffer.write(spans: MatchHighlight.spans(fitted, query: filter, style: rowStyle), in: cellRect)
                cx += widths[i] + 1
            }
        }
        return cursor
    }
}

/// Splits text into spans so the parts matching a filter are emphasized (case-insensitive).
public enum MatchHighlight {
    /// Spans of `text` with every occurrence of `query` emphasized.
    public static func spans(_ text: String, query: String, style: Style) -> [TextRun] {
        guard !query.isEmpty else { return [TextRun(text, style)] }
        let haystack = Array(text)
        let needle = Array(query.lowercased())
        let lowered = haystack.map { $0.lowercased() }
        var spans: [TextRun] = []
        var plain = ""
        var i = 0
        while i < haystack.count {
            if i + needle.count <= haystack.count, (0..<needle.count).allSatisfy({ lowered[i + $0] == String(needle[$0]) }) {
                if !plain.isEmpty { spans.append(TextRun(plain, style)); plain = "" }
                spans.append(TextRun(String(haystack[i..<(i + needle.count)]), style.emphasizedCopy))
                i += needle.count
            } else {
                plain.append(haystack[i])
                i += 1
            }
        }
        if !plain.isEmpty { spans.append(TextRun(plain, style)) }
        return spans
    }

    /// True when `text` contains `query`, ignoring case.
    public static func matches(_ text: String, query: String) -> Bool {
        guard !query.isEmpty else { return true }
        // Byte search over ASCII-folded (or, for other scripts, lowercased) UTF-8: fast enough to
        // filter 100 000 rows per keystroke, with no per-row allocation for ASCII text.
        if TextWidth.isPlainASCII(text), TextWidth.isPlainASCII(query) {
            let needle = query.utf8.map(foldASCII)
            return text.utf8.withContiguousStorageIfAvailable { containsBytes($0, needle, fold: true) }
                ?? containsBytes(Array(text.utf8), needle, fold: true)
        }
        return containsBytes(Array(text.lowercased().utf8), Array(query.lowercased().utf8), fold: false)
    }
}

private func foldASCII(_ byte: UInt8) -> UInt8 { (byte >= 0x41 && byte <= 0x5A) ? byte + 32 : byte }

private func containsBytes<C: RandomAccessCollection>(_ hay: C, _ needle: [UInt8], fold: Bool) -> Bool where C.Element == UInt8, C.Index == Int {
    guard !needle.isEmpty else { return true }
    guard hay.count >= needle.count else { return false }
    let base = hay.startIndex
    for start in 0...(hay.count - needle.count) {
        var i = 0
        while i < needle.count {
            let byte = hay[base + start + i]
            if (fold ? foldASCII(byte) : byte) != needle[i] { break }
            i += 1
        }
        if i == needle.count { return true }
    }
    return false
}
