import TerminalUI

/// What a key does where it is bound: changes the state and returns the work to start.
public typealias KeyHandler = @Sendable (inout AppState, Key) -> [Effect]

/// One key binding of the console (k9s's `KeyAction`): the keys, the words help and the hint bar show,
/// where it works, whether it changes data and what the server must allow, and the handler that runs
/// it. Screens, dialogs, the evaluate inspector and the role form all keep tables of these, and
/// `KeyDispatcher` is the only code that runs a handler: it applies the read-only and 403 refusals first,
/// so no key can get around them, and help, hints and the README key table come from the same rows.
public struct KeyEntry<Place: Hashable & Sendable>: Sendable {
    /// The screen action this entry is (403 bookkeeping, docs); nil for keys of a dialog or the form.
    public var action: ActionID?
    /// The keys that do it; for typed text a sample letter (any printable key works the same).
    public var keys: [Key]
    /// The keys as help shows them ("Tab Shift-Tab", "type").
    public var label: String
    /// What it does, for help.
    public var title: String
    /// The hint bar's keys and words ("F2", "save"); nil for a key shown in help only.
    public var hint: (keys: String, words: String)?
    /// Help section.
    public var group: String
    /// Where the key does what it says; empty means everywhere (screens only).
    public var places: Set<Place>
    /// Shown after the place's own keys in the hint bar (saving, closing: the same everywhere).
    public var common: Bool
    /// Listed in the help.
    public var inHelp: Bool
    /// True when it changes data on the server: refused in `--read-only`.
    public var mutating: Bool
    /// What a person confirms before it writes.
    public var confirmation: ConfirmationLevel
    /// The server permission it needs, for the docs.
    public var permission: String?
    /// The action whose 403 makes this key unavailable (the server refused that permission).
    public var needs: ActionID?
    /// What the refusal notice calls it ("Saving"); the title when nil.
    public var refusedAs: String?
    /// Said after a refusal, e.g. that the form keeps its edits.
    public var keptNote: String
    /// The handler; nil when the key belongs to the focused component (typed text, a widget's own
    /// keys), which the dispatcher then hands the key to.
    public var run: KeyHandler?

    /// An entry; `hint` nil keeps it out of the hint bar, `run` nil leaves the key to the focused component.
    public init(_ keys: [Key], _ label: String, _ title: String, hint: (String, String)? = nil, group: String,
                places: Set<Place>, common: Bool = false, inHelp: Bool = true, action: ActionID? = nil,
                mutating: Bool = false, confirmation: ConfirmationLevel = .none, permission: String? = nil,
                needs: ActionID? = nil, refusedAs: String? = nil, keptNote: String = "", run: KeyHandler? = nil) {
        self.action = action
        self.keys = keys
        self.label = label
        self.title = title
        self.hint = hint.map { (keys: $0.0, words: $0.1) }
        self.group = group
        self.places = places
        self.common = common
        self.inHelp = inHelp
        self.mutating = mutating
        self.confirmation = confirmation
        self.permission = permission
        self.needs = needs ?? action
        self.refusedAs = refusedAs
        self.keptNote = keptNote
        self.run = run
    }

    /// True when the entry works at `place`.
    public func applies(to place: Place) -> Bool { places.isEmpty || places.contains(place) }

    /// The entry of `table` that runs `key` at `place` (a handler bound to it there), if any.
    public static func bound(_ table: [KeyEntry], _ key: Key, at place: Place) -> KeyEntry? {
        table.first { $0.run != nil && $0.applies(to: place) && $0.keys.contains(key) }
    }

    /// The entries of `table` that have a hint at `place`, the place's own keys first.
    public static func hinted(_ table: [KeyEntry], at place: Place) -> [KeyEntry] {
        let here = table.filter { $0.hint != nil && $0.places.contains(place) }
        return here.filter { !$0.common } + here.filter(\.common)
    }

    /// The hint bar's items for `place`: each hinted entry with the keys it stands for, greyed with the
    /// short reason `refusal` gives (nil: available).
    public static func hints(_ table: [KeyEntry], at place: Place, refusal: (KeyEntry) -> String? = { _ in nil }) -> [KeyHint] {
        hinted(table, at: place).map { entry in
            let reason = refusal(entry)
            return KeyHint(keys: entry.keys, item: ActionItem(keys: entry.hint?.keys ?? entry.label, title: entry.hint?.words ?? entry.title,
                                                              enabled: reason == nil, reason: reason, group: entry.group))
        }
    }

    /// Entries' hints as one line, "a rule · g group".
    public static func line(_ entries: [KeyEntry]) -> String {
        entries.compactMap { $0.hint.map { "\($0.keys) \($0.words)" } }.joined(separator: " · ")
    }
}

/// A screen action: a key entry whose places are screens.
public typealias ConsoleAction = KeyEntry<ScreenKind>

extension KeyEntry where Place == ScreenKind {
    /// Identity.
    public var id: ActionID { action ?? .help }
    /// Key names as documented (arrows and aliases spelled out).
    public var keyLabel: String { label }
    /// Screens it applies to; empty means every screen.
    public var screens: Set<ScreenKind> { places }
    /// Shown in the one-line hint bar.
    public var inHints: Bool { hint != nil }
}

/// A hint shown in the hint bar, with the keys it stands for (so tests can press them).
public struct KeyHint: Sendable {
    /// The keys the hint advertises.
    public var keys: [Key]
    /// What the hint bar draws.
    public var item: ActionItem

    /// A hint for `keys` drawn as `item`.
    public init(keys: [Key], item: ActionItem) {
        self.keys = keys
        self.item = item
    }
}
