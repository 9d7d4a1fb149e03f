import Foundation
import RoleStoreSimulator
import Testing

/// One invalid role body and the error it must produce.
struct InvalidRoleCase: Sendable, CustomTestStringConvertible {
    let label: String
    let code: String
    let property: String
    let edit: @Sendable (inout SimulatorJSON, String) -> Void
    var testDescription: String { label }
}

@Suite("Validation: every rule with its error code and property")
struct ValidationTests {
    let api = SimulatorHarness.api

    static let cases: [InvalidRoleCase] = [
        .init(label: "name missing", code: "REQUIRED_VALUE_MISSING", property: "name") { role, _ in role["name"] = nil },
        .init(label: "name empty", code: "REQUIRED_VALUE_MISSING", property: "name") { role, _ in role["name"] = "  " },
        .init(label: "name not a string", code: "VALUE_INCORRECT_TYPE", property: "name") { role, _ in role["name"] = 5 },
        .init(label: "name duplicate", code: "VALUE_DUPLICATE", property: "name") { role, _ in role["name"] = "linux-admins" },
        .init(label: "source_rules missing", code: "REQUIRED_VALUE_MISSING", property: "source_rules") { role, _ in role["source_rules"] = nil },
        .init(label: "source_rules bad type", code: "VALUE_OUT_OF_BOUNDS", property: "source_rules") { role, _ in
            role["source_rules"] = ["type": "SOMETHING", "rules": []]
        },
        .init(label: "group without match", code: "VALUE_OUT_OF_BOUNDS", property: "source_rules") { role, _ in
            role["source_rules"] = ["type": "GROUP", "rules": []]
        },
        .init(label: "rule without source", code: "REQUIRED_VALUE_MISSING", property: "source_rules") { role, _ in
            role["source_rules"] = ["type": "GROUP", "match": "ANY", "rules": [["type": "RULE", "search_string": "(a=b)"]]]
        },
        .init(label: "source_rules not an object", code: "VALUE_INCORRECT_TYPE", property: "source_rules") { role, _ in role["source_rules"] = "x" },
        .init(label: "start_time format", code: "VALUE_INCORRECT_FORMAT", property: "context.start_time") { role, _ in
            role["context"] = ["enabled": true, "start_time": "8:00", "end_time": "17:00"]
        },
        .init(label: "end_time out of range", code: "VALUE_INCORRECT_FORMAT", property: "context.end_time") { role, _ in
            role["context"] = ["enabled": true, "start_time": "08:00", "end_time": "24:30"]
        },
        .init(label: "weekday", code: "VALUE_OUT_OF_BOUNDS", property: "context.validity") { role, _ in
            role["context"] = ["enabled": true, "validity": ["MON", "FUNDAY"]]
        },
        .init(label: "time zone", code: "VALUE_INCORRECT_FORMAT", property: "context.timezone") { role, _ in
            role["context"] = ["enabled": true, "timezone": "Mars/Olympus_Mons"]
        },
        .init(label: "IPv4 CIDR", code: "VALUE_INCORRECT_FORMAT", property: "context.ip_masks") { role, _ in
            role["context"] = ["enabled": true, "ip_masks": ["10.0.0.0/33"]]
        },
        .init(label: "IPv6 CIDR", code: "VALUE_INCORRECT_FORMAT", property: "context.ip_masks") { role, _ in
            role["context"] = ["enabled": true, "ip_masks": ["2001:db8::/129"]]
        },
        .init(label: "not an address", code: "VALUE_INCORRECT_FORMAT", property: "context.ip_masks") { role, _ in
            role["context"] = ["enabled": true, "ip_masks": ["intranet"]]
        },
        .init(label: "context enabled type", code: "VALUE_INCORRECT_TYPE", property: "context.enabled") { role, _ in
            role["context"] = ["enabled": "yes"]
        },
        .init(label: "start_time empty while enabled", code: "VALUE_INCORRECT_FORMAT", property: "context.start_time") { role, _ in
            role["context"] = ["enabled": true, "start_time": "", "end_time": "17:00", "timezone": "UTC"]
        },
        .init(label: "context time type", code: "VALUE_INCORRECT_TYPE", property: "context.end_time") { role, _ in
            role["context"] = ["enabled": false, "end_time": 1700]
        },
        .init(label: "permissions type", code: "VALUE_INCORRECT_TYPE", property: "permissions") { role, _ in role["permissions"] = "roles-view" },
        .init(label: "tags type", code: "VALUE_INCORRECT_TYPE", property: "tags") { role, _ in role["tags"] = [1, 2] },
        .init(label: "comment type", code: "VALUE_INCORRECT_TYPE", property: "comment") { role, _ in role["comment"] = ["x"] },
        .init(label: "permit_agent type", code: "VALUE_INCORRECT_TYPE", property: "permit_agent") { role, _ in role["permit_agent"] = "true" },
        .init(label: "access group uuid", code: "VALUE_INCORRECT_FORMAT", property: "access_group_id") { role, _ in
            role["access_group_id"] = "group-one"
        },
    ]

    @Test(arguments: cases)
    func invalidRoleIsRejectedOnCreateAndUpdate(_ testCase: InvalidRoleCase) async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let source = try await sim.sourceID(type: "LOCAL", token: token)
            var role = sampleRole(name: "validation-target", source: source)
            testCase.edit(&role, source)
            let create = try await sim.send(.POST, "\(api)/roles", token: token, json: role)
            #expect(create.status == 400, "\(create.text)")
            #expect(create.json?["error_code"]?.stringValue == testCase.code, "\(create.text)")
            #expect(create.json?["property"]?.stringValue == testCase.property, "\(create.text)")
            #expect(create.json?["details"]?.arrayValue?.isEmpty == false)

            let id = try await sim.roleID("db-readonly", token: token)
            var existing = try await sim.getJSON("\(api)/roles/\(id)", token: token)
            testCase.edit(&existing, source)
            let update = try await sim.send(.PUT, "\(api)/roles/\(id)", token: token, json: existing)
            #expect(update.status == 400)
            #expect(update.json?["property"]?.stringValue == testCase.property)
        }
    }

    @Test func validContextsAreAccepted() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let source = try await sim.sourceID(type: "LOCAL", token: token)
            var role = sampleRole(name: "context-ok", source: source)
            role["context"] = ["enabled": true, "block_role": false, "validity": ["MON", "SUN"], "start_time": "22:00",
                               "end_time": "06:00", "timezone": "America/New_York",
                               "ip_masks": ["0.0.0.0/0", "192.168.1.0/24", "2001:db8::/32", "::1/128"]]
            role["permissions"] = ["access-roles-manage", "api-targets-view"]
            let answer = try await sim.send(.POST, "\(api)/roles", token: token, json: role)
            #expect(answer.status == 201, "\(answer.text)")
        }
    }

    /// What PrivX is not known to refuse is accepted and kept: a disabled context with empty times and zone (the
    /// built-in roles of a real server), a permission newer than the v41 list, a rule naming a directory this
    /// server does not know, a search string it cannot parse, a very long name.
    @Test func whatPrivXIsNotKnownToRefuseIsKeptAsSent() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let source = try await sim.sourceID(type: "LOCAL", token: token)
            var role = sampleRole(name: String(repeating: "long-name-", count: 40), source: source)
            let context: SimulatorJSON = ["enabled": false, "validity": [], "start_time": "", "end_time": "", "timezone": "",
                                          "ip_masks": ["0.0.0.0/0"]]
            role["context"] = context
            role["permissions"] = ["roles-view", "permission-of-a-newer-server"]
            let rules: SimulatorJSON = ["type": "GROUP", "match": "ANY", "rules": [
                ["type": "RULE", "source": "a1ee631f-9698-4a77-8042-2002602f9d08", "search_string": "(principal=c1privxadmin)", "rules": []],
                ["type": "RULE", "source": .string(source), "search_string": "(&(cn=a)(mail=b)", "rules": []],
            ]]
            role["source_rules"] = rules
            let created = try await sim.send(.POST, "\(api)/roles", token: token, json: role)
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.json?["id"]?.stringValue)
            let served = try await sim.getJSON("\(api)/roles/\(id)", token: token)
            #expect(served["context"] == context)
            #expect(served["source_rules"] == rules)
            #expect(served["permissions"] == ["roles-view", "permission-of-a-newer-server"])
            #expect(served["member_count"] == 0)
            let evaluated = try await sim.send(.POST, "\(api)/roles/evaluate", token: token, json: served)
            #expect(evaluated.status == 200 && evaluated.json?["count"] == 0, "\(evaluated.text)")
        }
    }

    @Test func malformedJSONAndOversizeBodies() async throws {
        try await SimulatorHarness.with({ $0.maxBodyBytes = 4096 }) { sim in
            let token = try await sim.token()
            let malformed = try await sim.send(.POST, "\(api)/roles", token: token, body: Array("{\"name\": ".utf8))
            #expect(malformed.status == 400)
            #expect(malformed.json?["error_code"] == "BAD_REQUEST")
            #expect(malformed.json?["error_message"]?.stringValue?.contains("not valid JSON") == true)
            let notObject = try await sim.send(.POST, "\(api)/roles", token: token, body: Array("[1,2]".utf8))
            #expect(notObject.status == 400)
            #expect(notObject.json?["error_code"] == "VALUE_INCORRECT_TYPE")
            let big: SimulatorJSON = ["name": .string(String(repeating: "x", count: 5000))]
            let oversize = try await sim.send(.POST, "\(api)/roles", token: token, json: big)
            #expect(oversize.status == 413)
            #expect(oversize.json?["property"] == "body")
        }
    }
}
