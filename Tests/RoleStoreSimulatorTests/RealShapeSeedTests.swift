import Foundation
import RoleStoreSimulator
import Testing

/// The seed meets every console test with the shapes real servers send, and `GET /users/{id}` answers in the real
/// user shape (Tests/RealPrivXCorpus).
@Suite("Seed in the real shapes; users by id")
struct RealShapeSeedTests {
    let api = SimulatorHarness.api

    @Test func builtInRolesAreSeededExactlyInTheRealShape() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let admin = try await sim.getJSON("\(api)/roles/\(try await sim.roleID("privx-admin", token: token))", token: token)
            let user = try await sim.getJSON("\(api)/roles/\(try await sim.roleID("privx-user", token: token))", token: token)
            let emptyContext: SimulatorJSON = ["enabled": false, "validity": [], "start_time": "", "end_time": "", "timezone": "",
                                               "ip_masks": ["0.0.0.0/0"]]
            for role in [admin, user] {
                #expect(role["context"] == emptyContext)
                #expect(role["author"] == "Superuser")
                #expect(role["created"] == nil && role["updatedby"] == nil)
                #expect(role["owner_src"] == "" && role["system"] == true)
                #expect(role["principal_public_key_strings"]?.arrayValue?.first?.stringValue?.hasPrefix("ssh-ed25519 ") == true)
                #expect(role["updated"] == "2017-04-18T14:23:56.381705Z")
                #expect(role["access_group_id"] == "fcde7572-9781-4d47-bc1d-7977afb11dc3")
            }
            #expect(admin["id"] == "7a32374b-d7c5-4e76-9a16-005f39692f63" && admin["comment"] == "PrivX Administrators")
            #expect(admin["permissions"] == [])
            #expect(user["comment"] == "PrivX Users" && user["permissions"]?.arrayValue?.count == 4)
        }
    }

    @Test func userRolesCarryTheOtherRealShapes() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let roles = try await sim.allRoles(token: token).filter { $0["system"] != true }
            #expect(roles.contains { role in
                role["context"]?["enabled"] == false && role["context"]?["start_time"] == "00:00"
                    && role["context"]?["end_time"] == "00:00" && role["context"]?["validity"]?.arrayValue?.count == 7
            })
            #expect(roles.contains { ($0["id"]?.stringValue ?? "").dropFirst(19).first == "7" }, "a non-RFC 4122 id")
            let authors = roles.compactMap { $0["author"]?.stringValue }
            #expect(authors.contains { !$0.contains("-") }, "an author given as a user name")
            #expect(authors.contains(DemoCredentials.admin.apiClientID), "an author given as an API client id")
            #expect(roles.allSatisfy { $0["owner_src"] == "" })
        }
    }

    @Test func usersByIdAnswerInTheRealUserShape() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let roles = try await sim.allRoles(token: token)
            let userID = try #require(roles.compactMap { $0["author"]?.stringValue }.first { $0.count == 36 && $0 != DemoCredentials.admin.apiClientID })
            let user = try await sim.getJSON("\(api)/users/\(userID)", token: token)
            #expect(user["id"]?.stringValue == userID)
            #expect(user["roles"] == .null && user["permissions"] == .null)
            #expect(user["mfa"]?["seed"] == .object([:]) && user["RefreshTimestamp"]?.stringValue != nil)
            #expect(user["full_name"]?.stringValue?.isEmpty == false)

            let client = try await sim.getJSON("\(api)/users/\(DemoCredentials.admin.apiClientID)", token: token)
            #expect(client["source_type"] == "API-CLIENT")
            #expect(client["principal"]?.stringValue == DemoCredentials.admin.apiClientID)
            #expect(client["full_name"]?.stringValue?.contains("admin") == true)

            let missing = try await sim.send(.GET, "\(api)/users/00000000-0000-4000-8000-00000000dead", token: token)
            #expect(missing.status == 404 && missing.json?["error_code"] == "OBJECT_NOT_FOUND")
            let viewer = try await sim.token(DemoCredentials.viewer)
            let refused = try await sim.send(.GET, "\(api)/users/\(userID)", token: viewer)
            #expect(refused.status == 403, "the viewer has no users-view: \(refused.text)")
        }
    }
}
