import TerminalUI

/// One key of a part of the console that takes every key (the role form, a dialog): the keys it
/// answers to, its help line, its hint-bar words, and the places where it works. Help, the hint bar
/// and the in-form key lines are all generated from tables of these, so they cannot disagree.
public struct KeyEntry<Place: Hashable & Sendable>: Sendable {
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
    /// Where the key does what it says.
    public var places: Set<Place>
    /// Shown after the place's own keys in the hint bar (saving, closing: the same everywhere).
    public var common: Bool
    /// Listed in the F1 help.
    public var inHelp: Bool

    /// An entry; `hint` nil keeps it out of the hint bar.
    public init(_ keys: [Key], _ label: String, _ title: String, hint: (String, String)? = nil, group: String,
                places: Set<Place>, common: Bool = false, inHelp: Bool = true) {
        self.keys = keys
        self.label = label
        self.title = title
        self.hint = hint.map { (keys: $0.0, words: $0.1) }
        self.group = group
        self.places = places
        self.common = common
        self.inHelp = inHelp
    }

    /// The entries of `table` that have a hint at `place`, the place's own keys first.
    public static func hinted(_ table: [KeyEntry], at place: Place) -> [KeyEntry] {
        let here = table.filter { $0.hint != nil && $0.places.contains(place) }
        return here.filter { !$0.common } + here.filter(\.common)
    }

    /// Entries' hints as one line, "a rule · g group".
    public static func line(_ entries: [KeyEntry]) -> String {
        entries.compactMap { $0.hint.map { "\($0.keys) \($0.words)" } }.joined(separator: " · ")
    }
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
