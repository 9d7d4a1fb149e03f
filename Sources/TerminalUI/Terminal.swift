/// The seam between screens and a real or in-memory terminal, so every screen runs in tests.
@MainActor
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// The glyph set (Unicode or ASCII) frames should be built with.
    var glyphs: Glyphs { get }
    /// The theme that resolves style meanings for this terminal.
    var theme: Theme { get }
    /// Shows a frame: only changed cells are sent; the cursor is parked where asked.
    func draw(_ buffer: ScreenBuffer, cursor: CursorRequest?)
    /// Waits up to `timeoutMilliseconds` for a key; nil on timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Leaves the full-screen mode (e.g. to run `$EDITOR`); the terminal is usable by other programs.
    func suspend()
    /// Comes back from `suspend()` and repaints everything on the next draw.
    func resume()
    /// Restores the terminal for good; safe to call more than once.
    func shutdown()
    /// Sends an escape sequence that is not part of a frame (an OSC 52 clipboard write) to the terminal
    /// as it is, after the last frame's output and without disturbing what the screen shows.
    func writeEscape(_ bytes: [UInt8])
}

extension Terminal {
    /// A blank buffer of the current size with this terminal's glyphs.
    public func makeBuffer() -> ScreenBuffer { ScreenBuffer(size: size, glyphs: glyphs) }
}
