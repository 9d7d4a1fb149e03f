/// What a dialog decided after a key.
public enum DialogOutcome: Equatable, Sendable {
    case confirmed, cancelled
}

/// Which button of a confirm dialog has focus; it starts on Cancel so Enter never destroys by accident.
public struct ConfirmDialogState: Equatable, Sendable {
    /// True when the confirm button has focus.
    public var confirmFocused = false

    /// A state with Cancel focused.
    public init() {}

    /// Tab/arrows move focus; Enter activates the focused button; Esc cancels; `y` confirms, `n` cancels.
    /// Modal: every key is consumed, so nothing behind the dialog reacts.
    public mutating func apply(_ key: Key) -> DialogOutcome? {
        switch key {
        case .tab, .backTab, .left, .right, .character("h"), .character("l"): confirmFocused.toggle()
        case .enter: return confirmFocused ? .confirmed : .cancelled
        case .escape, .character("n"), .character("q"): return .cancelled
        case .character("y"): return .confirmed
        default: break
        }
        return nil
    }
}

/// A modal confirm dialog: title, message, two buttons and the key hints inside the box.
public struct ConfirmDialog: Sendable {
    /// Box title.
    public var title: String
    /// What will happen (wrapped).
    public var message: String
    /// Label of the confirm button (say what it does: "Delete role").
    public var confirmLabel: String
    /// Label of the cancel button.
    public var cancelLabel: String
    /// Draws the confirm button as dangerous.
    public var dangerous: Bool

    /// Creates a confirm dialog.
    public init(title: String, message: String, confirmLabel: String, cancelLabel: String = "Cancel", dangerous: Bool = false) {
        self.title = title
        self.message = message
        self.confirmLabel = confirmLabel
        self.cancelLabel = cancelLabel
        self.dangerous = dangerous
    }

    /// Draws the dialog centered in `area`; returns the cursor parked on the focused button.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in area: Rect, state: ConfirmDialogState) -> CursorRequest? {
        let width = min(area.width, 60)
        let lines = TextWidth.wrap(sanitize(message, keepNewlines: true), width: max(1, width - 4))
        let box = area.centered(width: width, height: lines.count + 6)
        let inside = Layout.bordered(&buffer, box, title: title, focused: true, padding: 0).inset(left: 1, right: 1)
        for (i, line) in lines.enumerated() where i < inside.height - 3 { buffer.write(line, in: inside.row(i)) }
        return DialogButtons.render(into: &buffer, row: inside.row(inside.height - 2), confirm: confirmLabel, cancel: cancelLabel,
                                    confirmFocused: state.confirmFocused, confirmEnabled: true, dangerous: dangerous,
                                    hint: "Tab switch · Enter choose · Esc cancel", hintRow: inside.row(inside.height - 1))
    }
}

/// The state of a typed-name confirmation: the text typed and the button focus.
public struct TypedConfirmState: Equatable, Sendable {
    /// What the user typed.
    public var input = TextInputState()
    /// True when the confirm button (not the input) has focus.
    public var confirmFocused = false

    /// A fresh state.
    public init() {}

    /// Typing edits the input; Enter confirms only when the input equals `expected`; Esc cancels.
    public mutating func apply(_ key: Key, expected: String) -> DialogOutcome? {
        switch key {
        case .escape: return .cancelled
        case .enter: return input.text == sanitize(expected) ? .confirmed : nil
        case .tab, .backTab:
            confirmFocused.toggle()
            return nil
        default:
            _ = input.apply(key)
            return nil
        }
    }
}

/// A confirmation for dangerous actions that requires typing the object's name.
public struct TypedConfirmDialog: Sendable {
    /// Box title.
    public var title: String
    /// What will happen.
    public var message: String
    /// The name that must be typed.
    public var expected: String
    /// Label of the confirm button.
    public var confirmLabel: String

    /// Creates the dialog.
    public init(title: String, message: String, expected: String, confirmLabel: String) {
        self.title = title
        self.message = message
        self.expected = expected
        self.confirmLabel = confirmLabel
    }

    /// Draws the dialog; the cursor is visible in the input.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in area: Rect, state: TypedConfirmState) -> CursorRequest? {
        let width = min(area.width, 60)
        let prompt = "Type \u{201C}\(sanitize(expected))\u{201D} to confirm:"
        let lines = TextWidth.wrap(sanitize(message, keepNewlines: true), width: max(1, width - 4)) + [""] + TextWidth.wrap(prompt, width: max(1, width - 4))
        let box = area.centered(width: width, height: lines.count + 7)
        let inside = Layout.bordered(&buffer, box, title: title, focused: true, padding: 0).inset(left: 1, right: 1)
        for (i, line) in lines.enumerated() where i < inside.height - 4 { buffer.write(line, in: inside.row(i), style: i < lines.count - 1 ? .normal : .warning) }
        let inputRow = inside.row(inside.height - 4)
        buffer.fill(inputRow, style: .focus)
        let slice = state.input.visibleSlice(width: inputRow.width)
        buffer.write(slice.text, x: inputRow.x, y: inputRow.y, style: .focus, clip: inputRow)
        let matches = state.input.text == sanitize(expected)
        _ = DialogButtons.render(into: &buffer, row: inside.row(inside.height - 2), confirm: confirmLabel, cancel: "Cancel",
                                 confirmFocused: false, confirmEnabled: matches, dangerous: true,
                                 hint: matches ? "Enter confirm · Esc cancel" : "Esc cancel", hintRow: inside.row(inside.height - 1))
        return CursorRequest(x: inputRow.x + slice.cursorColumn, y: inputRow.y, visible: true)
    }
}

/// A message box with one OK button (errors, notices); any of Enter, Esc, Space closes it.
public struct MessageBox: Sendable {
    /// Box title.
    public var title: String
    /// The message (wrapped).
    public var message: String
    /// Message style (`.danger` for errors, with an "Error:" word from the caller).
    public var style: Style

    /// Creates a message box.
    public init(title: String, message: String, style: Style = .normal) {
        self.title = title
        self.message = message
        self.style = style
    }

    /// `.confirmed` for Enter, Esc, Space or q; nil for other keys (which it swallows: modal).
    public static func apply(_ key: Key) -> DialogOutcome? {
        switch key {
        case .enter, .escape, .character(" "), .character("q"): .confirmed
        default: nil
        }
    }

    /// Draws the box centered in `area`.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in area: Rect) -> CursorRequest? {
        let width = min(area.width, 64)
        let lines = TextWidth.wrap(sanitize(message, keepNewlines: true), width: max(1, width - 4))
        let box = area.centered(width: width, height: min(area.height, lines.count + 5))
        let inside = Layout.bordered(&buffer, box, title: title, focused: true, padding: 0).inset(left: 1, right: 1)
        for (i, line) in lines.enumerated() where i < inside.height - 2 { buffer.write(line, in: inside.row(i), style: style) }
        let ok = "[ OK ]"
        let row = inside.row(inside.height - 1)
        buffer.write(ok, in: row, style: .focus, alignment: .center)
        return CursorRequest(x: row.x + (row.width - TextWidth.of(ok)) / 2, y: row.y, visible: false)
    }
}

/// The two buttons and the hint line shared by dialogs.
enum DialogButtons {
    static func render(into buffer: inout ScreenBuffer, row: Rect, confirm: String, cancel: String, confirmFocused: Bool,
                       confirmEnabled: Bool, dangerous: Bool, hint: String, hintRow: Rect) -> CursorRequest? {
        let cancelText = "[ \(cancel) ]"
        let confirmText = "[ \(confirm) ]"
        let total = TextWidth.of(cancelText) + 2 + TextWidth.of(confirmText)
        var x = row.x + max(0, (row.width - total) / 2)
        let cancelX = x
        x += buffer.write(cancelText, x: x, y: row.y, style: confirmFocused ? .normal : .focus, clip: row) + 2
        let confirmX = x
        let confirmStyle: Style = !confirmEnabled ? .muted : (confirmFocused ? .focus : (dangerous ? .danger : .normal))
        buffer.write(confirmText, x: x, y: row.y, style: confirmStyle, clip: row)
        // Drop the first hint ("Tab switch · ") rather than cut the last one on narrow screens.
        var shown = hint
        while TextWidth.of(shown) > hintRow.width, let range = shown.firstRange(of: " · ") {
            shown = String(shown[range.upperBound...])
        }
        buffer.write(shown, in: hintRow, style: .muted, alignment: .center)
        return CursorRequest(x: confirmFocused ? confirmX : cancelX, y: row.y, visible: false)
    }
}
