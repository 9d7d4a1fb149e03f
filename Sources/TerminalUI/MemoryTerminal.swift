/// An in-memory terminal: it keeps the last frame as a cell grid, counts what each frame changed,
/// and plays back queued keys, so screens can be golden-tested without a tty.
@MainActor
public final class MemoryTerminal: Terminal {
    /// The current size; change it with `resize(to:)`.
    public private(set) var size: Size
    /// The glyph set frames should use.
    public let glyphs: Glyphs
    /// The theme (monochrome by default, so golden files do not depend on colors).
    public let theme: Theme
    /// The last frame drawn.
    public private(set) var screen: ScreenBuffer
    /// The cursor of the last frame.
    public private(set) var cursor: CursorRequest?
    /// How many cells the last frame changed (the frame diff a real terminal would send).
    public private(set) var lastChangedCells = 0
    /// Frames drawn so far.
    public private(set) var frameCount = 0
    /// Keys `readKey` will return, first first.
    public var pendingKeys: [Key] = []
    /// True between `suspend()` and `resume()`.
    public private(set) var isSuspended = false
    /// True after `shutdown()`.
    public private(set) var isShutDown = false
    /// Every escape sequence sent with `writeEscape`, first first (tests read the clipboard writes here).
    public private(set) var escapes: [[UInt8]] = []

    /// Creates a terminal of the given size.
    public init(size: Size, glyphs: Glyphs = .unicode, theme: Theme = Theme(capability: .monochrome)) {
        self.size = size
        self.glyphs = glyphs
        self.theme = theme
        self.screen = ScreenBuffer(size: size, glyphs: glyphs)
    }

    /// Shows a frame and records how many cells changed.
    public func draw(_ buffer: ScreenBuffer, cursor: CursorRequest?) {
        lastChangedCells = buffer.changedPositions(from: screen).count
        screen = buffer
        self.cursor = cursor
        frameCount += 1
    }

    /// Returns the next queued key, or nil.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    /// Changes the size and queues a `.resize` key, as a real terminal would.
    public func resize(to newSize: Size) {
        size = newSize
        screen = ScreenBuffer(size: newSize, glyphs: glyphs)
        pendingKeys.append(.resize)
    }

    /// Marks the terminal suspended.
    public func suspend() { isSuspended = true }
    /// Marks the terminal resumed; the next frame counts as a full repaint.
    public func resume() {
        isSuspended = false
        screen = ScreenBuffer(size: size, glyphs: glyphs)
    }
    /// Marks the terminal shut down.
    public func shutdown() { isShutDown = true }
    /// Records the sequence (nothing on the screen changes, as on a real terminal).
    public func writeEscape(_ bytes: [UInt8]) { escapes.append(bytes) }

    /// The screen as text lines plus a style map, the format of golden files.
    public func dump() -> String {
        var out = screen.textLines().joined(separator: "\n")
        out += "\n-- styles --\n"
        out += screen.styleLines().joined(separator: "\n")
        if let cursor { out += "\n-- cursor \(cursor.x),\(cursor.y) \(cursor.visible ? "visible" : "hidden") --" }
        return out + "\n"
    }
}
