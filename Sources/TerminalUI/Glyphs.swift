/// The line-drawing and marker characters for one terminal: Unicode, or plain ASCII when no UTF-8
/// locale is available or `--ascii` is given.
public struct Glyphs: Sendable, Equatable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    public var teeDown, teeUp, teeRight, teeLeft: String
    /// Marks text that was cut.
    public var ellipsis: String
    public var checkboxOn, checkboxOff, radioOn, radioOff: String
    public var pointer, markOn, sortAscending, sortDescending: String
    public var treeBranch, treeLast, treePipe, expanded, collapsed, leaf: String
    public var progressFull, progressEmpty: String
    /// Spinner frames.
    public var spinner: [String]
    /// True for the ASCII set (the buffer then also replaces non-ASCII text with `?`).
    public var asciiOnly: Bool

    /// Unicode box drawing and markers.
    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeDown: "┬", teeUp: "┴", teeRight: "├", teeLeft: "┤", ellipsis: "…",
        checkboxOn: "[x]", checkboxOff: "[ ]", radioOn: "(•)", radioOff: "( )",
        pointer: "›", markOn: "✓", sortAscending: "▲", sortDescending: "▼",
        treeBranch: "├─", treeLast: "└─", treePipe: "│ ", expanded: "▾", collapsed: "▸", leaf: "•",
        progressFull: "█", progressEmpty: "░", spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
        asciiOnly: false)

    /// Plain ASCII for terminals without UTF-8.
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeDown: "+", teeUp: "+", teeRight: "+", teeLeft: "+", ellipsis: "~",
        checkboxOn: "[x]", checkboxOff: "[ ]", radioOn: "(*)", radioOff: "( )",
        pointer: ">", markOn: "*", sortAscending: "^", sortDescending: "v",
        treeBranch: "|-", treeLast: "`-", treePipe: "| ", expanded: "-", collapsed: "+", leaf: "*",
        progressFull: "#", progressEmpty: ".", spinner: ["|", "/", "-", "\\"],
        asciiOnly: true)
}
