/// How many colors the terminal offers; chosen at start-up from terminfo and `NO_COLOR`.
public enum ColorCapability: Sendable, Equatable {
    case monochrome, eight, sixteen, colors256

    /// Picks the capability from the number of colors terminfo reports and the user's color choice.
    public static func detect(colors: Int, noColor: Bool) -> ColorCapability {
        if noColor || colors < 8 { return .monochrome }
        if colors >= 256 { return .colors256 }
        if colors >= 16 { return .sixteen }
        return .eight
    }
}

/// A style resolved for one terminal: colors (nil = terminal default) and attributes.
public struct ResolvedStyle: Hashable, Sendable {
    /// Foreground color number, or nil for the terminal's own.
    public var foreground: Int?
    /// Background color number, or nil to keep the terminal's own background.
    public var background: Int?
    /// Bold attribute.
    public var bold = false
    /// Underline attribute.
    public var underline = false
    /// Reverse video attribute.
    public var reverse = false
    /// Dim attribute.
    public var dim = false
}

/// Turns style meanings into terminal attributes so screens never pick raw colors.
public struct Theme: Sendable {
    /// The capability this theme was built for.
    public let capability: ColorCapability

    /// A theme for the given color capability.
    public init(capability: ColorCapability) {
        self.capability = capability
    }

    /// Resolves a style for this terminal.
    public func resolve(_ style: Style) -> ResolvedStyle {
        var resolved = base(style.role)
        if style.emphasized {
            resolved.bold = true
            resolved.underline = true
        }
        return resolved
    }

    private func base(_ role: StyleRole) -> ResolvedStyle {
        switch capability {
        case .monochrome:
            switch role {
            case .normal, .muted, .ok: return ResolvedStyle()
            case .header: return ResolvedStyle(bold: true)
            case .selection: return ResolvedStyle(reverse: true)
            case .focus: return ResolvedStyle(bold: true, reverse: true)
            case .warning: return ResolvedStyle(bold: true)
            case .danger: return ResolvedStyle(bold: true, underline: true)
            case .badge: return ResolvedStyle(underline: true)
            }
        case .eight, .sixteen:
            let bright = capability == .sixteen ? 8 : 0
            switch role {
            case .normal: return ResolvedStyle()
            case .muted: return capability == .sixteen ? ResolvedStyle(foreground: 8) : ResolvedStyle(dim: true)
            case .header: return ResolvedStyle(foreground: 6 + bright, bold: true)
            case .selection: return ResolvedStyle(foreground: 0, background: 6)
            case .focus: return ResolvedStyle(foreground: 0, background: 3, bold: true)
            case .ok: return ResolvedStyle(foreground: 2 + bright)
            case .warning: return ResolvedStyle(foreground: 3 + bright, bold: true)
            case .danger: return ResolvedStyle(foreground: 1 + bright, bold: true)
            case .badge: return ResolvedStyle(foreground: 0, background: 4 + bright)
            }
        case .colors256:
            switch role {
            case .normal: return ResolvedStyle()
            case .muted: return ResolvedStyle(foreground: 245)
            case .header: return ResolvedStyle(foreground: 75, bold: true)
            // The palette's bright white on blue: 10 bytes of SGR per selected row instead of 24 for
            // 256-colour indexes, which keeps a one-row move under 200 bytes over SSH.
            case .selection: return ResolvedStyle(foreground: 15, background: 4)
            case .focus: return ResolvedStyle(foreground: 16, background: 214, bold: true)
            case .ok: return ResolvedStyle(foreground: 77)
            case .warning: return ResolvedStyle(foreground: 214, bold: true)
            case .danger: return ResolvedStyle(foreground: 203, bold: true)
            case .badge: return ResolvedStyle(foreground: 16, background: 110)
            }
        }
    }
}
