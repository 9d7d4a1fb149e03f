/// One terminal cell: its text, how many columns it covers, and its style.
public struct Cell: Equatable, Sendable {
    /// The grapheme drawn here; empty for the continuation half of a wide character.
    public var text: String
    /// 1 or 2 for a cell that starts a character, 0 for the continuation half of a wide character.
    public var width: UInt8
    /// The cell's style.
    public var style: Style

    /// A blank cell in the given style.
    public static func blank(_ style: Style = .normal) -> Cell { Cell(text: " ", width: 1, style: style) }

    /// True for the right half of a wide character.
    public var isContinuation: Bool { width == 0 }
}

/// The frame being drawn: a grid of cells that widgets write into and terminals diff and display.
///
/// Every text path sanitizes its input, measures with `wcwidth`, keeps wide characters whole (a wide
/// character owns a continuation cell; overwriting either half clears the other) and clips to a rectangle.
public struct ScreenBuffer: Equatable, Sendable {
    /// Buffer size.
    public private(set) var size: Size
    /// Line and marker characters for this terminal.
    public var glyphs: Glyphs
    /// Row-major cells.
    public private(set) var cells: [Cell]

    /// A blank buffer.
    public init(size: Size, glyphs: Glyphs = .unicode) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        self.glyphs = glyphs
        self.cells = Array(repeating: .blank(), count: self.size.width * self.size.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(size) }

    /// The cell at a position (blank when outside).
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return .blank() }
        return cells[y * size.width + x]
    }

    /// Blanks every cell.
    public mutating func clear(_ style: Style = .normal) {
        for index in cells.indices { cells[index] = .blank(style) }
    }

    /// Blanks a rectangle in the given style.
    public mutating func fill(_ rect: Rect, style: Style = .normal) {
        let area = clipped(rect)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { put(CellText(text: " ", width: 1), x: x, y: y, style: style) }
        }
    }

    /// Changes the style of every cell in a rectangle, keeping its text.
    public mutating func restyle(_ rect: Rect, style: Style) {
        let area = clipped(rect)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { cells[y * size.width + x].style = style }
        }
    }

    /// Writes untrusted text at a position, clipped to `clip` (default: the whole buffer); returns columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil) -> Int {
        let area = clipped(clip ?? bounds)
        guard y >= area.y, y < area.maxY else { return 0 }
        var column = x
        if TextWidth.isPlainASCII(text) {
            for byte in text.utf8 {
                if column >= area.maxX { break }
                if column >= area.x { put(CellText(text: String(UnicodeScalar(byte)), width: 1), x: column, y: y, style: style) }
                column += 1
            }
            return column - x
        }
        for cell in TextWidth.cells(sanitize(text)) {
            for piece in displayable(cell) {
                if column >= area.maxX { return column - x }
                if column + piece.width > area.maxX {
                    if column >= area.x { put(CellText(text: " ", width: 1), x: column, y: y, style: style) }
                    return column + 1 - x
                }
                if column >= area.x { put(piece, x: column, y: y, style: style) }
                column += piece.width
            }
        }
        return column - x
    }

    /// Writes text into one row of a rectangle: cut with an ellipsis to fit, padded, aligned.
    public mutating func write(_ text: String, in rect: Rect, style: Style = .normal, alignment: Alignment = .left) {
        guard !rect.isEmpty else { return }
        let fitted = TextWidth.fit(sanitize(text), to: rect.width, alignment: alignment, ellipsis: glyphs.ellipsis)
        write(fitted, x: rect.x, y: rect.y, style: style, clip: rect)
    }

    /// Writes styled spans one after another in a row, the whole run cut to the rectangle with an ellipsis.
    public mutating func write(spans: [TextRun], in rect: Rect) {
        guard !rect.isEmpty else { return }
        let total = spans.reduce(0) { $0 + TextWidth.of(sanitize($1.text)) }
        var column = rect.x
        if total <= rect.width {
            for span in spans { column += write(span.text, x: column, y: rect.y, style: span.style, clip: rect) }
            return
        }
        let ellipsisWidth = TextWidth.of(glyphs.ellipsis)
        let room = Rect(x: rect.x, y: rect.y, width: rect.width - ellipsisWidth, height: 1)
        var lastStyle = Style.normal
        for span in spans where column < room.maxX {
            let cut = TextWidth.truncate(sanitize(span.text), to: room.maxX - column, ellipsis: "")
            column += write(cut, x: column, y: rect.y, style: span.style, clip: room)
            lastStyle = span.style
        }
        write(glyphs.ellipsis, x: column, y: rect.y, style: lastStyle, clip: rect)
    }

    /// Draws a box border on a rectangle, with an optional title cut to fit.
    public mutating func drawBorder(_ rect: Rect, title: String? = nil, style: Style = .muted, titleStyle: Style = .header) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let g = glyphs
        let inner = String(repeating: g.horizontal, count: rect.width - 2)
        write(g.topLeft + inner + g.topRight, x: rect.x, y: rect.y, style: style, clip: rect)
        write(g.bottomLeft + inner + g.bottomRight, x: rect.x, y: rect.maxY - 1, style: style, clip: rect)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            write(g.vertical, x: rect.x, y: y, style: style, clip: rect)
            write(g.vertical, x: rect.maxX - 1, y: y, style: style, clip: rect)
        }
        if let title, rect.width > 4 {
            let cut = TextWidth.truncate(sanitize(title), to: rect.width - 4, ellipsis: g.ellipsis)
            write(" " + cut + " ", x: rect.x + 1, y: rect.y, style: titleStyle, clip: rect)
        }
    }

    /// Resizes the buffer, keeping nothing (the next frame redraws everything).
    public mutating func resize(to newSize: Size) {
        self = ScreenBuffer(size: newSize, glyphs: glyphs)
    }

    /// The text of each row (continuation cells contribute nothing, so wide characters line up).
    public func textLines() -> [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where !self[x, y].isContinuation { line += self[x, y].text }
            return line
        }
    }

    /// One style letter per column for each row (see `Style.mapLetter`), continuation cells included.
    public func styleLines() -> [String] {
        (0..<size.height).map { y in String((0..<size.width).map { self[$0, y].style.mapLetter }) }
    }

    /// The positions whose cells differ from another buffer of the same size.
    public func changedPositions(from previous: ScreenBuffer) -> [Int] {
        guard previous.size == size else { return Array(cells.indices) }
        return cells.indices.filter { cells[$0] != previous.cells[$0] }
    }

    private func clipped(_ rect: Rect) -> Rect {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(size.width, rect.maxX), y1 = min(size.height, rect.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    private func displayable(_ cell: CellText) -> [CellText] {
        guard glyphs.asciiOnly, cell.text.unicodeScalars.contains(where: { $0.value > 0x7E }) else { return [cell] }
        if let ascii = Self.asciiFallbacks[cell.text] {
            return ascii.map { CellText(text: String($0), width: 1) }
        }
        return Array(repeating: CellText(text: "?", width: 1), count: cell.width)
    }

    /// Readable ASCII for the typographic characters screens use, so ASCII mode stays legible;
    /// anything else becomes `?` per column.
    static let asciiFallbacks: [String: String] = [
        "…": "...", "“": "\"", "”": "\"", "‘": "'", "’": "'", "–": "-", "—": "-", "×": "x", "·": "-",
        "•": "*", "✓": "*", "✗": "x", "›": ">", "‹": "<", "→": "->", "←": "<-", "▲": "^", "▼": "v",
        "␛": "^[", "¤": "?", "\u{A0}": " ",
    ]

    private mutating func put(_ cell: CellText, x: Int, y: Int, style: Style) {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
        let row = y * size.width
        let existing = cells[row + x]
        if existing.isContinuation, x > 0 { cells[row + x - 1] = .blank(cells[row + x - 1].style) }
        if existing.width == 2, x + 1 < size.width { cells[row + x + 1] = .blank(existing.style) }
        if cell.width == 2 {
            guard x + 1 < size.width else {
                cells[row + x] = Cell(text: " ", width: 1, style: style)
                return
            }
            let next = cells[row + x + 1]
            if next.width == 2, x + 2 < size.width { cells[row + x + 2] = .blank(next.style) }
            cells[row + x] = Cell(text: cell.text, width: 2, style: style)
            cells[row + x + 1] = Cell(text: "", width: 0, style: style)
        } else {
            cells[row + x] = Cell(text: cell.text, width: 1, style: style)
        }
    }
}

/// A run of text in one style, for rows that mix styles (labels, matches, markers).
public struct TextRun: Equatable, Sendable {
    /// The (untrusted) text.
    public var text: String
    /// Its style.
    public var style: Style

    /// Creates a span.
    public init(_ text: String, _ style: Style = .normal) {
        self.text = text
        self.style = style
    }
}
