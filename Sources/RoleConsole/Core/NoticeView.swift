import TerminalUI

/// The newest message on its own line at the bottom of the screen, in place of the hint bar, so it never
/// covers the selection, a border, a form's keys or the status bar (READ-ONLY, LOGGED OUT); a longer
/// text is cut there (an error's whole text is in `:errors`). One message shows at a time with how many older ones wait; the kind is written as a
/// word, not only a colour. Errors stay until Esc; all messages go when their screen is left.
enum NoticeView {
    /// The row a message takes: the hint bar's, or the status bar's while the bottom row holds the filter
    /// or command input.
    static func rows(_ frame: ConsoleLayout.Frame, inputShown: Bool) -> [Rect] {
        inputShown ? [frame.status] : [frame.bottom]
    }

    /// The message's text: kind, text, the count of older ones, and that Esc clears them where it does
    /// (on the list screens; in a form Esc closes the form).
    static func text(_ toasts: ToastState, escClears: Bool) -> (String, Style)? {
        guard let toast = toasts.toasts.last else { return nil }
        let style: Style = switch toast.kind {
        case .info: .badge
        case .success: .ok
        case .warning: .warning
        case .error: .danger
        }
        // The count goes first, so a long message cut at its end still says how many wait.
        let older = toasts.toasts.count - 1
        let count = older > 0 ? " (+\(older) older)" : ""
        var tail: [String] = []
        if toast.kind == .error { tail.append(":errors lists all") }
        if escClears, toast.kind == .error || older > 0 { tail.append("Esc clears") }
        let suffix = tail.isEmpty ? "" : " (" + tail.joined(separator: " · ") + ")"
        return ("\(toast.kind.rawValue)\(count): \(toast.message)\(suffix)", style)
    }

    static func render(_ toasts: ToastState, into buffer: inout ScreenBuffer, rows: [Rect], escClears: Bool) {
        guard let (message, style) = text(toasts, escClears: escClears), let width = rows.first?.width, width > 2 else { return }
        var lines = TextWidth.wrap(sanitize(message), width: width - 2)
        if lines.count > rows.count {
            let kept = Array(lines.prefix(rows.count - 1))
            lines = kept + [lines.dropFirst(kept.count).joined(separator: " ")]
        }
        for (line, row) in zip(lines, rows.suffix(lines.count)) {
            buffer.fill(row, style: style)
            buffer.write(" " + line, in: row, style: style)
        }
    }
}
