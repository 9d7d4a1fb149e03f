/// The `:` command line: an input plus Tab completion from candidates the console provides.
public struct CommandLineState: Equatable, Sendable {
    /// The typed command.
    public var input = TextInputState()
    /// Candidates for the current input (refreshed by the caller after each edit).
    public var completions: [String] = []
    /// Index of the completion Tab last inserted.
    public var completionIndex: Int?

    /// An empty command line.
    public init() {}

    /// What the command line decided after a key.
    public enum Outcome: Equatable, Sendable { case submitted(String), cancelled }

    /// Tab cycles completions (the common prefix first), Enter submits, Esc cancels, other keys edit.
    public mutating func apply(_ key: Key, complete: (String) -> [String]) -> Outcome? {
        switch key {
        case .enter: return .submitted(input.text)
        case .escape: return .cancelled
        case .tab, .backTab:
            if completionIndex == nil {
                completions = complete(input.text)
                guard !completions.isEmpty else { return nil }
                let prefix = Self.commonPrefix(completions)
                if completions.count > 1, prefix.count > input.text.count {
                    input.set(prefix)
                    return nil
                }
                completionIndex = key == .tab ? 0 : completions.count - 1
            } else if let index = completionIndex {
                completionIndex = (index + (key == .tab ? 1 : completions.count - 1)) % completions.count
            }
            if let index = completionIndex { input.set(completions[index]) }
        default:
            if input.apply(key) {
                completionIndex = nil
                completions = complete(input.text)
            }
        }
        return nil
    }

    /// The longest common prefix of the candidates.
    public static func commonPrefix(_ candidates: [String]) -> String {
        guard var prefix = candidates.first.map(Array.init) else { return "" }
        for candidate in candidates.dropFirst() {
            let chars = Array(candidate)
            var n = 0
            while n < min(prefix.count, chars.count), prefix[n] == chars[n] { n += 1 }
            prefix = Array(prefix[..<n])
        }
        return String(prefix)
    }
}

/// Draws the command line: `:` prompt, the input, and the completions after it.
public struct CommandLineView: Sendable {
    /// The prompt.
    public var prompt: String

    /// Creates the view.
    public init(prompt: String = ":") { self.prompt = prompt }

    /// Draws on one row; the cursor is visible in the input.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, state: CommandLineState) -> CursorRequest? {
        guard !rect.isEmpty else { return nil }
        let row = rect.row(0)
        buffer.fill(row)
        let promptWidth = buffer.write(prompt, x: row.x, y: row.y, style: .header, clip: row)
        let inputWidth = max(1, min(row.width - promptWidth, max(20, TextWidth.of(state.input.text) + 1)))
        let inputRect = Rect(x: row.x + promptWidth, y: row.y, width: inputWidth, height: 1)
        let slice = state.input.visibleSlice(width: inputRect.width)
        buffer.write(slice.text, x: inputRect.x, y: row.y, clip: inputRect)
        let listRect = Rect(x: inputRect.maxX + 1, y: row.y, width: row.maxX - inputRect.maxX - 1, height: 1)
        if !state.completions.isEmpty, !listRect.isEmpty {
            var runs: [TextRun] = []
            for (i, candidate) in state.completions.enumerated() {
                runs.append(TextRun(candidate, i == state.completionIndex ? .selection : .muted))
                runs.append(TextRun(" "))
            }
            buffer.write(spans: runs, in: listRect)
        }
        return CursorRequest(x: inputRect.x + slice.cursorColumn, y: row.y, visible: true)
    }
}
