import TerminalUI

/// Flash messages over the bottom of the body, wrapped to a few lines so an error's advice is readable
/// (the kind is written as a word, not only a color); errors stay until Esc.
enum NoticeView {
    /// Most lines one notice may take.
    static let maxLines = 4

    static func render(_ toasts: ToastState, into buffer: inout ScreenBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let width = min(area.width, 96)
        var bottom = area.maxY
        for toast in toasts.toasts.reversed() where bottom > area.y {
            let style: Style = switch toast.kind {
            case .info: .badge
            case .success: .ok
            case .warning: .warning
            case .error: .danger
            }
            let suffix = toast.kind == .error ? " (Esc dismisses · :errors lists all)" : ""
            var lines = TextWidth.wrap(sanitize("\(toast.kind.rawValue): \(toast.message)\(suffix)"), width: max(1, width - 2))
            if lines.count > maxLines {
                lines = Array(lines.prefix(maxLines))
                lines[maxLines - 1] = TextWidth.truncate(lines[maxLines - 1], to: max(1, width - 3), ellipsis: buffer.glyphs.ellipsis) + buffer.glyphs.ellipsis
            }
            let lineWidth = min(width, (lines.map { TextWidth.of($0) }.max() ?? 0) + 2)
            let top = max(area.y, bottom - lines.count)
            for (i, line) in lines.enumerated() where top + i < bottom {
                let row = Rect(x: area.maxX - lineWidth, y: top + i, width: lineWidth, height: 1)
                buffer.fill(row, style: style)
                buffer.write(" " + line, in: row, style: style)
            }
            bottom = top
        }
    }
}
