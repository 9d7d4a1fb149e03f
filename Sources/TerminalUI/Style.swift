/// What a piece of text means; the theme turns meaning into colors or attributes per terminal.
public enum StyleRole: String, CaseIterable, Sendable, Hashable {
    case normal, muted, header, selection, focus, ok, warning, danger, badge

    /// One letter per role for golden style maps.
    public var mapLetter: Character {
        switch self {
        case .normal: "."
        case .muted: "m"
        case .header: "h"
        case .selection: "s"
        case .focus: "f"
        case .ok: "o"
        case .warning: "w"
        case .danger: "d"
        case .badge: "b"
        }
    }
}

/// A cell's style: a meaning plus emphasis (used for filter-match highlighting and marks).
public struct Style: Hashable, Sendable {
    /// The meaning of the text.
    public var role: StyleRole
    /// Extra emphasis drawn as bold + underline in every theme (e.g. filter matches).
    public var emphasized: Bool

    /// Creates a style; emphasis defaults to off.
    public init(_ role: StyleRole = .normal, emphasized: Bool = false) {
        self.role = role
        self.emphasized = emphasized
    }

    /// Plain text.
    public static let normal = Style(.normal)
    /// Secondary or disabled text.
    public static let muted = Style(.muted)
    /// Column headers and titles.
    public static let header = Style(.header)
    /// The selected row.
    public static let selection = Style(.selection)
    /// The focused field or button.
    public static let focus = Style(.focus)
    /// Success.
    public static let ok = Style(.ok)
    /// Caution.
    public static let warning = Style(.warning)
    /// Errors and destructive actions.
    public static let danger = Style(.danger)
    /// Small labels such as counts and tags.
    public static let badge = Style(.badge)

    /// The same role with emphasis on.
    public var emphasizedCopy: Style { Style(role, emphasized: true) }

    /// Letter for the golden style map: the role letter, uppercase when emphasized.
    public var mapLetter: Character {
        let letter = role.mapLetter
        guard emphasized else { return letter }
        return letter == "." ? "*" : Character(letter.uppercased())
    }
}
