import Foundation
import RoleStoreSimulator
import Testing

@Suite("Roles: create, read, update, delete, resolve, search")
struct RoleCRUDTests {
    let api = SimulatorHarness.api

    @Test func smallSeedHasBuiltInsAndRealisticRoles() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let roles = try await sim.allRoles(token: token)
            #expect(roles.count == 60)
            let byName = Dictionary(uniqueKeysWithValues: roles.map { ($0["name"]!.stringValue!, $0) })
            for builtIn in ["privx-admin", "privx-user"] {
                let role = try #require(byName[builtIn])
                #expect(role["system"] == true)
                #expect(role["created"] == nil)
            }
            for name in ["linux-admins", "db-readonly", "aws-prod-poweruser"] { #expect(byName[name] != nil) }
            #expect(roles.contains { $0["context"]?["enabled"] == true && $0["context"]?["start_time"] == "08:00" })
            #expect(roles.allSatisfy { $0["member_count"]?.intValue != nil })
            #expect(roles.contains { ($0["member_count"]?.intValue ?? 0) > 0 })
            #expect(roles.contains { !($0["tags"]?.arrayValue ?? []).isEmpty })
        }
    }

    @Test func createGetUpdateDeleteRoundTrip() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let source = try await sim.sourceID(type: "LOCAL", token: token)
            let created = try await sim.send(.POST, "\(api)/roles", token: token, json: sampleRole(name: "test-role", source: source))
            #expect(created.status == 201)
            let id = try #require(created.json?["id"]?.stringValue)

            var role = try await sim.getJSON("\(api)/roles/\(id)", token: token)
            #expect(role["name"] == "test-role")
            #expect(role["id"]?.stringValue == id)
            #expect(role["system"] == false)
            #expect(role["created"]?.stringValue != nil)
            #expect(role["updated"]?.stringValue != nil)
            #expect(role["author"]?.stringValue == DemoCredentials.admin.apiClientID)
            #expect(role["updatedby"]?.stringValue == DemoCredentials.admin.apiClientID)
            #expect(role["member_count"]?.intValue != nil)

            role["comment"] = "edited"
            role["name"] = "test-role-renamed"
            let put = try await sim.send(.PUT, "\(api)/roles/\(id)", token: token, json: role)
            #expect(put.status == 200)
            #expect(put.body.isEmpty)
            let after = try await sim.getJSON("\(api)/roles/\(id)", token: token)
            #expect(after["comment"] == "edited")
            #expect(after["name"] == "test-role-renamed")
            #expect(after["created"] == role["created"])

            #expect(try await sim.send(.DELETE, "\(api)/roles/\(id)", token: token).status == 200)
            let gone = try await sim.send(.GET, "\(api)/roles/\(id)", token: token)
            #expect(gone.status == 404)
            #expect(gone.json?["error_code"] == "OBJECT_NOT_FOUND")
            #expect(try await sim.send(.DELETE, "\(api)/roles/\(id)", token: token).status == 404)
            #expect(try await sim.send(.PUT, "\(api)/roles/\(id)", token: token, json: role).status == 404)
        }
    }

    @Test func putKeepsUnknownKeysExactlyAndOwnsServerFields() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let id = try await sim.roleID("linux-admins", token: token)
            var role = try await sim.getJSON("\(api)/roles/\(id)", token: token)
            let original = role
            role["x_future_field"] = ["nested": ["deep": [1, 2.5, "três", nil, true]], "empty": [:]]
            role["source_rules"]?["x_rule_extension"] = "kept"
            var context = role["context"] ?? ["enabled": false]
            context["x_context_extension"] = ["a": 1]
            role["context"] = context
            role["created"] = "1999-01-01T00:00:00Z"
            role["author"] = "someone-else"
            role["member_count"] = 123_456
            #expect(try await sim.send(.PUT, "\(api)/roles/\(id)", token: token, json: role).status == 200)

            let stored = try #require(await sim.server.storedRole(id: id))
            #expect(stored["x_future_field"] == role["x_future_field"])
            #expect(stored["source_rules"]?["x_rule_extension"] == "kept")
            #expect(stored["context"]?["x_context_extension"] == ["a": 1])
            #expect(stored["created"] == original["created"])
            #expect(stored["author"] == original["author"])
            #expect(stored["member_count"] == nil)
            let fetched = try await sim.getJSON("\(api)/roles/\(id)", token: token)
            #expect(fetched["x_future_field"] == role["x_future_field"])
            #expect(fetched["member_count"] == original["member_count"])
        }
    }

    @Test func builtInRolesCannotBeDeletedOrRenamed() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let id = try await sim.roleID("privx-admin", token: token)
            let delete = try await sim.send(.DELETE, "\(api)/roles/\(id)", token: token)
            #expect(delete.status == 400)
            #expect(delete.json?["property"] == "system")
            var role = try await sim.getJSON("\(api)/roles/\(id)", token: token)
            role["name"] = "root"
            let rename = try await sim.send(.PUT, "\(api)/roles/\(id)", token: token, json: role)
            #expect(rename.status == 400)
            #expect(rename.json?["property"] == "name")
            role["name"] = "privx-admin"
            role["comment"] = "still editable"
            #expect(try await sim.send(.PUT, "\(api)/roles/\(id)", token: token, json: role).status == 200)
            let after = try await sim.getJSON("\(api)/roles/\(id)", token: token)
            #expect(after["system"] == true)
            #expect(after["created"] == nil)
        }
    }

    @Test func duplicateNamesAreRejected() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let source = try await sim.sourceID(type: "LOCAL", token: token)
            let answer = try await sim.send(.POST, "\(api)/roles", token: token, json: sampleRole(name: "DB-Readonly", source: source))
            #expect(answer.status == 400)
            #expect(answer.json?["error_code"] == "VALUE_DUPLICATE")
            #expect(answer.json?["property"] == "name")
            let id = try await sim.roleID("db-admins", token: token)
            var role = try await sim.getJSON("\(api)/roles/\(id)", token: token)
            role["name"] = "linux-admins"
            let put = try await sim.send(.PUT, "\(api)/roles/\(id)", token: token, json: role)
            #expect(put.json?["error_code"] == "VALUE_DUPLICATE")
        }
    }

    @Test func resolveAnswersNameAndRoleName() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let answer = try await sim.send(.POST, "\(api)/roles/resolve", token: token, json: ["db-readonly", "linux-admins", "no-such-role"])
            #expect(answer.status == 200)
            let json = try #require(answer.json)
            #expect(json["count"] == 2)
            let items = json["items"]?.arrayValue ?? []
            #expect(Set(items.compactMap { $0["name"]?.stringValue }) == ["db-readonly", "linux-admins"])
            #expect(items.allSatisfy { $0["role_name"] == $0["name"] && $0["id"]?.stringValue != nil })
            let bad = try await sim.send(.POST, "\(api)/roles/resolve", token: token, json: ["name": "x"])
            #expect(bad.status == 400)
        }
    }

    @Test func searchFiltersByNameAndKeywordsWithPaging() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let byName = try await sim.send(.POST, "\(api)/roles/search", token: token, json: ["name": ["db-readonly", "oracle-dba"]])
            #expect(byName.json?["count"] == 2)
            let keyword = try #require(try await sim.send(.POST, "\(api)/roles/search?limit=2&sortkey=name", token: token,
                                                          json: ["keywords": "aws"]).json)
            let count = try #require(keyword["count"]?.intValue)
            #expect(count >= 5)
            #expect(keyword["items"]?.arrayValue?.count == 2)
            let names = keyword["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(names == names.sorted())
            #expect(names.allSatisfy { $0.contains("aws") })
            let bad = try await sim.send(.POST, "\(api)/roles/search", token: token, json: ["name": "x"])
            #expect(bad.status == 400)
            #expect(bad.json?["property"] == "name")
        }
    }

    @Test func sourcesListTheDirectories() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let sources = try await sim.getJSON("\(api)/sources", token: token)
            let types = sources["items"]?.arrayValue?.compactMap { $0["connection"]?["type"]?.stringValue } ?? []
            #expect(sources["count"]?.intValue == types.count)
            #expect(Set(types) == ["LOCAL", "AD", "AWS"])
            #expect(types.filter { $0 == "AWS" }.count == 3)
            #expect(sources["items"]?.arrayValue?.allSatisfy { $0["ttl"]?.intValue != nil && $0["name"]?.stringValue != nil } == true)
        }
    }

    @Test func unknownEndpointAndWrongMethod() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            #expect(try await sim.send(.GET, "\(api)/nothing-here", token: token).status == 404)
            #expect(try await sim.send(.PATCH, "\(api)/roles", token: token, body: Array("{}".utf8)).status == 405)
            #expect(try await sim.send(.GET, "\(api)/roles/", token: token).status == 200)
        }
    }
}
