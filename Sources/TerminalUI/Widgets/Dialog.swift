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

    /// Draws the dialog centered in `area` (`[ y confirm ] [ n cancel ]`); returns the cursor parked on the focused button.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in area: Rect, state: ConfirmDialogState) -> CursorRequest? {
        QuestionBox(title: title, message: message,
                    buttons: [DialogButton(keyName: "y", label: confirmLabel, dangerous: dangerous), DialogButton(keyName: "n", label: cancelLabel)],
                    focused: state.confirmFocused ? 0 : 1).render(into: &buffer, in: area)
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
        let matches = state.input.text == sanitize(expected)
        return QuestionBox(title: title, message: message,
                           buttons: [DialogButton(keyName: "Enter", label: confirmLabel, dangerous: true, enabled: matches),
                                     DialogButton(keyName: "Esc", label: "Cancel")],
                           focused: matches ? 0 : nil, input: (prompt: "Type \u{201C}\(sanitize(expected))\u{201D} to confirm:", state: state.input))
            .render(into: &buffer, in: area)
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

    /// Draws the box centered in `area`, with its one button `[ Enter OK ]`.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in area: Rect) -> CursorRequest? {
        QuestionBox(title: title, message: message, buttons: [DialogButton(keyName: "Enter", label: "OK")], focused: 0, style: style, maxWidth: 64)
            .render(into: &buffer, in: area)
    }
}
