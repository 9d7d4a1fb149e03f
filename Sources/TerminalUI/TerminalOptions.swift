#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The user's terminal choices from the command line and environment (`--ascii`, `--no-color`,
/// `--mouse`, `NO_COLOR`), parsed in one place so the console and the gallery agree.
public struct TerminalOptions: Sendable, Equatable {
    /// Force ASCII borders, markers and ellipsis.
    public var ascii: Bool
    /// Monochrome theme (bold, reverse, underline only).
    public var noColor: Bool
    /// Report clicks and wheel steps.
    public var mouse: Bool

    /// Creates options.
    public init(ascii: Bool = false, noColor: Bool = false, mouse: Bool = false) {
        self.ascii = ascii
        self.noColor = noColor
        self.mouse = mouse
    }

    /// Reads the flags from arguments and `NO_COLOR` (any non-empty value, per no-color.org).
    public static func from(arguments: [String], environment: [String: String]) -> TerminalOptions {
        TerminalOptions(
            ascii: arguments.contains("--ascii"),
            noColor: arguments.contains("--no-color") || !(environment["NO_COLOR"] ?? "").isEmpty,
            mouse: arguments.contains("--mouse"))
    }
}

/// Why the full-screen terminal could not start; each message says what to do instead.
public enum TerminalStartupError: Error, CustomStringConvertible, Equatable {
    /// Standard input or output is a pipe or file.
    case notATerminal
    /// `TERM` is `dumb` or unset.
    case dumbTerminal(String)
    /// Neither the terminal type nor the `xterm-256color` fallback has a terminfo entry.
    case unknownTerminal(String)

    /// The exit code the executables use for these errors.
    public static let exitCode: Int32 = 2

    /// What happened, what it affects, what to do next.
    public var description: String {
        switch self {
        case .notATerminal:
            "standard input and output must be a terminal: the full-screen console cannot start when they are "
                + "redirected or piped. Run it directly in a terminal (ssh -t when remote), or use a headless subcommand."
        case .dumbTerminal(let term):
            "the terminal type \(term.isEmpty ? "(TERM unset)" : "TERM=\(term)") cannot draw a full-screen console. "
                + "Set TERM to your terminal (for example TERM=xterm-256color) and start again."
        case .unknownTerminal(let term):
            "no terminfo entry for TERM=\(term) nor for the xterm-256color fallback, so the screen cannot be drawn. "
                + "Install ncurses-term (apt-get install ncurses-term) or set TERM=xterm-256color."
        }
    }
}

/// Sets the process locale before curses starts and tells whether the user's own locale is UTF-8.
public enum LocaleSetup {
    /// The outcome of locale selection.
    public struct Result: Sendable, Equatable {
        /// The user's environment selects a UTF-8 locale (so Unicode glyphs may be sent).
        public var userLocaleIsUTF8: Bool
        /// A UTF-8 locale is active in the process (the user's, or the `C.UTF-8` fallback).
        public var processLocaleIsUTF8: Bool

        /// Creates a result (tests build these to check the glyph choice).
        public init(userLocaleIsUTF8: Bool, processLocaleIsUTF8: Bool) {
            self.userLocaleIsUTF8 = userLocaleIsUTF8
            self.processLocaleIsUTF8 = processLocaleIsUTF8
        }
    }

    /// `setlocale(LC_ALL, "")`, then the `C.UTF-8` fallback so wide-character calls work.
    @discardableResult
    public static func configure() -> Result {
        setlocale(LC_ALL, "")
        let user = isUTF8(currentCType())
        if !user {
            if setlocale(LC_ALL, "C.UTF-8") == nil { setlocale(LC_ALL, "C.utf8") }
        }
        return Result(userLocaleIsUTF8: user, processLocaleIsUTF8: isUTF8(currentCType()))
    }

    /// The glyph set for a locale result and options: Unicode only when the user's locale is UTF-8.
    public static func glyphs(for result: Result, options: TerminalOptions) -> Glyphs {
        (options.ascii || !result.userLocaleIsUTF8 || !result.processLocaleIsUTF8) ? .ascii : .unicode
    }

    private static func currentCType() -> String {
        guard let name = setlocale(LC_CTYPE, nil) else { return "C" }
        return String(cString: name)
    }

    private static func isUTF8(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }
}
