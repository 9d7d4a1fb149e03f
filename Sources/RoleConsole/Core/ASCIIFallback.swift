import TerminalUI

/// Without a UTF-8 locale the console draws ASCII only: punctuation the screens use gets an ASCII
/// look-alike instead of the `?` the buffer would otherwise show; anything else stays `?`.
enum ASCIIFallback {
    static let replacements: [String: String] = [
        "–": "-", "—": "-", "−": "-", "·": ".", "›": ">", "‹": "<", "…": "~", "▲": "^", "▼": "v",
        "█": "#", "░": ".", "✓": "*", "•": "*", "“": "\"", "”": "\"", "‘": "'", "’": "'", "×": "x",
        "├": "|", "└": "`", "│": "|", "─": "-", "␛": "?", "\u{00A0}": " ",
    ]

    /// A glyph set like `.ascii` that lets Unicode through, so `apply` can choose the replacements.
    static var permissive: Glyphs {
        var glyphs = Glyphs.ascii
        glyphs.asciiOnly = false
        return glyphs
    }

    /// Rewrites every non-ASCII cell with its look-alike (or `?` per column), keeping styles.
    static func apply(_ buffer: inout ScreenBuffer) {
        var ascii = ScreenBuffer(size: buffer.size, glyphs: .ascii)
        for y in 0..<buffer.size.height {
            for x in 0..<buffer.size.width {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                let text = cell.text.unicodeScalars.allSatisfy({ $0.value < 0x80 }) ? cell.text
                    : replacements[cell.text] ?? String(repeating: "?", count: max(1, Int(cell.width)))
                ascii.write(text, x: x, y: y, style: cell.style)
            }
        }
        buffer = ascii
    }
}
