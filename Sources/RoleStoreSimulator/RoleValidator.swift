import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks a role document the way PrivX does and names the offending property in every error.
///
/// It is no stricter than PrivX: every rule below names the evidence it rests on (the table in
/// docs/role-store-evidence.md lists them), and what real servers have been seen to hold is accepted. Role
/// documents captured from real servers (Tests/RealPrivXCorpus) must pass unchanged.
struct RoleValidator {
    static let weekdays: Set<String> = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]

    /// All problems of a role body; the first becomes the answer, all of them its `details`.
    func validateRole(_ body: SimulatorJSON) throws(APIError) {
        guard case .object(let role) = body else {
            throw .badRequest("VALUE_INCORRECT_TYPE", "the role must be a JSON object, got \(body.typeName)", property: nil)
        }
        var problems: [APIError] = []
        // Evidence: `name` is "required" in the role schema (privx.docs.ssh.com/v41/api/role-store/schemas/role,
        // ../shared/seeds/002_*). No length limit is documented, so none is enforced.
        switch role["name"] {
        case nil, .null?:
            problems.append(.badRequest("REQUIRED_VALUE_MISSING", "name is required", property: "name"))
        case .string(let name)?:
            if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(.badRequest("REQUIRED_VALUE_MISSING", "name must not be empty", property: "name"))
            }
        case let other?:
            problems.append(.badRequest("VALUE_INCORRECT_TYPE", "name must be a string, got \(other.typeName)", property: "name"))
        }
        // Evidence: `source_rules` is "required" in the role schema and in POST /roles (../shared/seeds/001_*).
        if let rules = role["source_rules"], rules != .null {
            problems.append(contentsOf: sourceRuleProblems(rules, path: "source_rules"))
        } else {
            problems.append(.badRequest("REQUIRED_VALUE_MISSING", "source_rules is required; send {\"type\":\"GROUP\",\"match\":\"ANY\",\"rules\":[]} to map nobody",
                                        property: "source_rules"))
        }
        problems.append(contentsOf: optionalFieldProblems(role))
        if let context = role["context"], context != .null {
            problems.append(contentsOf: contextProblems(context))
        }
        if let first = problems.first {
            throw APIError(400, first.code, first.message, property: first.property, details: problems)
        }
    }

    /// Only the mapping: what evaluate needs.
    func validateSourceRules(_ body: SimulatorJSON) throws(APIError) {
        guard let rules = body["source_rules"], rules != .null else {
            throw .badRequest("REQUIRED_VALUE_MISSING", "source_rules is required to evaluate a mapping", property: "source_rules")
        }
        let problems = sourceRuleProblems(rules, path: "source_rules")
        if let first = problems.first {
            throw APIError(400, first.code, first.message, property: first.property, details: problems)
        }
    }

    /// Rule-tree problems; each is reported under `source_rules` with the exact path in `details`.
    /// Evidence: the schema's enums `type` RULE | GROUP and `match` ALL | ANY, and "for single type, the ID of the
    /// source provider" (../shared/seeds/002_*). Not refused, for want of evidence that PrivX refuses them: a RULE
    /// naming a directory this server does not know (real built-in roles name the installation's own directories,
    /// Tests/RealPrivXCorpus/bat_roles_page_0.json) and a `search_string` this server cannot parse as an LDAP
    /// filter (the schema calls it only "the search string at the source provider"). Both map nobody here.
    private func sourceRuleProblems(_ node: SimulatorJSON, path: String) -> [APIError] {
        func problem(_ code: String, _ message: String) -> APIError {
            APIError(400, code, "\(path): \(message)", property: "source_rules",
                     details: [APIError(400, code, message, property: path)])
        }
        guard case .object(let members) = node else {
            return [problem("VALUE_INCORRECT_TYPE", "a rule must be an object, got \(node.typeName)")]
        }
        switch members["type"]?.stringValue {
        case "GROUP":
            var problems: [APIError] = []
            let match = members["match"]?.stringValue
            if match != "ALL" && match != "ANY" {
                problems.append(problem("VALUE_OUT_OF_BOUNDS", "a GROUP needs match ALL or ANY"))
            }
            guard let rules = members["rules"] else {
                return problems + [problem("REQUIRED_VALUE_MISSING", "a GROUP needs a rules array")]
            }
            if rules == .null { return problems }
            guard case .array(let children) = rules else {
                return problems + [problem("VALUE_INCORRECT_TYPE", "rules must be an array")]
            }
            for (index, child) in children.enumerated() {
                problems.append(contentsOf: sourceRuleProblems(child, path: "\(path).rules[\(index)]"))
            }
            return problems
        case "RULE":
            var problems: [APIError] = []
            if let rules = members["rules"], rules != .null, rules.arrayValue == nil {
                problems.append(problem("VALUE_INCORRECT_TYPE", "rules must be an array (empty for a RULE), got \(rules.typeName)"))
            }
            if members["source"]?.stringValue == nil {
                problems.append(problem("REQUIRED_VALUE_MISSING", "a RULE needs the source (directory id)"))
            }
            switch members["search_string"] {
            case nil, .null?: break
            case .string?: break
            case let other?:
                problems.append(problem("VALUE_INCORRECT_TYPE", "search_string must be a string, got \(other.typeName)"))
            }
            return problems
        default:
            return [problem("VALUE_OUT_OF_BOUNDS", "type must be RULE or GROUP")]
        }
    }

    /// JSON types of the writable fields. Evidence: the role schema's types (string, boolean, string<uuid>,
    /// permission (string)[], string[]) in ../shared/seeds/002_*. `access_group_id` is checked for the 8-4-4-4-12
    /// hex shape only: real ids break RFC 4122's version and variant digits (`9030b77b-3360-4dea-7efc-…` in
    /// Tests/RealPrivXCorpus/bat_roles_page_0.json). Permissions are an open set: the v41 enum lists 46 values, newer
    /// servers grant more (`access-roles-manage`, `api-targets-view`, `api-targets-manage`, see
    /// ../shared/docs/role-store-api.md), so any string is kept.
    private func optionalFieldProblems(_ role: [String: SimulatorJSON]) -> [APIError] {
        var problems: [APIError] = []
        if let value = role["comment"], value != .null, value.stringValue == nil {
            problems.append(.badRequest("VALUE_INCORRECT_TYPE", "comment must be a string", property: "comment"))
        }
        if let value = role["permit_agent"], value != .null, value.boolValue == nil {
            problems.append(.badRequest("VALUE_INCORRECT_TYPE", "permit_agent must be true or false", property: "permit_agent"))
        }
        if let value = role["access_group_id"], value != .null {
            if let text = value.stringValue {
                if !text.isEmpty && !UUIDText.isValid(text) {
                    problems.append(.badRequest("VALUE_INCORRECT_FORMAT", "access_group_id must be a UUID, got '\(text)'", property: "access_group_id"))
                }
            } else {
                problems.append(.badRequest("VALUE_INCORRECT_TYPE", "access_group_id must be a UUID string", property: "access_group_id"))
            }
        }
        if let value = role["permissions"], value != .null {
            if let items = value.arrayValue {
                if items.contains(where: { $0.stringValue == nil }) {
                    problems.append(.badRequest("VALUE_INCORRECT_TYPE", "permissions must be strings", property: "permissions"))
                }
            } else {
                problems.append(.badRequest("VALUE_INCORRECT_TYPE", "permissions must be an array of strings", property: "permissions"))
            }
        }
        if let value = role["tags"], value != .null {
            if !(value.arrayValue?.allSatisfy({ $0.stringValue != nil }) ?? false) {
                problems.append(.badRequest("VALUE_INCORRECT_TYPE", "tags must be an array of strings", property: "tags"))
            }
        }
        return problems
    }

    /// The contextual limitation. Always checked: JSON types, and `validity` against the schema's weekday enum
    /// (MON..SUN, ../shared/seeds/002_*). Checked only while `enabled` is true: the times as the documented
    /// "HH:MM", the zone as an IANA name, the masks as CIDR (the schema's descriptions and the `0.0.0.0/0` every
    /// captured role holds). A disabled context is not checked for them, because real servers hold disabled
    /// contexts with `""` times and zone (the built-in roles in Tests/RealPrivXCorpus/bat_roles_page_0.json).
    private func contextProblems(_ context: SimulatorJSON) -> [APIError] {
        guard case .object(let members) = context else {
            return [.badRequest("VALUE_INCORRECT_TYPE", "context must be an object", property: "context")]
        }
        var problems: [APIError] = []
        let enabled = members["enabled"]?.boolValue == true
        for key in ["enabled", "block_role"] {
            if let value = members[key], value != .null, value.boolValue == nil {
                problems.append(.badRequest("VALUE_INCORRECT_TYPE", "context.\(key) must be true or false", property: "context.\(key)"))
            }
        }
        if let value = members["validity"], value != .null {
            if let days = value.arrayValue {
                for day in days where !Self.weekdays.contains(day.stringValue ?? "") {
                    problems.append(.badRequest("VALUE_OUT_OF_BOUNDS", "context.validity holds '\(day.stringValue ?? day.typeName)'; use MON, TUE, WED, THU, FRI, SAT or SUN",
                                                property: "context.validity"))
                }
            } else {
                problems.append(.badRequest("VALUE_INCORRECT_TYPE", "context.validity must be an array of weekdays", property: "context.validity"))
            }
        }
        for key in ["start_time", "end_time", "timezone"] {
            if let value = members[key], value != .null, value.stringValue == nil {
                problems.append(.badRequest("VALUE_INCORRECT_TYPE", "context.\(key) must be a string, got \(value.typeName)", property: "context.\(key)"))
            }
        }
        if let value = members["ip_masks"], value != .null, !(value.arrayValue?.allSatisfy({ $0.stringValue != nil }) ?? false) {
            problems.append(.badRequest("VALUE_INCORRECT_TYPE", "context.ip_masks must be an array of CIDR strings", property: "context.ip_masks"))
        }
        guard enabled else { return problems }
        for key in ["start_time", "end_time"] {
            if let text = members[key]?.stringValue, !Self.isClockTime(text) {
                problems.append(.badRequest("VALUE_INCORRECT_FORMAT", "context.\(key) must be HH:MM (00:00 to 23:59) while the limits are enabled, got \(members[key]!.jsonText)",
                                            property: "context.\(key)"))
            }
        }
        if let name = members["timezone"]?.stringValue, name.isEmpty || TimeZone(identifier: name) == nil {
            problems.append(.badRequest("VALUE_INCORRECT_FORMAT", "context.timezone must be an IANA time zone such as Europe/Helsinki while the limits are enabled, got \(members["timezone"]!.jsonText)",
                                        property: "context.timezone"))
        }
        for mask in members["ip_masks"]?.arrayValue ?? [] where !Self.isCIDR(mask.stringValue ?? "") {
            problems.append(.badRequest("VALUE_INCORRECT_FORMAT", "context.ip_masks holds \(mask.jsonText); use CIDR such as 10.0.0.0/8 or 2001:db8::/32",
                                        property: "context.ip_masks"))
        }
        return problems
    }

    /// `HH:MM` with hours 00–23 and minutes 00–59.
    static func isClockTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":") else { return false }
        let digits = [bytes[0], bytes[1], bytes[3], bytes[4]]
        guard digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        let hours = Int(digits[0] - 48) * 10 + Int(digits[1] - 48)
        let minutes = Int(digits[2] - 48) * 10 + Int(digits[3] - 48)
        return hours < 24 && minutes < 60
    }

    /// IPv4 or IPv6 address with a prefix length in range. Host bits set (`192.168.1.5/24`) are accepted: no
    /// public source says PrivX refuses them (docs/role-store-evidence.md, "IP ranges"); the console warns.
    static func isCIDR(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), parts[1].allSatisfy(\.isNumber) else { return false }
        let address = String(parts[0])
        var buffer = [UInt8](repeating: 0, count: 16)
        if address.contains(":") {
            return prefix >= 0 && prefix <= 128 && inet_pton(AF_INET6, address, &buffer) == 1
        }
        return prefix >= 0 && prefix <= 32 && inet_pton(AF_INET, address, &buffer) == 1
    }
}
