import Foundation

/// An explicit grant of a role to a user, as `PUT /users/{id}/roles` receives it and `GET` returns it.
///
/// Evidence (docs/role-store-evidence.md, "Members and grants"):
/// - the role handle's grant fields: `SSHcom/privx-sdk-go` @ 0652e857594638b6c2bdcee42da784889d29b193,
///   `api/rolestore/model.go` (`Role.GrantType`, `GrantStart`, `GrantEnd`, `GrantValidityPeriods`, `FloatingLength`,
///   `ValidityPeriod{grant_start, grant_end}`), and the API reference's `role_handle` schema
///   (<https://privx.docs.ssh.com/v41/api/role-store/schemas/role-handle>): `grant_type` is PERMANENT, TIME_RESTRICTED
///   or FLOATING, and "the floating window starts upon initial connection at which time the Role Store converts the
///   floating window to explicit time-restricted".
/// - `floating_length` in hours: `SSHcom/privx-sdk-for-python` @ 66ff93d5445419b9c31ee5e3d702de90fc0d7e49,
///   `examples/example-role-grant.py` ("Floating role validity period in hours"), and `SSHcom/privx-mcp` @
///   c4e5e38269385f7cdb0558632950d24311d21745, `internal/tools/roles/tool/grant.go` (property "Duration in hours",
///   refusal "must be >= 1 ... (value is in hours)").
/// - legacy top-level `grant_start`/`grant_end`: the Python example sends them for a TIME_RESTRICTED grant.
struct UserGrant: Sendable, Equatable {
    enum Kind: String, Sendable { case permanent = "PERMANENT", timeRestricted = "TIME_RESTRICTED", floating = "FLOATING" }

    struct Period: Sendable, Equatable {
        var start: String
        var end: String
    }

    var roleID: String
    var kind: Kind
    var periods: [Period]
    var floatingHours: Int?

    /// The terms as persisted (no role id): nil for a permanent grant, which needs none.
    var terms: SimulatorJSON? {
        kind == .permanent ? nil : .object(handleFields)
    }

    /// The grant fields of a role handle.
    var handleFields: [String: SimulatorJSON] {
        var object: [String: SimulatorJSON] = ["grant_type": .string(kind.rawValue)]
        if !periods.isEmpty {
            object["grant_validity_periods"] = .array(periods.map { ["grant_start": .string($0.start), "grant_end": .string($0.end)] })
        }
        if let floatingHours { object["floating_length"] = .int(floatingHours) }
        return object
    }

    init(roleID: String, kind: Kind, periods: [Period] = [], floatingHours: Int? = nil) {
        self.roleID = roleID
        self.kind = kind
        self.periods = periods
        self.floatingHours = floatingHours
    }

    /// Rebuilds a stored grant; `terms` nil is a permanent grant (snapshots from before grant types).
    init(roleID: String, terms: SimulatorJSON?) {
        self.roleID = roleID
        kind = terms?["grant_type"]?.stringValue.flatMap(Kind.init(rawValue:)) ?? .permanent
        periods = (terms?["grant_validity_periods"]?.arrayValue ?? []).map {
            Period(start: $0["grant_start"]?.stringValue ?? "", end: $0["grant_end"]?.stringValue ?? "")
        }
        floatingHours = terms?["floating_length"]?.intValue
    }

    /// Whether the grant makes the user a member at `now` (seconds since 1970). A permanent grant always; a
    /// time-restricted one inside one of its periods (start inclusive, end exclusive); a floating one that has not
    /// started yet does, because its window only starts at the first connection, which needs the role.
    func isActive(at now: Double) -> Bool {
        switch kind {
        case .permanent, .floating: return true
        case .timeRestricted:
            return periods.contains { period in
                guard let start = GrantTime.seconds(period.start), let end = GrantTime.seconds(period.end) else { return false }
                return start <= now && now < end
            }
        }
    }

    /// True when every period has ended (a time-restricted grant that will never count again).
    func hasExpired(at now: Double) -> Bool {
        guard kind == .timeRestricted else { return false }
        return periods.allSatisfy { (GrantTime.seconds($0.end) ?? 0) <= now }
    }

    /// The first connection of a floating grant: converted to a time-restricted window of `floatingHours` from `now`,
    /// as the reference's `role_handle` describes.
    func started(at now: Double) -> UserGrant {
        guard kind == .floating else { return self }
        let hours = floatingHours ?? 0
        return UserGrant(roleID: roleID, kind: .timeRestricted,
                         periods: [Period(start: GrantTime.format(now), end: GrantTime.format(now + Double(hours) * 3600))],
                         floatingHours: floatingHours)
    }

    /// Reads one element of a `PUT /users/{id}/roles` body. Refuses only what cannot be a grant: an element
    /// that is not an object or has no role id, an unknown `grant_type` (the reference's enum; the MCP server
    /// notes "PrivX requires uppercase grant types"), a time-restricted grant without a readable period, and a
    /// floating grant without a positive length (the MCP server's own check, the only public statement of a bound).
    /// A missing `grant_type` is PERMANENT (the MCP server's default).
    static func parse(_ json: SimulatorJSON, index: Int) throws(APIError) -> UserGrant {
        let property = "[\(index)]"
        guard json.objectValue != nil else {
            throw .badRequest("VALUE_INCORRECT_TYPE", "element \(index) of the role list is \(json.typeName), not a role handle object",
                              property: property)
        }
        guard let roleID = json["id"]?.stringValue, !roleID.isEmpty else {
            throw .badRequest("MISSING_REQUIRED_FIELD", "element \(index) of the role list has no role id; send each role's id",
                              property: property + ".id")
        }
        let typeText = json["grant_type"]?.stringValue ?? ""
        let kind: Kind
        if typeText.isEmpty { kind = .permanent } else {
            guard let known = Kind(rawValue: typeText) else {
                throw .badRequest("INVALID_REQUEST_DATA",
                                  "grant_type '\(typeText)' of role \(roleID) is not PERMANENT, TIME_RESTRICTED or FLOATING",
                                  property: property + ".grant_type")
            }
            kind = known
        }
        switch kind {
        case .permanent:
            return UserGrant(roleID: roleID, kind: .permanent)
        case .timeRestricted:
            var periods = (json["grant_validity_periods"]?.arrayValue ?? []).map {
                Period(start: $0["grant_start"]?.stringValue ?? "", end: $0["grant_end"]?.stringValue ?? "")
            }
            if periods.isEmpty, let start = json["grant_start"]?.stringValue, let end = json["grant_end"]?.stringValue {
                periods = [Period(start: start, end: end)]
            }
            guard !periods.isEmpty else {
                throw .badRequest("MISSING_REQUIRED_FIELD",
                                  "the TIME_RESTRICTED grant of role \(roleID) has no grant_validity_periods; send grant_start and grant_end",
                                  property: property + ".grant_validity_periods")
            }
            for period in periods {
                guard let start = GrantTime.seconds(period.start), let end = GrantTime.seconds(period.end) else {
                    throw .badRequest("VALUE_INCORRECT_TYPE",
                                      "a period of role \(roleID) ('\(period.start)' to '\(period.end)') is not two RFC 3339 times",
                                      property: property + ".grant_validity_periods")
                }
                guard start < end else {
                    throw .badRequest("VALUE_OUT_OF_BOUNDS", "a period of role \(roleID) ends (\(period.end)) before it starts (\(period.start))",
                                      property: property + ".grant_validity_periods")
                }
            }
            return UserGrant(roleID: roleID, kind: .timeRestricted, periods: periods, floatingHours: json["floating_length"]?.intValue)
        case .floating:
            guard let hours = json["floating_length"]?.intValue, hours >= 1 else {
                throw .badRequest("VALUE_OUT_OF_BOUNDS", "the FLOATING grant of role \(roleID) needs floating_length of 1 hour or more",
                                  property: property + ".floating_length")
            }
            return UserGrant(roleID: roleID, kind: .floating, floatingHours: hours)
        }
    }
}

/// RFC 3339 times as the SDKs send them (`…Z`, `…+02:00`, with or without fractions).
enum GrantTime {
    static func seconds(_ text: String) -> Double? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date.timeIntervalSince1970 }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)?.timeIntervalSince1970
    }

    static func format(_ seconds: Double) -> String { Timestamp.format(epochSeconds: Int(seconds)) }
}
