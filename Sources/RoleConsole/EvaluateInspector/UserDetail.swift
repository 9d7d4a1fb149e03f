import PrivXAPI
import RoleEditing

/// One user's detail in the evaluate inspector: what the change does to them, worded for a saved or a new
/// role, and every attribute the evaluate answer gives for them (top-level fields and the `attributes`
/// list, names whole), each marked when a rule of the definition looks at it: `matches` when its value
/// satisfies the rule's term, `rule asks` when it does not (what explains a gain or a loss).
struct UserDetail: Equatable, Sendable {
    /// A line: its label, value and the rule mark (text, so it does not rest on colour).
    struct Line: Equatable, Sendable {
        enum Mark: Equatable, Sendable {
            case none
            /// A rule's term the value satisfies.
            case matches(String)
            /// A rule's term that names this attribute but the value does not satisfy.
            case asks(String)
        }

        var label: String
        var value: String
        var mark: Mark = .none

        /// The value with its mark in words.
        var text: String {
            switch mark {
            case .none: value
            case .matches(let term): "\(value)  [matches rule \(term)]"
            case .asks(let term): "\(value)  [rule asks \(term): no match]"
            }
        }
    }

    var lines: [Line]

    /// Keys of the user document not shown as attributes: shown above, or not about the person.
    static let skipped: Set<String> = ["roles", "attributes", "permissions", "mfa", "RefreshTimestamp", "source", "authorized_keys",
                                       "webauthn_credentials", "password"]
    /// Top-level fields first in this order, the rest in document order.
    static let leading = ["principal", "full_name", "email", "source_type", "job_title", "department", "company", "distinguished_name"]

    /// The detail of `user`, listed with `mark` ("+", "−" or " ") by an inspector over `members` (nil: a new role).
    init(user: User, mark: String, isNewRole: Bool, sourceName: String, rules: SourceRule?) {
        let change: String
        if isNewRole {
            change = "would get the role when it is saved (a new role has no members yet)"
        } else if mark == "+" {
            change = "would gain the role (not a member now)"
        } else if mark == "\u{2212}" {
            change = "would lose the role (a mapped member now; the rules would no longer map them)"
        } else {
            change = "keeps the role (a member now, and the rules still map them)"
        }
        let terms = LDAPFilterTerms.terms(of: rules).filter { $0.source == nil || $0.source == user.source }
        var lines = [Line(label: "Change", value: change), Line(label: "Directory", value: sourceName)]
        var fields: [(String, [String])] = []
        let document = user.document
        for key in Self.leading + document.keys.filter({ !Self.leading.contains($0) && !Self.skipped.contains($0) }) {
            guard let value = document[key] else { continue }
            let values = Self.texts(value)
            if !values.isEmpty { fields.append((key, values)) }
        }
        for item in document["attributes"]?.arrayValue?.compactMap(\.objectValue) ?? [] {
            guard let key = item["key"]?.stringValue else { continue }
            let values = item["value"].map(Self.texts) ?? []
            if let index = fields.firstIndex(where: { $0.0 == key }) {
                fields[index].1 += values
            } else {
                fields.append((key, values.isEmpty ? [""] : values))
            }
        }
        for (key, values) in fields {
            for (index, value) in values.enumerated() {
                lines.append(Line(label: index == 0 ? key : "", value: value, mark: Self.mark(key, value, terms)))
            }
        }
        // Real answers send `"roles": null` (Tests/RealPrivXCorpus/bat_search_page_0.json): said only when listed.
        if !user.roles.isEmpty { lines.append(Line(label: "Roles now", value: user.roles.map(\.name).joined(separator: ", "))) }
        self.lines = lines
    }

    /// A JSON value as the texts shown: a string, number or boolean as one, an array of them as many.
    static func texts(_ value: JSONValue) -> [String] {
        switch value {
        case .string(let text): text.isEmpty ? [] : [text]
        case .number(let text): [text]
        case .bool(let flag): [flag ? "true" : "false"]
        case .array(let items): items.flatMap(texts)
        case .null, .object: []
        }
    }

    /// How the rules' terms see `key = value`: satisfied by it, naming it without a match, or not about it.
    static func mark(_ key: String, _ value: String, _ terms: [LDAPFilterTerms.Term]) -> Line.Mark {
        let named = terms.filter { LDAPFilterTerms.canonical($0.attribute) == LDAPFilterTerms.canonical(key) }
        // A negated term (`(!memberOf=…)`) is satisfied by a value that does not match it.
        if let hit = named.first(where: { $0.matches(value) != $0.negated }) { return .matches(hit.text) }
        if let term = named.first { return .asks(term.text) }
        return .none
    }
}
