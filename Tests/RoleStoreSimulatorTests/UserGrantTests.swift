import AsyncHTTPClient
import Foundation
import RoleStoreSimulator
import Testing

/// `/users/search`, `/users/{id}/roles` (GET, PUT), `/users/{id}/resolve` and the demo first connection:
/// grants of each type count only while in effect, scopes, and durability across kill -9.
@Suite("Users and explicit grants")
struct UserGrantTests {
    static let api = SimulatorHarness.api
    static let emptyRules: SimulatorJSON = ["type": "GROUP", "match": "ANY", "rules": []]

    /// A role that maps nobody, so every member it has is an explicit one.
    static func makeRole(_ sim: SimulatorHarness, _ name: String, token: String) async throws -> String {
        let answer = try await sim.send(.POST, "\(api)/roles", token: token, json: ["name": .string(name), "source_rules": emptyRules])
        return try #require(answer.json?["id"]?.stringValue, "create \(name): \(answer.text)")
    }

    static func firstUser(_ sim: SimulatorHarness, keywords: String = "", token: String) async throws -> SimulatorJSON {
        let answer = try await sim.send(.POST, "\(api)/users/search?limit=1", token: token, json: ["keywords": .string(keywords)])
        return try #require(answer.json?["items"]?[0], "search \(keywords): \(answer.text)")
    }

    static func counts(_ sim: SimulatorHarness, role: String, token: String) async throws -> (Int?, Int?) {
        let json = try await sim.getJSON("\(api)/roles/\(role)", token: token)
        return (json["member_count"]?.intValue, json["explicit_count"]?.intValue)
    }

    static func handle(_ sim: SimulatorHarness, user: String, role: String, token: String) async throws -> SimulatorJSON? {
        let list = try await sim.getJSON("\(api)/users/\(user)/roles", token: token)
        return list["items"]?.arrayValue?.first { $0["id"]?.stringValue == role }
    }

    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    @Test func eachGrantTypeCountsOnlyWhileInEffect() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let role = try await Self.makeRole(sim, "grant-types", token: token)
            let user = try #require(try await Self.firstUser(sim, token: token)["id"]?.stringValue)
            let path = "\(Self.api)/users/\(user)/roles"
            #expect(try await Self.counts(sim, role: role, token: token) == (0, 0))

            // Permanent.
            #expect(try await sim.send(.PUT, path, token: token, json: [["id": .string(role), "grant_type": "PERMANENT", "explicit": true]]).status == 200)
            #expect(try await Self.counts(sim, role: role, token: token) == (1, 1))
            let members = try await sim.getJSON("\(Self.api)/roles/\(role)/members", token: token)
            #expect(members["items"]?[0]?["id"]?.stringValue == user)
            #expect(members["items"]?[0]?["explicit"] == true)
            let permanent = try #require(try await Self.handle(sim, user: user, role: role, token: token))
            #expect(permanent["explicit"] == true && permanent["implicit"] == false && permanent["grant_type"] == "PERMANENT")

            // Time-restricted, over: listed on the user, not a member, not in resolve.
            let expired: SimulatorJSON = [["id": .string(role), "grant_type": "TIME_RESTRICTED",
                                           "grant_validity_periods": [["grant_start": "2024-01-01T00:00:00Z", "grant_end": "2024-02-01T00:00:00Z"]]]]
            #expect(try await sim.send(.PUT, path, token: token, json: expired).status == 200)
            #expect(try await Self.counts(sim, role: role, token: token) == (0, 0))
            #expect(try await Self.handle(sim, user: user, role: role, token: token)?["grant_type"] == "TIME_RESTRICTED")
            let resolved = try await sim.getJSON("\(Self.api)/users/\(user)/resolve", token: token)
            #expect(resolved["roles"]?.arrayValue?.contains { $0["id"]?.stringValue == role } == false)

            // Time-restricted, now (an offset time and the legacy top-level fields both read).
            let now = Date()
            let running: SimulatorJSON = [["id": .string(role), "grant_type": "TIME_RESTRICTED",
                                           "grant_start": .string(Self.iso(now.addingTimeInterval(-3600))),
                                           "grant_end": .string(Self.iso(now.addingTimeInterval(3600)).replacingOccurrences(of: "Z", with: "+00:00"))]]
            #expect(try await sim.send(.PUT, path, token: token, json: running).status == 200)
            #expect(try await Self.counts(sim, role: role, token: token) == (1, 1))
            #expect(try await Self.handle(sim, user: user, role: role, token: token)?["grant_validity_periods"]?.arrayValue?.count == 1)

            // Floating: a member before the first connection; the connection turns it into a window of its hours.
            #expect(try await sim.send(.PUT, path, token: token, json: [["id": .string(role), "grant_type": "FLOATING", "floating_length": 2]]).status == 200)
            #expect(try await Self.counts(sim, role: role, token: token) == (1, 1))
            let connect = try await sim.send(.POST, "/privx-rolestore-sim/connect?user_id=\(user)&role_id=\(role)", token: token)
            #expect(connect.status == 200, "\(connect.text)")
            let started = try #require(try await Self.handle(sim, user: user, role: role, token: token))
            #expect(started["grant_type"] == "TIME_RESTRICTED")
            #expect(started["floating_length"] == 2)
            let period = try #require(started["grant_validity_periods"]?[0])
            let start = try #require(period["grant_start"]?.stringValue.flatMap { ISO8601DateFormatter().date(from: $0) })
            let end = try #require(period["grant_end"]?.stringValue.flatMap { ISO8601DateFormatter().date(from: $0) })
            #expect(end.timeIntervalSince(start) == 7200)
            #expect(abs(start.timeIntervalSinceNow) < 60)
            #expect(try await sim.send(.POST, "/privx-rolestore-sim/connect?user_id=\(user)&role_id=\(role)", token: token).status == 400)

            // The empty list revokes.
            #expect(try await sim.send(.PUT, path, token: token, json: []).status == 200)
            #expect(try await Self.counts(sim, role: role, token: token) == (0, 0))
            #expect(try await Self.handle(sim, user: user, role: role, token: token) == nil)
        }
    }

    @Test func mappedEntriesSentBackAreNotGrantsAndWhatCannotBeAGrantIsRefused() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let role = try await Self.makeRole(sim, "grant-refusals", token: token)
            let user = try #require(try await Self.firstUser(sim, token: token)["id"]?.stringValue)
            let path = "\(Self.api)/users/\(user)/roles"
            // What a GET listed, sent back unchanged (as the SDKs do), changes nothing.
            let before = try await sim.getJSON(path, token: token)
            let mapped = before["items"]?.arrayValue ?? []
            #expect(mapped.contains { $0["implicit"] == true }, "the first user should be mapped to some seeded role")
            #expect(try await sim.send(.PUT, path, token: token, json: .array(mapped)).status == 200)
            #expect(try await sim.getJSON(path, token: token) == before)
            // An entry marked explicit: false is not stored as a grant.
            #expect(try await sim.send(.PUT, path, token: token, json: [["id": .string(role), "explicit": false]]).status == 200)
            #expect(try await Self.handle(sim, user: user, role: role, token: token) == nil)

            let refusals: [(SimulatorJSON, Int, String)] = [
                ([["id": .string(role), "grant_type": "permanent"]], 400, "INVALID_REQUEST_DATA"),
                ([["id": .string(role), "grant_type": "FLOATING"]], 400, "VALUE_OUT_OF_BOUNDS"),
                ([["id": .string(role), "grant_type": "TIME_RESTRICTED"]], 400, "MISSING_REQUIRED_FIELD"),
                ([["id": .string(role), "grant_type": "TIME_RESTRICTED", "grant_start": "tomorrow", "grant_end": "2030-01-01T00:00:00Z"]], 400, "VALUE_INCORRECT_TYPE"),
                ([["id": .string(role), "grant_type": "TIME_RESTRICTED", "grant_start": "2030-01-01T00:00:00Z", "grant_end": "2029-01-01T00:00:00Z"]], 400, "VALUE_OUT_OF_BOUNDS"),
                ([["grant_type": "PERMANENT"]], 400, "MISSING_REQUIRED_FIELD"),
                ([["id": "00000000-0000-4000-8000-00000000dead"]], 404, "OBJECT_NOT_FOUND"),
                (["id": .string(role)], 400, "VALUE_INCORRECT_TYPE"),
            ]
            for (body, status, code) in refusals {
                let answer = try await sim.send(.PUT, path, token: token, json: body)
                #expect(answer.status == status, "\(body.jsonText): \(answer.text)")
                #expect(answer.json?["error_code"]?.stringValue == code, "\(body.jsonText): \(answer.text)")
            }
            #expect(try await Self.handle(sim, user: user, role: role, token: token) == nil)
            let unknownUser = try await sim.send(.PUT, "\(Self.api)/users/00000000-0000-4000-8000-00000000beef/roles", token: token, json: [])
            #expect(unknownUser.status == 404)
            #expect(try await sim.send(.GET, "\(Self.api)/users/00000000-0000-4000-8000-00000000beef/resolve", token: token).status == 404)
        }
    }

    @Test func readingNeedsUsersViewAndGrantingNeedsUsersManageOrRolesManage() async throws {
        try await SimulatorHarness.with(UserLoginTests.tls) { sim in
            let admin = try await sim.token()
            let role = try await Self.makeRole(sim, "grant-scopes", token: admin)
            let user = try #require(try await Self.firstUser(sim, token: admin)["id"]?.stringValue)
            let path = "\(Self.api)/users/\(user)/roles"
            let grant: SimulatorJSON = [["id": .string(role)]]

            let viewer = try await sim.token(DemoCredentials.viewer) // roles-view, no users-view
            #expect(try await sim.send(.GET, path, token: viewer).status == 403)
            #expect(try await sim.send(.POST, "\(Self.api)/users/search", token: viewer, json: [:]).status == 403)
            #expect(try await sim.send(.GET, "\(Self.api)/users/\(user)/resolve", token: viewer).status == 403)

            let carol = try #require(try await UserLoginTests.logIn(sim, DemoUsers.carol)["access_token"]?.stringValue) // users-view only
            #expect(try await sim.send(.GET, path, token: carol).status == 200)
            #expect(try await sim.send(.POST, "\(Self.api)/users/search", token: carol, json: [:]).status == 200)
            let refused = try await sim.send(.PUT, path, token: carol, json: grant)
            #expect(refused.status == 403)
            #expect(refused.text.contains("users-manage or roles-manage"))
            #expect(try await sim.send(.POST, "/privx-rolestore-sim/connect?user_id=\(user)&role_id=\(role)", token: carol).status == 403)

            let mapper = try await sim.token(DemoCredentials.mapper)
            #expect(try await sim.send(.PUT, path, token: mapper, json: grant).status == 403)
            #expect(try await Self.handle(sim, user: user, role: role, token: admin) == nil)

            let bob = try #require(try await UserLoginTests.logIn(sim, DemoUsers.bob)["access_token"]?.stringValue) // roles-manage
            #expect(try await sim.send(.PUT, path, token: bob, json: grant).status == 200)
            #expect(try await Self.handle(sim, user: user, role: role, token: admin)?["explicit"] == true)
        }
    }

    @Test func searchMatchesEveryWordInPrincipalNameOrEmailAndPages() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let search = "\(Self.api)/users/search"
            let all = try #require(try await sim.send(.POST, "\(search)?limit=1000", token: token, json: [:]).json)
            #expect(all["count"] == 400)
            let someone = try #require(all["items"]?[17])
            let principal = try #require(someone["principal"]?.stringValue)
            let email = try #require(someone["email"]?.stringValue)
            let byPrincipal = try #require(try await sim.send(.POST, search, token: token, json: ["keywords": .string(principal.uppercased())]).json)
            #expect(byPrincipal["items"]?.arrayValue?.contains { $0["id"] == someone["id"] } == true)
            let byEmail = try #require(try await sim.send(.POST, search, token: token, json: ["keywords": .string(email)]).json)
            #expect(byEmail["items"]?.arrayValue?.allSatisfy { ($0["email"]?.stringValue ?? "").contains(email) } == true)
            let none = try #require(try await sim.send(.POST, search, token: token, json: ["keywords": .string(principal + " zzzz-nobody")]).json)
            #expect(none["count"] == 0)
            #expect(byPrincipal["items"]?[0]?["roles"] == .null) // the captured search page's shape
            let byID = try #require(try await sim.send(.POST, search, token: token, json: ["user_id": [someone["id"]!]]).json)
            #expect(byID["count"] == 1)
            let source = try #require(someone["source"]?.stringValue)
            let bySource = try #require(try await sim.send(.POST, "\(search)?limit=1000", token: token, json: ["source": .string(source)]).json)
            #expect(bySource["items"]?.arrayValue?.allSatisfy { $0["source"]?.stringValue == source } == true)
            let page = try #require(try await sim.send(.POST, "\(search)?offset=5&limit=3&sortkey=email&sortdir=DESC", token: token, json: [:]).json)
            let emails = (all["items"]?.arrayValue ?? []).compactMap { $0["email"]?.stringValue }
            #expect(page["items"]?.arrayValue?.compactMap { $0["email"]?.stringValue } == Array(emails.sorted(by: >)[5..<8]))
            #expect(try await sim.send(.POST, "\(search)?sortkey=password", token: token, json: [:]).status == 400)
            #expect(try await sim.send(.POST, search, token: token, json: ["keywords": 5]).status == 400)
        }
    }

    @Test func theSeedHoldsGrantsOfEveryKindSomeExpired() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let users = try #require(try await sim.send(.POST, "\(Self.api)/users/search?limit=1000", token: token, json: [:]).json?["items"]?.arrayValue)
            var kinds: [String: Int] = [:]
            var expired = 0
            for user in users {
                let id = try #require(user["id"]?.stringValue)
                for handle in try await sim.getJSON("\(Self.api)/users/\(id)/roles", token: token)["items"]?.arrayValue ?? [] where handle["explicit"] == true {
                    let kind = handle["grant_type"]?.stringValue ?? "?"
                    kinds[kind, default: 0] += 1
                    let ends = (handle["grant_validity_periods"]?.arrayValue ?? []).compactMap { $0["grant_end"]?.stringValue }
                    if kind == "TIME_RESTRICTED", ends.allSatisfy({ $0 < "2025" }) { expired += 1 }
                }
            }
            #expect(kinds["PERMANENT", default: 0] > 0)
            #expect(kinds["TIME_RESTRICTED", default: 0] > 0)
            #expect(kinds["FLOATING", default: 0] > 0)
            #expect(expired > 0)
            #expect(expired < kinds["TIME_RESTRICTED", default: 0])
        }
    }

    @Test func grantsSurviveKillMinus9() async throws {
        let directory = try temporaryDirectory()
        let data = directory.appendingPathComponent("state.jsonl").path
        let http = ProcessSimulatorClient.makeHTTPClient(connections: 4)
        let first = try await SimulatorProcess(arguments: ["--port", "0", "--data", data])
        let sim = try await ProcessSimulatorClient.connect(http, first.baseURL)
        let roles = try await sim.allRoles().values.filter { $0["system"] != true }.compactMap { $0["id"]?.stringValue }.sorted()
        let users = try #require(try await sim.send(.POST, "\(Self.api)/users/search?limit=3&offset=100", json: [:]).json?["items"]?.arrayValue)
            .compactMap { $0["id"]?.stringValue }
        let bodies: [SimulatorJSON] = [
            [["id": .string(roles[0])], ["id": .string(roles[1]), "grant_type": "FLOATING", "floating_length": 4]],
            [["id": .string(roles[2]), "grant_type": "TIME_RESTRICTED",
              "grant_validity_periods": [["grant_start": "2025-01-01T00:00:00Z", "grant_end": "2099-01-01T00:00:00Z"]]]],
            [],
        ]
        var expected: [String: SimulatorJSON] = [:]
        for (user, body) in zip(users, bodies) {
            #expect(try await sim.send(.PUT, "\(Self.api)/users/\(user)/roles", json: body).status == 200)
            expected[user] = try #require(try await sim.send(.GET, "\(Self.api)/users/\(user)/roles").json)
        }
        _ = await first.signal(SIGKILL)
        let second = try await SimulatorProcess(arguments: ["--port", "0", "--data", data])
        let after = try await ProcessSimulatorClient.connect(http, second.baseURL)
        for user in users {
            #expect(try await after.send(.GET, "\(Self.api)/users/\(user)/roles").json == expected[user], "user \(user)")
        }
        let floating = try #require(try await after.send(.GET, "\(Self.api)/users/\(users[0])/roles").json?["items"]?.arrayValue?
            .first { $0["id"]?.stringValue == roles[1] })
        #expect(floating["grant_type"] == "FLOATING" && floating["floating_length"] == 4)
        _ = await second.signal(SIGTERM)
        try await http.shutdown()
    }
}
