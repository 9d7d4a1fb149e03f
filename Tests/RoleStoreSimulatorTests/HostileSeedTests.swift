import Foundation
import RoleStoreSimulator
import Testing

/// `--seed hostile` is accepted, served, and survives the state file byte for byte.
@Suite("Hostile seed: served and persisted")
struct HostileSeedTests {
    let api = SimulatorHarness.api

    @Test func hostileDataIsServedAndSurvivesARestart() async throws {
        #expect(SimulatorSeed(argument: "hostile") == .hostile)
        let data = try temporaryDirectory().appendingPathComponent("state.jsonl").path
        let first = try await SimulatorHarness.with({ $0.seed = .hostile; $0.dataFile = data }) { sim in
            let token = try await sim.token()
            let roles = try await sim.allRoles(token: token)
            #expect(roles.count == 60 + HostileSeed.strings.count + 5)
            for role in roles {
                let id = try #require(role["id"]?.stringValue)
                #expect(try await sim.send(.GET, "\(api)/roles/\(id)", token: token).status == 200)
                #expect(try await sim.send(.GET, "\(api)/roles/\(id)/members?limit=5", token: token).status == 200)
            }
            let aws = try await sim.getJSON("\(api)/awsroles", token: token)
            #expect(aws["count"]?.intValue == 30 + HostileSeed.strings.count + 2)
            return try await sim.send(.GET, "\(api)/roles?limit=1000", token: token).text
        }
        let second = try await SimulatorHarness.with({ $0.seed = .hostile; $0.dataFile = data }) { sim in
            try await sim.send(.GET, "\(api)/roles?limit=1000", token: try await sim.token()).text
        }
        #expect(first == second)
        #expect(first.contains("\\u001b]0;PWNED\\u0007"))
    }
}
