import Foundation
import PrivXAPI

/// The attribute assertions of a role's mapping rules, so a screen can say which of a user's attributes a
/// rule looked at and whether the value matched it (the evaluate inspector marks them). Read leniently: a
/// filter that does not parse yields the terms it could read (the server decides what maps; this only explains).
public enum LDAPFilterTerms {
    /// One `(attribute op value)` of a RULE's filter.
    public struct Term: Sendable, Hashable {
        /// The attribute as written in the filter (`memberOf`).
        public var attribute: String
        /// `=`, `~=`, `>=` or `<=`.
        public var op: String
        /// The assertion value as written (`*` wildcards, `\2a` escapes).
        public var value: String
        /// True inside an odd number of `(!…)`: a match here keeps a user out.
        public var negated: Bool
        /// The directory id of the RULE it belongs to (nil: any).
        public var source: String?

        /// `(memberOf=CN=ops,…)` as written.
        public var text: String { "(\(negated ? "!" : "")\(attribute)\(op)\(value))" }

        /// True when `candidate` satisfies the assertion (case-insensitive, as directory string matching is).
        public func matches(_ candidate: String) -> Bool {
            let have = candidate.lowercased()
            switch op {
            case ">=": return have >= LDAPFilterTerms.unescape(value).lowercased()
            case "<=": return have <= LDAPFilterTerms.unescape(value).lowercased()
            default:
                if value == "*" { return !candidate.isEmpty }
                let parts = value.split(separator: "*", omittingEmptySubsequences: false).map { LDAPFilterTerms.unescape(String($0)).lowercased() }
                guard parts.count > 1 else { return have == parts[0] }
                guard have.hasPrefix(parts[0]), have.hasSuffix(parts[parts.count - 1]),
                      have.count >= parts[0].count + parts[parts.count - 1].count else { return false }
                var rest = Substring(have.dropFirst(parts[0].count).dropLast(parts[parts.count - 1].count))
                for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
                    guard let found = rest.range(of: middle) else { return false }
                    rest = rest[found.upperBound...]
                }
                return true
            }
        }
    }

    /// Every term of every RULE in `rules`, each with its RULE's directory.
    public static func terms(of rules: SourceRule?) -> [Term] {
        guard let rules else { return [] }
        if rules.isGroup { return rules.rules.flatMap { terms(of: $0) } }
        return terms(rules.searchString ?? "").map { term in
            var term = term
            term.source = rules.source
            return term
        }
    }

    /// The terms of one filter (a bare `attr=value` is read as `(attr=value)`, as PrivX's own UI accepts).
    public static func terms(_ filter: String) -> [Term] {
        let trimmed = filter.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        let scalars = Array((trimmed.hasPrefix("(") ? trimmed : "(\(trimmed))").unicodeScalars)
        var position = 0
        var out: [Term] = []
        while position < scalars.count {
            let before = position
            read(scalars, &position, negated: false, into: &out)
            if position == before { position += 1 }
        }
        return out
    }

    private static func read(_ s: [Unicode.Scalar], _ i: inout Int, negated: Bool, into out: inout [Term]) {
        guard i < s.count, s[i] == "(" else { return }
        i += 1
        guard i < s.count else { return }
        switch s[i] {
        case "&", "|":
            i += 1
            while i < s.count, s[i] == "(" { read(s, &i, negated: negated, into: &out) }
        case "!":
            i += 1
            read(s, &i, negated: !negated, into: &out)
        default:
            let start = i
            while i < s.count, s[i] != ")" { i += 1 }
            let item = String(String.UnicodeScalarView(s[start..<i]))
            if let term = term(item, negated: negated) { out.append(term) }
        }
        if i < s.count, s[i] == ")" { i += 1 }
    }

    private static func term(_ item: String, negated: Bool) -> Term? {
        guard let equals = item.firstIndex(of: "=") else { return nil }
        var attribute = String(item[..<equals])
        var op = "="
        if let last = attribute.last, "~<>".contains(last) {
            op = String(last) + "="
            attribute.removeLast()
        }
        // An extensible match (`attr:dn:=`) names the attribute before its first colon.
        attribute = String(attribute.split(separator: ":").first ?? "")
        guard !attribute.isEmpty else { return nil }
        return Term(attribute: attribute, op: op, value: String(item[item.index(after: equals)...]), negated: negated, source: nil)
    }

    /// `\2a` → `*` and the like.
    static func unescape(_ text: String) -> String {
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            guard c == "\\", let a = scalars.next(), let b = scalars.next(),
                  let code = UInt32(String(a) + String(b), radix: 16), let scalar = Unicode.Scalar(code) else {
                out.unicodeScalars.append(c)
                continue
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// One name for an attribute however a filter or a user document spells it: case-insensitive, and the
    /// LDAP names the directory attributes go by (`title`, `mail`, `displayName`, `dn`, `uid`) for the user
    /// document's keys (`job_title`, `email`, `full_name`, `distinguished_name`, `principal`).
    public static func canonical(_ name: String) -> String {
        let lower = name.lowercased()
        return aliases[lower] ?? lower
    }

    private static let aliases: [String: String] = [
        "title": "job_title", "mail": "email", "displayname": "full_name", "cn": "full_name", "dn": "distinguished_name",
        "distinguishedname": "distinguished_name", "uid": "principal", "username": "principal", "givenname": "given_name",
    ]
}
