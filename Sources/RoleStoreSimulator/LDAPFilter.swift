import Foundation

/// An RFC 4515 search filter, parsed once and evaluated against many directory users.
indirect enum LDAPFilter: Sendable, Equatable {
    case and([LDAPFilter])
    case or([LDAPFilter])
    case not(LDAPFilter)
    case equality(attribute: String, value: String)
    case presence(attribute: String)
    case substrings(attribute: String, initial: String?, any: [String], final: String?)
    case greaterOrEqual(attribute: String, value: String)
    case lessOrEqual(attribute: String, value: String)
    case approximate(attribute: String, value: String)

    /// Parses filter text such as `(&(objectClass=user)(memberOf=CN=ops,DC=example,DC=com))`.
    /// A bare `attr=value` without parentheses is accepted too, as PrivX's UI does.
    static func parse(_ text: String) throws -> LDAPFilter {
        var trimmed = Substring(text)
        while trimmed.first?.isWhitespace == true { trimmed.removeFirst() }
        while trimmed.last?.isWhitespace == true { trimmed.removeLast() }
        var scalars = Array(trimmed.unicodeScalars)
        if scalars.first != "(" { scalars = ["("] + scalars + [")"] }
        var parser = LDAPFilterParser(scalars: scalars)
        let filter = try parser.parseFilter()
        guard parser.atEnd else { throw LDAPFilterError(position: parser.position, reason: "unexpected text after the filter") }
        return filter
    }

    /// True when `attributes` (lower-cased names → values) satisfy the filter; values compare case-insensitively.
    func matches(_ attributes: [String: [String]]) -> Bool {
        switch self {
        case .and(let filters): return filters.allSatisfy { $0.matches(attributes) }
        case .or(let filters): return filters.contains { $0.matches(attributes) }
        case .not(let filter): return !filter.matches(attributes)
        case .presence(let attribute): return !(attributes[attribute]?.isEmpty ?? true)
        case .equality(let attribute, let value), .approximate(let attribute, let value):
            return attributes[attribute]?.contains { $0.lowercased() == value } ?? false
        case .greaterOrEqual(let attribute, let value):
            return attributes[attribute]?.contains { $0.lowercased() >= value } ?? false
        case .lessOrEqual(let attribute, let value):
            return attributes[attribute]?.contains { $0.lowercased() <= value } ?? false
        case .substrings(let attribute, let initial, let any, let final):
            return attributes[attribute]?.contains { LDAPFilter.substringMatch($0.lowercased(), initial, any, final) } ?? false
        }
    }

    private static func substringMatch(_ value: String, _ initial: String?, _ any: [String], _ final: String?) -> Bool {
        var rest = Substring(value)
        if let initial {
            guard rest.hasPrefix(initial) else { return false }
            rest = rest.dropFirst(initial.count)
        }
        if let final {
            guard rest.hasSuffix(final) else { return false }
            rest = rest.dropLast(final.count)
        }
        for part in any {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}

/// Where and why a filter did not parse; shown to the person who typed it.
struct LDAPFilterError: Error, Sendable, CustomStringConvertible {
    let position: Int
    let reason: String
    var description: String { "\(reason) at character \(position + 1)" }
}

/// Recursive-descent parser over Unicode scalars (names and values may hold any script).
struct LDAPFilterParser {
    let scalars: [Unicode.Scalar]
    var position = 0
    var depth = 0

    var atEnd: Bool { position == scalars.count }

    private func fail(_ reason: String) -> LDAPFilterError { LDAPFilterError(position: position, reason: reason) }

    mutating func parseFilter() throws -> LDAPFilter {
        guard position < scalars.count, scalars[position] == "(" else { throw fail("expected '('") }
        depth += 1
        defer { depth -= 1 }
        if depth > 64 { throw fail("filter nested too deeply") }
        position += 1
        guard position < scalars.count else { throw fail("unexpected end of filter") }
        let filter: LDAPFilter
        switch scalars[position] {
        case "&":
            position += 1
            filter = .and(try parseList())
        case "|":
            position += 1
            filter = .or(try parseList())
        case "!":
            position += 1
            filter = .not(try parseFilter())
        default:
            filter = try parseItem()
        }
        guard position < scalars.count, scalars[position] == ")" else { throw fail("expected ')'") }
        position += 1
        return filter
    }

    private mutating func parseList() throws -> [LDAPFilter] {
        var filters: [LDAPFilter] = []
        while position < scalars.count, scalars[position] == "(" {
            filters.append(try parseFilter())
        }
        if filters.isEmpty { throw fail("'&' and '|' need at least one filter") }
        return filters
    }

    private mutating func parseItem() throws -> LDAPFilter {
        var name = ""
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == "=" || scalar == "~" || scalar == ">" || scalar == "<" || scalar == "(" || scalar == ")" { break }
            if scalar == ":" { throw fail("extensible match filters are not supported") }
            guard scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "." || scalar == ";" || scalar == "_" else {
                throw fail("invalid character in attribute name")
            }
            name.unicodeScalars.append(scalar)
            position += 1
        }
        if name.isEmpty { throw fail("missing attribute name") }
        let attribute = name.lowercased()
        guard position < scalars.count else { throw fail("unexpected end of filter") }
        var operatorKind = "="
        switch scalars[position] {
        case "=": position += 1
        case "~", ">", "<":
            operatorKind = String(scalars[position]) + "="
            position += 1
            guard position < scalars.count, scalars[position] == "=" else { throw fail("expected '='") }
            position += 1
        default: throw fail("expected an operator")
        }
        // Value: up to the closing ')', split at unescaped '*'.
        var parts: [String] = [""]
        while position < scalars.count, scalars[position] != ")" {
            let scalar = scalars[position]
            if scalar == "(" { throw fail("unescaped '(' in value") }
            if scalar == "*" {
                parts.append("")
                position += 1
                continue
            }
            if scalar == "\\" {
                parts[parts.count - 1] += try parseEscape()
                continue
            }
            parts[parts.count - 1].unicodeScalars.append(scalar)
            position += 1
        }
        let lowered = parts.map { $0.lowercased() }
        if operatorKind != "=" {
            if lowered.count > 1 { throw fail("wildcards are only allowed with '='") }
            switch operatorKind {
            case ">=": return .greaterOrEqual(attribute: attribute, value: lowered[0])
            case "<=": return .lessOrEqual(attribute: attribute, value: lowered[0])
            default: return .approximate(attribute: attribute, value: lowered[0])
            }
        }
        if lowered.count == 1 { return .equality(attribute: attribute, value: lowered[0]) }
        if lowered.count == 2, lowered[0].isEmpty, lowered[1].isEmpty { return .presence(attribute: attribute) }
        let initial = lowered.first!.isEmpty ? nil : lowered.first!
        let final = lowered.last!.isEmpty ? nil : lowered.last!
        let middle = lowered.dropFirst().dropLast().filter { !$0.isEmpty }
        return .substrings(attribute: attribute, initial: initial, any: Array(middle), final: final)
    }

    /// `\XX` hex escapes (RFC 4515); a run of them forms UTF-8 bytes.
    private mutating func parseEscape() throws -> String {
        var bytes: [UInt8] = []
        while position < scalars.count, scalars[position] == "\\" {
            guard position + 2 < scalars.count,
                  let high = Int(String(scalars[position + 1]), radix: 16),
                  let low = Int(String(scalars[position + 2]), radix: 16)
            else { throw fail("invalid escape: use \\ followed by two hex digits") }
            bytes.append(UInt8(high * 16 + low))
            position += 3
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw fail("escaped bytes are not UTF-8") }
        return text
    }
}
