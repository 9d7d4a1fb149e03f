/// Checks a mapping rule's search filter against RFC 4515 as it is typed, so a typo is shown at the
/// rule instead of coming back as a server error (or silently mapping nobody) after saving.
///
/// Accepted: `(attr=value)`, `(attr=*)` presence, `*` wildcards, `>=`, `<=`, `~=`, extensible
/// `(attr:dn:rule:=value)`, `(&…)`, `(|…)`, `(!…)`, escapes `\2a`; and a bare `attr=value` without
/// the outer parentheses, as PrivX's own UI accepts.
public enum LDAPFilterSyntax {
    /// Why `text` is not a filter and where (1-based character), or nil when it is one.
    public static func problem(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "The filter is empty: type one such as (cn=alice) or (memberOf=CN=ops,DC=example,DC=com)." }
        var scalars = Array(trimmed.unicodeScalars)
        let wrapped = scalars.first != "("
        if wrapped { scalars = ["("] + scalars + [")"] }
        var checker = Checker(scalars: scalars)
        do throws(Failure) {
            try checker.filter()
            if !checker.atEnd { throw Failure(position: checker.position, reason: "text after the closing parenthesis") }
            return nil
        } catch {
            let column = max(1, min(trimmed.unicodeScalars.count, error.position + (wrapped ? 0 : 1)))
            return "Filter syntax: \(error.reason) at character \(column)."
        }
    }

    struct Failure: Error {
        var position: Int
        var reason: String
    }

    /// Recursive descent over Unicode scalars; records only whether the text parses.
    struct Checker {
        let scalars: [Unicode.Scalar]
        var position = 0
        var depth = 0

        var atEnd: Bool { position >= scalars.count }
        var current: Unicode.Scalar? { atEnd ? nil : scalars[position] }

        func fail(_ reason: String) -> Failure { Failure(position: position, reason: reason) }

        mutating func filter() throws(Failure) {
            guard current == "(" else { throw fail(atEnd ? "a missing \u{201C}(\u{201D}" : "expected \u{201C}(\u{201D}") }
            depth += 1
            guard depth < 64 else { throw fail("too deeply nested") }
            position += 1
            switch current {
            case "&", "|":
                position += 1
                guard current == "(" else { throw fail("\u{201C}&\u{201D} and \u{201C}|\u{201D} need at least one (filter) after them") }
                while current == "(" { try filter() }
            case "!":
                position += 1
                try filter()
            case ")":
                throw fail("an empty filter \u{201C}()\u{201D}")
            case nil:
                throw fail("unbalanced parentheses: a \u{201C})\u{201D} is missing")
            default:
                try item()
            }
            guard current == ")" else {
                throw fail(atEnd ? "unbalanced parentheses: a \u{201C})\u{201D} is missing" : "expected \u{201C})\u{201D}")
            }
            position += 1
            depth -= 1
        }

        mutating func item() throws(Failure) {
            let start = position
            while let c = current, c != "=", c != "~", c != ">", c != "<", c != "(", c != ")" {
                position += 1
            }
            let description = String(String.UnicodeScalarView(scalars[start..<position]))
            guard !description.isEmpty else { throw fail("an attribute name is missing before the operator") }
            guard let op = current, op != "(", op != ")" else {
                throw fail("an operator (=, ~=, >=, <=) is missing after \u{201C}\(description)\u{201D}")
            }
            try attributeDescription(description, start: start)
            switch current {
            case "~", ">", "<":
                position += 1
                guard current == "=" else { throw fail("\u{201C}~\u{201D}, \u{201C}>\u{201D} and \u{201C}<\u{201D} must be followed by \u{201C}=\u{201D}") }
                position += 1
                try value(allowStar: false)
            case "=":
                position += 1
                try value(allowStar: true)
            default:
                throw fail("an operator (=, ~=, >=, <=) is missing after \u{201C}\(description)\u{201D}")
            }
        }

        /// `attr`, `attr;option`, a numeric OID, or an extensible `attr:dn:rule:` prefix.
        func attributeDescription(_ text: String, start: Int) throws(Failure) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            let extensible = parts.count > 1
            if extensible {
                guard parts.last == "" else { throw Failure(position: start, reason: "an extensible match must end with \u{201C}:=\u{201D}") }
            }
            for (index, part) in parts.enumerated() where !(extensible && index == parts.count - 1) {
                if part.isEmpty, index == 0, extensible { continue }
                if part.lowercased() == "dn", index > 0 { continue }
                guard Self.isName(part) else {
                    throw Failure(position: start, reason: "\u{201C}\(part)\u{201D} is not an attribute name (letters, digits, - and ; options)")
                }
            }
        }

        static func isName(_ text: Substring) -> Bool {
            let base = text.split(separator: ";", omittingEmptySubsequences: false)
            guard let name = base.first, !name.isEmpty, base.dropFirst().allSatisfy({ !$0.isEmpty }) else { return false }
            if name.unicodeScalars.first.map({ ("0"..."9").contains($0) }) == true {
                return name.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "." }
            }
            return base.allSatisfy { part in
                part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
            }
        }

        /// The assertion value up to the closing parenthesis: escapes must be `\` and two hex digits.
        mutating func value(allowStar: Bool) throws(Failure) {
            while let c = current, c != ")" {
                switch c {
                case "(": throw fail("an unescaped \u{201C}(\u{201D} in the value (write \\28)")
                case "*" where !allowStar: throw fail("\u{201C}*\u{201D} is only a wildcard with \u{201C}=\u{201D} (write \\2a for a star)")
                case "\\":
                    for _ in 0..<2 {
                        position += 1
                        guard let hex = current, hex.properties.isASCIIHexDigit else {
                            throw fail("\u{201C}\\\u{201D} must be followed by two hex digits (\\2a is *, \\28 (, \\29 ), \\5c \\)")
                        }
                    }
                default: break
                }
                position += 1
            }
        }
    }
}
