/// A flash message; errors stay until dismissed, others expire after a few seconds.
public struct Toast: Equatable, Sendable {
    /// How serious the message is; the word goes on screen with it, not only a color.
    public enum Kind: String, Sendable { case info, success, warning, error }
    /// Identity for dismissing.
    public var id: Int
    /// Kind.
    public var kind: Kind
    /// Text.
    public var message: String
    /// When it goes away (seconds on the caller's clock); nil = until dismissed.
    public var expiresAt: Double?
}

/// The queue of flash messages; time comes in as a value so update stays pure and testable.
public struct ToastState: Equatable, Sendable {
    /// Messages, oldest first.
    public private(set) var toasts: [Toast] = []
    private var nextID = 1

    /// No messages.
    public init() {}

    /// Adds a message at time `now`; errors stick, others last `seconds`.
    @discardableResult
    public mutating func post(_ kind: Toast.Kind, _ message: String, now: Double, seconds: Double = 4) -> Int {
        let id = nextID
        nextID += 1
        toasts.append(Toast(id: id, kind: kind, message: message, expiresAt: kind == .error ? nil : now + seconds))
        if toasts.count > 5 { toasts.removeFirst(toasts.count - 5) }
        return id
    }

    /// Drops expired messages; returns true when something changed (redraw).
    public mutating func expire(now: Double) -> Bool {
        let before = toasts.count
        toasts.removeAll { ($0.expiresAt ?? .infinity) <= now }
        return toasts.count != before
    }

    /// The id the newest message got so far (0 before any): messages posted later have higher ids.
    public var newestID: Int { nextID - 1 }

    /// Drops every message posted up to `id` (those of a screen just left), keeping any posted since.
    public mutating func clear(through id: Int) {
        toasts.removeAll { $0.id <= id }
    }

    /// Dismisses the newest message (or a given one).
    public mutating func dismiss(id: Int? = nil) {
        if let id { toasts.removeAll { $0.id == id } } else if !toasts.isEmpty { toasts.removeLast() }
    }
}

/// Draws the toasts stacked at the bottom right of an area, newest lowest.
public struct ToastView: Sendable {
    /// Creates the view.
    public init() {}

    /// Draws each toast as `[kind] message` in its style.
    public func render(into buffer: inout ScreenBuffer, in area: Rect, state: ToastState) {
        let width = min(area.width, 50)
        var y = area.maxY - 1
        for toast in state.toasts.reversed() where y >= area.y {
            let style: Style = switch toast.kind {
            case .info: .badge
            case .success: .ok
            case .warning: .warning
            case .error: .danger
            }
            let sticky = toast.expiresAt == nil ? " [Esc]" : ""
            let text = " \(toast.kind.rawValue)\(sticky): \(sanitize(toast.message)) "
            let w = min(width, TextWidth.of(text))
            let row = Rect(x: area.maxX - w, y: y, width: w, height: 1)
            buffer.fill(row, style: style)
            buffer.write(text, in: row, style: style)
            y -= 1
        }
    }
}

/// A spinner frame for a tick count (the console advances ticks while work runs).
public struct Spinner: Sendable {
    /// Creates a spinner.
    public init() {}

    /// Draws the frame and a label.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, tick: Int, label: String) {
        let frames = buffer.glyphs.spinner
        let frame = frames[((tick % frames.count) + frames.count) % frames.count]
        buffer.write(spans: [TextRun(frame + " ", .header), TextRun(label, .muted)], in: rect.row(0))
    }
}

/// A progress bar with a percentage and a label, e.g. while paging through 10 000 roles.
public struct ProgressBar: Sendable {
    /// Creates a progress bar.
    public init() {}

    /// Draws `label [█████░░░░░] 42%` within one row.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, fraction: Double, label: String) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        buffer.fill(row)
        let clamped = min(1, max(0, fraction.isNaN ? 0 : fraction))
        let percent = " \(Int((clamped * 100).rounded(.down)))%"
        let labelWidth = min(TextWidth.of(sanitize(label)), row.width / 2)
        let labelRect = Rect(x: row.x, y: row.y, width: labelWidth, height: 1)
        buffer.write(label, in: labelRect)
        let barWidth = max(0, row.width - labelWidth - 1 - TextWidth.of(percent))
        let filled = Int((Double(barWidth) * clamped).rounded(.down))
        let g = buffer.glyphs
        var x = labelRect.maxX + (labelWidth > 0 ? 1 : 0)
        x += buffer.write(String(repeating: g.progressFull, count: filled), x: x, y: row.y, style: .ok, clip: row)
        x += buffer.write(String(repeating: g.progressEmpty, count: barWidth - filled), x: x, y: row.y, style: .muted, clip: row)
        buffer.write(percent, x: x, y: row.y, clip: row)
    }
}
