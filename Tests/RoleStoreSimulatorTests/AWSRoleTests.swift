import Foundation
import RoleStoreSimulator
import Testing

@Suite("AWS roles: cache, refresh, MISSING, mappings")
struct AWSRoleTests {
    let api = SimulatorHarness.api

    func statuses(_ sim: SimulatorHarness, token: String, refresh: Bool = false) async throws -> [String: String] {
        let list = try await sim.getJSON("\(api)/awsroles?refresh=\(refresh)", token: token)
        let items = list["items"]?.arrayValue ?? []
        #expect(list["count"]?.intValue == items.count)
        return Dictionary(uniqueKeysWithValues: items.map { ($0["name"]!.stringValue!, $0["status"]!.stringValue!) })
    }

    @Test func seededCacheSpansThreeAccountsWithSomeMissing() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let list = try await sim.getJSON("\(api)/awsroles", token: token)
            let items = list["items"]?.arrayValue ?? []
            #expect(items.count == 30)
            let accounts = Set(items.compactMap { $0["arn"]?.stringValue?.split(separator: ":", omittingEmptySubsequences: false)[4] })
            #expect(accounts.count == 3)
            #expect(items.filter { $0["status"] == "MISSING" }.count == 3)
            #expect(items.allSatisfy { $0["arn"]?.stringValue?.hasPrefix("arn:aws:iam::") == true })
            #expect(items.contains { !($0["roles"]?.arrayValue ?? []).isEmpty })
            let one = try #require(items.first)
            let fetched = try await sim.getJSON("\(api)/awsroles/\(one["id"]!.stringValue!)", token: token)
            #expect(fetched == one)
            #expect(try await sim.send(.GET, "\(api)/awsroles/nope", token: token).status == 404)
        }
    }

    @Test func refreshFindsNewRolesMarksVanishedMissingAndBringsThemBack() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let before = try await statuses(sim, token: token)
            let first = try await statuses(sim, token: token, refresh: true)
            #expect(first.count == 33)
            let appeared = Set(first.keys).subtracting(before.keys)
            #expect(appeared.count == 3)
            let vanished = first.filter { before[$0.key] == "OK" && $0.value == "MISSING" }.map(\.key)
            let returned = first.filter { before[$0.key] == "MISSING" && $0.value == "OK" }.map(\.key)
            #expect(vanished.count == 3)
            #expect(returned.count == 3)
            let second = try await statuses(sim, token: token, refresh: true)
            #expect(second.count == 33)
            for name in vanished { #expect(second[name] == "OK", "\(name) should be back") }
            for name in returned { #expect(second[name] == "MISSING") }
            #expect(try await sim.send(.GET, "\(api)/awsroles?refresh=maybe", token: token).json?["property"] == "refresh")
        }
    }

    @Test func deleteDropsTheCacheEntryUntilTheNextScan() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let list = try await sim.getJSON("\(api)/awsroles", token: token)
            let mapped = try #require(list["items"]?.arrayValue?.first { $0["status"] == "OK" && !($0["roles"]?.arrayValue ?? []).isEmpty && ($0["name"]?.stringValue ?? "").hasPrefix("prod-PowerUser") })
            let id = try #require(mapped["id"]?.stringValue)
            #expect(try await sim.send(.DELETE, "\(api)/awsroles/\(id)", token: token).status == 200)
            #expect(try await sim.send(.GET, "\(api)/awsroles/\(id)", token: token).status == 404)
            #expect(try await sim.getJSON("\(api)/awsroles", token: token)["count"] == 29)
            _ = try await sim.getJSON("\(api)/awsroles?refresh=true", token: token)
            let back = try await sim.getJSON("\(api)/awsroles/\(id)", token: token)
            #expect(back["status"] == "OK")
            #expect(back["roles"] == [])
        }
    }

    @Test func mappingsReplaceTheWholeSetAndRejectUnknownRoles() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let list = try await sim.getJSON("\(api)/awsroles", token: token)
            let id = try #require(list["items"]?[0]?["id"]?.stringValue)
            let a = try await sim.roleID("db-admins", token: token)
            let b = try await sim.roleID("oracle-dba", token: token)
            let put = try await sim.send(.PUT, "\(api)/awsroles/\(id)/roles", token: token,
                                         json: [["id": .string(a), "name": "db-admins"], ["id": .string(b), "name": "stale name"]])
            #expect(put.status == 200)
            let mapped = try await sim.getJSON("\(api)/awsroles/\(id)/roles", token: token)
            #expect(mapped["count"] == 2)
            let names = Set(mapped["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
            #expect(names == ["db-admins", "oracle-dba"])
            #expect(try await sim.getJSON("\(api)/awsroles/\(id)", token: token)["roles"]?.arrayValue?.count == 2)

            let bad = try await sim.send(.PUT, "\(api)/awsroles/\(id)/roles", token: token,
                                         json: [["id": .string(a)], ["id": "11111111-2222-4333-8444-555555555555", "name": "ghost"]])
            #expect(bad.status == 400)
            #expect(bad.json?["error_code"] == "INVALID_REQUEST_DATA")
            #expect(bad.json?["property"] == "roles[1].id")
            #expect(try await sim.getJSON("\(api)/awsroles/\(id)/roles", token: token)["count"] == 2)
            let notArray = try await sim.send(.PUT, "\(api)/awsroles/\(id)/roles", token: token, json: ["id": .string(a)])
            #expect(notArray.status == 400)

            // Deleting a PrivX role removes it from the mapping; renaming shows the new name.
            _ = try await sim.send(.DELETE, "\(api)/roles/\(b)", token: token)
            var role = try await sim.getJSON("\(api)/roles/\(a)", token: token)
            role["name"] = "db-admins-renamed"
            _ = try await sim.send(.PUT, "\(api)/roles/\(a)", token: token, json: role)
            let after = try await sim.getJSON("\(api)/awsroles/\(id)/roles", token: token)
            #expect(after["count"] == 1)
            #expect(after["items"]?[0]?["name"] == "db-admins-renamed")

            #expect(try await sim.send(.PUT, "\(api)/awsroles/\(id)/roles", token: token, json: []).status == 200)
            #expect(try await sim.getJSON("\(api)/awsroles/\(id)/roles", token: token)["count"] == 0)
            #expect(try await sim.send(.GET, "\(api)/awsroles/nope/roles", token: token).status == 404)
        }
    }
}
