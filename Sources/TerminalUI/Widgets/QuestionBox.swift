/// One button of a dialog, named by the key that presses it: `[ y Save ]`, `[ Esc Later ]`.
public struct DialogButton: Sendable, Equatable {
    /// The key's name as the button shows it ("y", "Esc", "Enter").
    public var keyName: String
    /// What pressing it does, in a word or two ("Save", "Overwrite").
    public var label: String
    /// Drawn as a warning when it destroys something.
    public var dangerous: Bool
    /// False while it cannot be pressed (a typed name that does not match yet): drawn muted.
    public var enabled: Bool

    /// A button pressed by `keyName`.
    public init(keyName: String, label: String, dangerous: Bool = false, enabled: Bool = true) {
        self.keyName = keyName
        self.label = label
        self.dangerous = dangerous
        self.enabled = enabled
    }

    /// The button as drawn: its key, then its word, in brackets.
    public var text: String { "[ \(keyName) \(label) ]" }
}

/// A dialog box: a title, a wrapped message, optionally a typed-name input, a row of buttons named by their
/// keys and a line saying which button Enter presses. Every dialog of the console and the widget gallery
/// draws through it, so buttons look and read the same everywhere.
public struct QuestionBox: Sendable {
    /// Box title.
    public var title: String
    /// The message (wrapped; newlines kept).
    public var message: String
    /// The buttons, left to right.
    public var buttons: [DialogButton]
    /// The button Enter presses now (drawn focused and named in the line under the buttons); nil: none.
    public var focused: Int?
    /// The message's style (`.warning` for a conflict).
    public var style: Style
    /// A prompt and the text typed so far, for a question answered by typing a name.
    public var input: (prompt: String, state: TextInputState)?
    /// The widest the box gets.
    public var maxWidth: Int
    /// The line naming each button's key and what it does, kept under the message even when the box is short.
    public var keyLine: String?

    /// A box with `buttons`, `focused` pressed by Enter.
    public init(title: String, message: String, buttons: [DialogButton], focused: Int?, style: Style = .normal,
                input: (prompt: String, state: TextInputState)? = nil, maxWidth: Int = 60, keyLine: String? = nil) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.focused = focused
        self.style = style
        self.input = input
        self.maxWidth = maxWidth
        self.keyLine = keyLine
    }

    /// "Enter: Save · Tab/←/→ move": the focused button in words, so focus shows without colours (a typed-name
    /// question has no highlight to move: Enter presses its first button once the name matches).
    public var focusLine: String {
        guard let focused, buttons.indices.contains(focused) else { return "" }
        let button = buttons[focused]
        guard button.enabled else { return "" }
        return "Enter: \(button.label)" + (buttons.count > 1 && input == nil ? " · Tab/←/→ move" : "")
    }

    /// Draws the box centered in `area`; the cursor is in the input when there is one, else parked on the focused button.
    /// When the box is short, the message is cut (ending in "…") before the key line and the prompt, which always show.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in area: Rect) -> CursorRequest? {
        let width = min(area.width, maxWidth)
        let textWidth = max(1, width - 4)
        let message = TextWidth.wrap(sanitize(message, keepNewlines: true), width: textWidth)
        let keys = keyLine.map { TextWidth.wrap(sanitize($0), width: textWidth) } ?? []
        let prompt = input.map { TextWidth.wrap($0.prompt, width: textWidth) } ?? []
        let buttonRows = DialogButtons.rows(buttons, width: textWidth)
        // A blank row before the buttons and the focus line after them; an input takes the row under its prompt.
        let fixed = buttonRows.count + 2 + (input == nil ? 0 : 1)
        let blanks = (keys.isEmpty ? 0 : 1) + (prompt.isEmpty ? 0 : 1)
        let box = area.centered(width: width, height: min(area.height, message.count + keys.count + prompt.count + blanks + fixed + 2))
        let inside = Layout.bordered(&buffer, box, title: title, focused: true, padding: 0).inset(left: 1, right: 1)
        let shown = Self.fit(message: message, keys: keys, prompt: prompt, rows: max(0, inside.height - fixed), width: textWidth)
        for (i, line) in shown.enumerated() {
            let isPrompt = input != nil && i == shown.count - 1
            buffer.write(line, in: inside.row(i), style: isPrompt ? .warning : style)
        }
        var cursor: CursorRequest?
        var y = inside.height - buttonRows.count - 1
        if let input {
            let inputRow = inside.row(min(shown.count, y - 2))
            buffer.fill(inputRow, style: .focus)
            let slice = input.state.visibleSlice(width: inputRow.width)
            buffer.write(slice.text, x: inputRow.x, y: inputRow.y, style: .focus, clip: inputRow)
            cursor = CursorRequest(x: inputRow.x + slice.cursorColumn, y: inputRow.y, visible: true)
        }
        for row in buttonRows {
            let parked = DialogButtons.render(into: &buffer, row: inside.row(y), buttons: buttons, indices: row, focused: focused)
            if cursor == nil, let parked { cursor = parked }
            y += 1
        }
        buffer.write(focusLine, in: inside.row(inside.height - 1), style: .muted, alignment: .center)
        return cursor
    }

    /// The text rows of a box with `rows` rows for text: the message, the key line and the prompt, each after a
    /// blank row. When they do not fit, the blank rows go first, then the message shrinks to two lines (its last
    /// ending in "…"), then the key line (the buttons and the hint bar still name the keys), then the message to one
    /// line; the prompt of a typed name always shows.
    static func fit(message: [String], keys: [String], prompt: [String], rows: Int, width: Int) -> [String] {
        var message = message
        var keys = keys
        var blanks = true
        func total() -> Int {
            message.count + keys.count + prompt.count + (blanks ? (keys.isEmpty ? 0 : 1) + (prompt.isEmpty ? 0 : 1) : 0)
        }
        func cut(_ lines: inout [String], to count: Int) {
            guard count < lines.count else { return }
            lines = Array(lines.prefix(max(0, count)))
            while lines.last?.isEmpty == true { lines.removeLast() }
            if let last = lines.popLast() { lines.append(TextWidth.truncate(last + " …", to: width)) }
        }
        if total() > rows { blanks = false }
        if total() > rows { cut(&message, to: max(2, message.count - (total() - rows))) }
        if total() > rows { cut(&keys, to: keys.count - (total() - rows)) }
        if total() > rows { cut(&message, to: max(1, message.count - (total() - rows))) }
        var lines = message
        if !keys.isEmpty { lines += (blanks ? [""] : []) + keys }
        if !prompt.isEmpty { lines += (blanks ? [""] : []) + prompt }
        return Array(lines.suffix(rows))
    }
}

/// The buttons of a dialog in rows that fit: one row when they do, otherwise as many as fit on each.
public enum DialogButtons {
    /// The buttons' indices row by row for `width` columns (two spaces between buttons).
    public static func rows(_ buttons: [DialogButton], width: Int) -> [[Int]] {
        var rows: [[Int]] = [[]]
        var used = 0
        for (index, button) in buttons.enumerated() {
            let size = TextWidth.of(button.text)
            if !rows[rows.count - 1].isEmpty, used + 2 + size > width {
                rows.append([])
                used = 0
            }
            used += (rows[rows.count - 1].isEmpty ? 0 : 2) + size
            rows[rows.count - 1].append(index)
        }
        return rows
    }

    /// Draws the buttons `indices` centred in `row`; the focused one reversed, a dangerous one as a warning,
    /// a disabled one muted. Returns the cursor parked on the focused button when it is in this row.
    @discardableResult
    public static func render(into buffer: inout ScreenBuffer, row: Rect, buttons: [DialogButton], indices: [Int], focused: Int?) -> CursorRequest? {
        let total = indices.map { TextWidth.of(buttons[$0].text) }.reduce(0, +) + 2 * max(0, indices.count - 1)
        var x = row.x + max(0, (row.width - total) / 2)
        var cursor: CursorRequest?
        for index in indices {
            let button = buttons[index]
            let style: Style = !button.enabled ? .muted : index == focused ? .focus : button.dangerous ? .danger : .normal
            if index == focused { cursor = CursorRequest(x: x, y: row.y, visible: false) }
            x += buffer.write(button.text, x: x, y: row.y, style: style, clip: row) + 2
        }
        return cursor
    }
}
