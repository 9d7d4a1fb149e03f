/// The frame every form field shares: a label with a required marker, and an inline validation message.
public struct FieldChrome: Equatable, Sendable {
    /// The field's label.
    public var label: String
    /// Shows `*` after the label.
    public var required: Bool
    /// A validation error shown under the field (with a marker, not only a color).
    public var message: String?
    /// Whether the field has focus (its label gets a `›` pointer).
    public var focused: Bool

    /// Creates the chrome.
    public init(label: String, required: Bool = false, message: String? = nil, focused: Bool = false) {
        self.label = label
        self.required = required
        self.message = message
        self.focused = focused
    }

    /// Draws the label row; returns the column where the field's value starts.
    /// `pointer: false` keeps the `›` off the label for a widget whose focused item carries it instead.
    func renderLabel(into buffer: inout ScreenBuffer, row: Rect, labelWidth: Int, pointer showPointer: Bool = true) -> Int {
        let g = buffer.glyphs
        let pointer = focused && showPointer ? g.pointer + " " : "  "
        var runs = [TextRun(pointer, focused ? .focus : .normal), TextRun(label, focused ? .header : .normal)]
        if required { runs.append(TextRun(" *", .warning)) }
        let width = min(labelWidth, row.width)
        // One column stays free between the label and the value.
        buffer.write(spans: runs, in: Rect(x: row.x, y: row.y, width: max(0, width - 1), height: 1))
        return row.x + width
    }

    /// Draws the message row (if any) under the field.
    func renderMessage(into buffer: inout ScreenBuffer, row: Rect, indent: Int) {
        guard let message, !row.isEmpty else { return }
        let marker = buffer.glyphs.asciiOnly ? "! " : "✗ "
        buffer.write(spans: [TextRun(marker + message, .danger)], in: Rect(x: row.x + indent, y: row.y, width: row.width - indent, height: 1))
    }

    /// Rows the field needs: one, plus one for a message.
    public var messageRows: Int { message == nil ? 0 : 1 }
}

/// A single-line text field: label, value with horizontal scrolling, cursor while focused.
public struct TextField: Sendable {
    /// Label, required marker, validation message, focus.
    public var chrome: FieldChrome
    /// Text shown dimmed when the value is empty.
    public var hint: String
    /// Width reserved for the label column.
    public var labelWidth: Int

    /// Creates a text field.
    public init(chrome: FieldChrome, hint: String = "", labelWidth: Int = 16) {
        self.chrome = chrome
        self.hint = hint
        self.labelWidth = labelWidth
    }

    /// Draws the field in `rect` (row 0: label and value, row 1: message); returns the text cursor when focused.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, state: TextInputState) -> CursorRequest? {
        guard !rect.isEmpty else { return nil }
        buffer.fill(rect)
        let valueX = chrome.renderLabel(into: &buffer, row: rect.row(0), labelWidth: labelWidth)
        let fieldWidth = max(1, rect.maxX - valueX)
        let fieldRect = Rect(x: valueX, y: rect.y, width: fieldWidth, height: 1)
        let style: Style = chrome.focused ? .focus : .selection
        buffer.fill(fieldRect, style: style)
        let slice = state.visibleSlice(width: fieldWidth)
        if state.characters.isEmpty, !hint.isEmpty, !chrome.focused {
            buffer.write(hint, in: fieldRect, style: .muted)
        } else if chrome.focused {
            // A selected value (typing replaces it) is underlined and bold, visible without colour.
            buffer.write(slice.text, x: valueX, y: rect.y, style: state.selected ? style.emphasizedCopy : style, clip: fieldRect)
        } else {
            // Away from the cursor a value shows its start (a name, an id), cut with an ellipsis; it scrolls
            // only while the cursor is in it.
            buffer.write(state.text, in: fieldRect, style: style)
        }
        chrome.renderMessage(into: &buffer, row: rect.row(1), indent: labelWidth)
        return CursorRequest(x: valueX + slice.cursorColumn, y: rect.y, visible: chrome.focused)
    }
}

/// A checkbox: `[x] Label`, toggled with Space or Enter.
public struct Checkbox: Sendable {
    /// Label, required marker, validation message, focus.
    public var chrome: FieldChrome
    /// Checked state.
    public var isOn: Bool

    /// Creates a checkbox.
    public init(chrome: FieldChrome, isOn: Bool) {
        self.chrome = chrome
        self.isOn = isOn
    }

    /// The new checked state for a key, or nil when the key does not toggle.
    public static func toggled(_ isOn: Bool, by key: Key) -> Bool? {
        switch key {
        case .character(" "), .enter: !isOn
        default: nil
        }
    }

    /// Draws the box and label; the cursor is parked on the box.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in rect: Rect) -> CursorRequest? {
        guard !rect.isEmpty else { return nil }
        buffer.fill(rect)
        let g = buffer.glyphs
        let box = isOn ? g.checkboxOn : g.checkboxOff
        var runs = [TextRun(chrome.focused ? g.pointer + " " : "  ", .focus), TextRun(box, chrome.focused ? .focus : .normal), TextRun(" " + chrome.label)]
        if chrome.required { runs.append(TextRun(" *", .warning)) }
        buffer.write(spans: runs, in: rect.row(0))
        chrome.renderMessage(into: &buffer, row: rect.row(1), indent: 6)
        return CursorRequest(x: rect.x + 3, y: rect.y, visible: false)
    }
}
