import CWidth

/// Terminal cell width of one Unicode scalar, as ncurses measures it (-1 for non-printable).
public func cellWidth(_ scalar: Unicode.Scalar) -> Int {
    if scalar.value < 0x80 {
        return (scalar.value >= 0x20 && scalar.value < 0x7F) ? 1 : -1
    }
    return Int(cwidth_scalar(scalar.value))
}

/// One terminal cell's worth of text: a base scalar plus any zero-width marks that ride on it.
public struct CellText: Equatable, Sendable {
    /// The text drawn in the cell (base scalar followed by combining marks).
    public var text: String
    /// 1 or 2 columns.
    public var width: Int

    /// Creates a cell's text.
    public init(text: String, width: Int) {
        self.text = text
        self.width = width
    }
}

/// Text measurement and cutting in terminal columns, never `String.count`.
public enum TextWidth {
    /// Splits already-sanitized text into cells the way ncurses places them.
    public static func cells(_ text: String) -> [CellText] {
        if isPlainASCII(text) { return text.utf8.map { CellText(text: String(UnicodeScalar($0)), width: 1) } }
        var result: [CellText] = []
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            let width = cellWidth(scalar)
            if width > 0 {
                result.append(CellText(text: String(scalar), width: width))
            } else if width == 0, !result.isEmpty {
                result[result.count - 1].text.unicodeScalars.append(scalar)
            } else if width == 0 {
                // A mark with nothing to sit on: show it on a dotted circle so it stays visible.
                result.append(CellText(text: "\u{25CC}" + String(scalar), width: 1))
            } else {
                result.append(CellText(text: "\u{FFFD}", width: 1))
            }
        }
        return result
    }

    /// True when every byte is printable ASCII (one cell each, nothing to sanitize): the fast path.
    @inlinable
    public static func isPlainASCII(_ text: String) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable({ bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }) {
            return result
        }
        return text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Display width in terminal columns.
    public static func of(_ text: String) -> Int {
        if isPlainASCII(text) { return text.utf8.count }
        var total = 0
        var sawBase = false
        for scalar in text.unicodeScalars {
            let width = cellWidth(scalar)
            if width > 0 { total += width; sawBase = true } else if width < 0 { total += 1; sawBase = true } else if !sawBase { total += 1; sawBase = true }
        }
        return total
    }

    /// Cuts text to at most `width` columns on cell boundaries, ending in `ellipsis` when cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if isPlainASCII(text) {
            let count = text.utf8.count
            if count <= width { return text }
            let ellipsisWidth = Self.of(ellipsis)
            let kept = String(decoding: text.utf8.prefix(max(0, width - ellipsisWidth)), as: UTF8.self)
            return ellipsisWidth <= width ? kept + ellipsis : kept
        }
        let cells = Self.cells(text)
        let total = cells.reduce(0) { $0 + $1.width }
        if total <= width { return cells.map(\.text).joined() }
        let ellipsisWidth = Self.of(ellipsis)
        let room = max(0, width - ellipsisWidth)
        var used = 0
        var out = ""
        for cell in cells {
            if used + cell.width > room { break }
            out += cell.text
            used += cell.width
        }
        if ellipsisWidth <= width { out += ellipsis }
        return out
    }

    /// Pads (or truncates) text to exactly `width` columns with the given alignment.
    public static func fit(_ text: String, to width: Int, alignment: Alignment = .left, ellipsis: String = "…") -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        let gap = max(0, width - Self.of(cut))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center: return String(repeating: " ", count: gap / 2) + cut + String(repeating: " ", count: gap - gap / 2)
        }
    }

    /// Word-wraps sanitized text into lines of at most `width` columns; long words break on cells.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var wordCells = cells(String(word))
                var wordWidth = wordCells.reduce(0) { $0 + $1.width }
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                while wordWidth > width {
                    var chunk = ""
                    var chunkWidth = 0
                    var taken = 0
                    for cell in wordCells {
                        if chunkWidth + cell.width > width { break }
                        chunk += cell.text
                        chunkWidth += cell.width
                        taken += 1
                    }
                    if taken == 0 { taken = 1; chunk = wordCells[0].text }
                    lines.append(chunk)
                    wordCells.removeFirst(taken)
                    wordWidth = wordCells.reduce(0) { $0 + $1.width }
                }
                line = wordCells.map(\.text).joined()
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }
}

/// Horizontal placement of text inside a column.
public enum Alignment: Sendable, Equatable {
    case left, right, center
}
