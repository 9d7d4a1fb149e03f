/// The text and cursor of a single-line input, edited by pure key handling (Emacs-style keys included).
public struct TextInputState: Equatable, Sendable {
    /// The text as grapheme clusters (what the user deletes with one Backspace).
    public private(set) var characters: [Character]
    /// Cursor position as an index into `characters` (0...count).
    public private(set) var cursor: Int
    /// True while the whole text is selected (a short field just entered): typing replaces it, deleting
    /// clears it, a cursor move ends the selection.
    public private(set) var selected = false

    /// An input holding `text` with the cursor at its end.
    public init(_ text: String = "") {
        characters = Array(sanitize(text))
        cursor = characters.count
    }

    /// The current text.
    public var text: String { String(characters) }

    /// Edits for a key; false when the key is not an editing key (so the form can use it).
    ///
    /// Keys: printable characters insert; Backspace, Delete; Left/Right, Home/End, ctrl-a/e (line
    /// start/end), ctrl-b/f (character), alt-b/f (word); ctrl-k (kill to end), ctrl-u (kill to start),
    /// ctrl-w (kill previous word).
    public mutating func apply(_ key: Key) -> Bool {
        if selected, replacesSelection(key) {
            characters.removeAll()
            cursor = 0
            selected = false
            if case .character(let c) = key { insert(String(c)) }
            return true
        }
        let handled = edit(key)
        if handled { selected = false }
        return handled
    }

    /// Selects the whole text with the cursor at its end (entering a short field such as HH:MM), so what
    /// is typed next replaces it; nothing is selected in an empty input.
    public mutating func selectAll() {
        cursor = characters.count
        selected = !characters.isEmpty
    }

    /// Keys that replace or delete a selected text (typing, the deleting keys); the others move the cursor.
    private func replacesSelection(_ key: Key) -> Bool {
        switch key {
        case .character, .backspace, .ctrl("h"), .delete, .ctrl("d"), .ctrl("k"), .ctrl("u"), .ctrl("w"): true
        default: false
        }
    }

    private mutating func edit(_ key: Key) -> Bool {
        switch key {
        case .character(let c): insert(String(c))
        case .backspace, .ctrl("h"):
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .ctrl("k"): characters.removeSubrange(cursor...)
        case .ctrl("u"):
            characters.removeSubrange(..<cursor)
            cursor = 0
        case .ctrl("w"):
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .alt("b"): cursor = wordStart(before: cursor)
        case .alt("f"): cursor = wordEnd(after: cursor)
        default: return false
        }
        return true
    }

    /// Inserts (sanitized) text at the cursor, e.g. a paste.
    public mutating func insert(_ text: String) {
        if selected {
            characters.removeAll()
            cursor = 0
            selected = false
        }
        let clean = Array(sanitize(text))
        characters.insert(contentsOf: clean, at: cursor)
        cursor += clean.count
    }

    /// Replaces the whole text and puts the cursor at the end (e.g. a completion).
    public mutating func set(_ text: String) {
        characters = Array(sanitize(text))
        cursor = characters.count
        selected = false
    }

    private func wordStart(before index: Int) -> Int {
        var i = index
        while i > 0, characters[i - 1].isWhitespace { i -= 1 }
        while i > 0, !characters[i - 1].isWhitespace { i -= 1 }
        return i
    }

    private func wordEnd(after index: Int) -> Int {
        var i = index
        while i < characters.count, characters[i].isWhitespace { i += 1 }
        while i < characters.count, !characters[i].isWhitespace { i += 1 }
        return i
    }

    /// The visible slice for a field `width` columns wide, scrolled so the cursor stays visible;
    /// returns the text and the cursor's column inside the field.
    public func visibleSlice(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        let widths = characters.map { TextWidth.of(String($0)) }
        let cursorColumn = widths[..<cursor].reduce(0, +)
        var start = 0
        var skipped = 0
        // Keep one column free for the cursor at the end of the text.
        while cursorColumn - skipped > width - 1, start < characters.count {
            skipped += widths[start]
            start += 1
        }
        var text = ""
        var used = 0
        var i = start
        while i < characters.count, used + widths[i] <= width {
            text.append(characters[i])
            used += widths[i]
            i += 1
        }
        return (text, cursorColumn - skipped)
    }
}
