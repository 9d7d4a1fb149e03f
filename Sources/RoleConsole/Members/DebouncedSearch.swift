import TerminalUI

/// A search input whose text goes to the server once typing rests (the clock's ticks decide, nothing sleeps):
/// the add-members dialog and the users screen both search `POST /users/search` this way.
public struct DebouncedSearch: Sendable, Equatable {
    /// How long typing must pause before the search is sent (seconds).
    static let pause = 0.3

    public var input = TextInputState()
    /// When the typed text is due to be sent (nil: nothing pending).
    public var due: Double?
    /// The text last sent.
    public var sent = ""
    /// True while the answer to `sent` is still out.
    public var waiting = false

    /// A key for the input: the text changes and a search is due after the pause. False when it is no editing key.
    mutating func typed(_ key: Key, now: Double) -> Bool {
        guard input.apply(key) else { return false }
        due = now + Self.pause
        return true
    }

    /// The clock: the text to send now (its answer then awaited), "" when the input was emptied, nil for nothing.
    /// The same text is sent again only when `retry` (its earlier answer found nobody or failed).
    mutating func tick(now: Double, retry: Bool) -> String? {
        guard let due, now >= due else { return nil }
        self.due = nil
        let text = input.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            sent = ""
            return ""
        }
        guard text != sent || !waiting && retry else { return nil }
        sent = text
        waiting = true
        return text
    }

    /// An answer for `query` arrived: true when it answers the text last sent (an older one is dropped).
    mutating func answered(_ query: String) -> Bool {
        guard query == sent else { return false }
        waiting = false
        return true
    }
}
