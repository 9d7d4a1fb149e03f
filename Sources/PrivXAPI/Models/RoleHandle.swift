import Foundation

/// A role as a user's role list holds it (`GET /users/{id}/roles`, `/users/{id}/resolve`): the role's id and name,
/// whether the user holds it explicitly (granted by an admin) or implicitly (mapped by the role's rules), and an
/// explicit grant's terms. Unknown keys stay in `document`.
///
/// Evidence: `SSHcom/privx-sdk-go` @ 0652e857594638b6c2bdcee42da784889d29b193, `api/rolestore/model.go`
/// (`Role.Explicit`, `Implicit`, `GrantType`, `GrantStart`, `GrantEnd`, `GrantValidityPeriods`, `FloatingLength`);
/// the reference's `role_handle` schema; docs/role-store-evidence.md, "Members and grants".
public struct RoleHandle: DocumentBacked, Identifiable {
    public var document: JSONObject
    public init(document: JSONObject) { self.document = document }

    /// The role id.
    public var id: String { string("id") ?? "" }
    /// The role name.
    public var name: String { string("name") ?? "" }
    /// Granted to the user by an admin (a grant that `PUT /users/{id}/roles` carries).
    public var isExplicit: Bool { bool("explicit") ?? false }
    /// Mapped to the user by the role's rules: it leaves only when the rules or the directory change.
    public var isImplicit: Bool { bool("implicit") ?? false }
    /// `PERMANENT`, `TIME_RESTRICTED`, `FLOATING`, or what a newer server sends; nil when absent.
    public var grantType: String? { string("grant_type").flatMap { $0.isEmpty ? nil : $0 } }
    /// A floating grant's window in hours (docs/role-store-evidence.md: hours, as the Python SDK and the MCP server).
    public var floatingHours: Int? { int("floating_length").flatMap { $0 > 0 ? $0 : nil } }

    /// The validity periods: `grant_validity_periods`, else the legacy top-level `grant_start`/`grant_end`.
    public var periods: [GrantPeriod] {
        if let items = member("grant_validity_periods")?.arrayValue, !items.isEmpty {
            return items.map { GrantPeriod(start: $0["grant_start"]?.stringValue ?? "", end: $0["grant_end"]?.stringValue ?? "") }
        }
        if let start = string("grant_start"), let end = string("grant_end"), !start.isEmpty || !end.isEmpty {
            return [GrantPeriod(start: start, end: end)]
        }
        return []
    }

    /// True when the grant no longer makes the user a member: time-restricted and every period is over.
    public func hasExpired(at now: Date = Date()) -> Bool {
        guard isExplicit, grantType == "TIME_RESTRICTED" else { return false }
        let periods = self.periods
        return !periods.isEmpty && periods.allSatisfy { period in period.endDate.map { $0 <= now } ?? false }
    }

    /// A handle for a new explicit grant of a role with `terms`.
    public init(roleID: String, name: String, terms: GrantTerms) {
        var object = JSONObject()
        object["id"] = .string(roleID)
        object["name"] = .string(name)
        object["explicit"] = .bool(true)
        for member in terms.fields { object[member.key] = member.value }
        document = object
    }
}

/// One validity period of a grant, as sent (RFC 3339 text).
public struct GrantPeriod: Sendable, Hashable {
    public var start: String
    public var end: String

    public init(start: String, end: String) {
        self.start = start
        self.end = end
    }

    /// The start as a date, nil when the text is not RFC 3339.
    public var startDate: Date? { GrantTerms.parse(start) }
    /// The end as a date, nil when the text is not RFC 3339.
    public var endDate: Date? { GrantTerms.parse(end) }
}

/// The terms of a new explicit grant: what `roles grant` and the console's add-members dialog send.
public enum GrantTerms: Sendable, Hashable {
    /// Until revoked.
    case permanent
    /// From `start` (inclusive) to `end` (exclusive); sent as UTC.
    case timeRestricted(start: Date, end: Date)
    /// A window of `hours` that starts at the user's first connection.
    case floating(hours: Int)

    /// The handle's grant fields, in the shape of the SDKs: `grant_type`, `grant_validity_periods` for a
    /// time-restricted grant, `floating_length` in hours for a floating one.
    var fields: JSONObject {
        var object = JSONObject()
        switch self {
        case .permanent:
            object["grant_type"] = .string("PERMANENT")
        case .timeRestricted(let start, let end):
            object["grant_type"] = .string("TIME_RESTRICTED")
            object["grant_validity_periods"] = .array([.object(JSONObject([
                "grant_start": .string(Self.format(start)), "grant_end": .string(Self.format(end)),
            ]))])
        case .floating(let hours):
            object["grant_type"] = .string("FLOATING")
            object["floating_length"] = .number(String(hours))
        }
        return object
    }

    /// Refuses terms PrivX could not hold: an end not after the start, a floating length under one hour.
    public func validate() throws(PrivXError) {
        switch self {
        case .permanent: return
        case .timeRestricted(let start, let end):
            guard end > start else {
                throw .invalidRequest("The grant ends (\(Self.format(end))) before it starts (\(Self.format(start))); give an end after the start.")
            }
        case .floating(let hours):
            guard hours >= 1 else { throw .invalidRequest("A floating grant needs a length of 1 hour or more, not \(hours).") }
        }
    }

    /// `2026-01-02T03:04:05Z`.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// RFC 3339 with or without fractions and with any offset.
    public static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}

extension User {
    /// The user's roles as handles (`/users/{id}/resolve` fills them; `null` reads as empty).
    public var roleHandles: [RoleHandle] { document["roles"]?.objectItems.map(RoleHandle.init(document:)) ?? [] }
    /// Whether a members-list item says the user holds the role explicitly (`explicit: true`).
    public var isExplicitMember: Bool { bool("explicit") ?? false }
}
