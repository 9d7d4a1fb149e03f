/// A key press or terminal event, decoded once so widgets and the console never see raw codes.
public enum Key: Hashable, Sendable {
    /// A printable character (full Unicode).
    case character(Character)
    /// Ctrl plus a lowercase letter (`ctrl("a")`), except those that are Tab, Enter or Backspace.
    case ctrl(Character)
    /// Alt (Meta) plus a character, sent by terminals as Esc then the character.
    case alt(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete, insert
    /// F1–F12.
    case function(Int)
    /// The terminal changed size; redraw at the new size.
    case resize
    /// A mouse click or wheel step (only with `--mouse`).
    case mouse(MouseEvent)

    /// A short human name for help screens and logs ("ctrl-a", "PgDn", "F1").
    public var name: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .ctrl(let c): "ctrl-\(c)"
        case .alt(let c): "alt-\(c)"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .insert: "Insert"
        case .function(let n): "F\(n)"
        case .resize: "resize"
        case .mouse: "mouse"
        }
    }

    /// Decodes a plain (non-function-key) code point as `wget_wch` returns it.
    public static func fromCharacter(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl(" ")
        case 1...26: return .ctrl(Character(Unicode.Scalar(value + 96)!))
        case 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(value), cellWidth(scalar) >= 0 || value >= 0xA0 else { return nil }
            return .character(Character(scalar))
        }
    }
}

/// A mouse event in screen cells.
public struct MouseEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: Hashable, Sendable { case click, wheelUp, wheelDown }
    /// What happened.
    public var kind: Kind
    /// Column.
    public var x: Int
    /// Row.
    public var y: Int

    /// Creates a mouse event.
    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
