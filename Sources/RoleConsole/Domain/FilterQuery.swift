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
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// The free words, for highlighting matches in the table.
    public var highlightWords: [String] { terms.filter { $0.field == nil && !$0.negated }.map(\.value) }

    /// Whether a row with this search key passes every term.
    public func matches(_ key: SearchKey) -> Bool {
        terms.allSatisfy { term in
            let hit: Bool
            if let field = term.field {
                let values = key.fields[field] ?? []
                hit = term.value.isEmpty ? !values.isEmpty : values.contains { $0.hasPrefix(term.value) }
            } else {
                hit = key.text.contains(term.value)
            }
            return hit != term.negated
        }
    }
}

/// A row's text and fields, lower-cased once when data arrives so filtering costs no allocation per key.
public struct SearchKey: Sendable {
    public let text: String
    public let fields: [String: [String]]

    /// Joins and lower-cases the row's searchable text and field values once.
    public init(text: [String], fields: [String: [String]]) {
        self.text = text.joined(separator: "\u{1F}").lowercased()
        self.fields = fields.mapValues { $0.map { $0.lowercased() } }
    }
}
