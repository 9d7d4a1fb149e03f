/// The `/` filter language shared by every table: free words match the row's text; `key:value`
/// terms (`perm:roles-manage`, `tag:prod`, `ctx:on`, `status:missing`) match a named field by prefix;
/// `!` before a term negates it. All terms must hold.
public struct FilterQuery: Equatable, Sendable {
    /// One condition of the query.
    public struct Term: Equatable, Sendable {
        public var field: String?      // nil: free text
        public var value: String       // lower-cased
        public var negated: Bool
    }

    public let text: String
    public let terms: [Term]
    /// Each term's field name and value as UTF-8 bytes, so matching is a byte scan.
    private let needles: [(field: [UInt8]?, value: [UInt8])]

    /// Parses `text`; `fields` are the qualifiers this table knows (others are taken as free text).
    public init(_ text: String, fields: Set<String>) {
        self.text = text
        self.terms = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { word in
            var word = Substring(word.lowercased())
            let negated = word.hasPrefix("!")
            if negated { word = word.dropFirst() }
            guard !word.isEmpty else { return nil }
            if let colon = word.firstIndex(of: ":"), fields.contains(String(word[..<colon])) {
                return Term(field: String(word[..<colon]), value: String(word[word.index(after: colon)...]), negated: negated)
            }
            return Term(field: nil, value: String(word), negated: negated)
        }
        needles = terms.map { (field: $0.field.map { Array($0.utf8) }, value: Array($0.value.utf8)) }
    }

    public static func == (lhs: FilterQuery, rhs: FilterQuery) -> Bool {
        lhs.text == rhs.text && lhs.terms == rhs.terms
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// The free words, for highlighting matches in the table.
    public var highlightWords: [String] { terms.filter { $0.field == nil && !$0.negated }.map(\.value) }

    /// Whether a row with this search key passes every term.
    public func matches(_ key: SearchKey) -> Bool {
        for (term, needle) in zip(terms, needles) {
            let hit: Bool
            if let field = needle.field {
                hit = key.fieldMatches(field, prefix: needle.value)
            } else {
                hit = key.textContains(needle.value)
            }
            if hit == term.negated { return false }
        }
        return true
    }

    /// True when every row this query matches also matches `previous` (the person typed on at the end
    /// of a term or added a term), so the new result can be computed from the previous one.
    public func narrows(_ previous: FilterQuery) -> Bool {
        guard previous.terms.count <= terms.count else { return false }
        for (old, new) in zip(previous.terms, terms) {
            guard old.field == new.field, old.negated == new.negated else { return false }
            // A longer word contains the shorter one (text) or starts with it (field prefix); a longer
            // negated word excludes fewer rows, so it narrows only when unchanged.
            if old.negated ? old.value != new.value : !new.value.hasPrefix(old.value) { return false }
        }
        return true
    }
}
