import Foundation
import RoleStoreSimulator
import Testing

@Suite("Seeds, JSON documents, options")
struct SeedAndParserTests {
    let api = SimulatorHarness.api

    @Test func seedArgumentsParse() {
        #expect(SimulatorSeed(argument: "small") == .small)
        #expect(SimulatorSeed(argument: "LARGE") == .large)
        #expect(SimulatorSeed(argument: "2500") == .roles(2500))
        #expect(SimulatorSeed(argument: "1") == nil)
        #expect(SimulatorSeed(argument: "lots") == nil)
        #expect(FaultKind(rawValue: "malformed-json") == .malformedJSON)
        #expect(DemoCredentials.named("viewer")?.permissions == ["roles-view", "role-target-resources-view", "sources-view"])
        #expect(DemoCredentials.all.count == 3)
    }

    @Test func sameSeedGivesTheSameData() async throws {
        func snapshot() async throws -> [SimulatorJSON] {
            try await SimulatorHarness.with { sim in
                let token = try await sim.token()
                return try await sim.allRoles(token: token).map { role in
                    var copy = role
                    copy["id"] = nil
                    return copy
                }
            }
        }
        let first = try await snapshot()
        let second = try await snapshot()
        #expect(first == second)
    }

    @Test func scaledSeedServesFullPages() async throws {
        try await SimulatorHarness.with({ $0.seed = .roles(5000) }) { sim in
            let token = try await sim.token()
            let page = try await sim.getJSON("\(api)/roles?offset=2000&limit=1000", token: token)
            #expect(page["count"] == 5000)
            let items = page["items"]?.arrayValue ?? []
            #expect(items.count == 1000)
            let names = items.compactMap { $0["name"]?.stringValue?.lowercased() }
            #expect(names == names.sorted())
            #expect(items.allSatisfy { $0["member_count"]?.intValue != nil })
            let all = try await sim.allRoles(token: token)
            #expect(Set(all.compactMap { $0["name"]?.stringValue }).count == 5000)
        }
    }

    @Test func jsonRoundTripKeepsTypesAndText() throws {
        let text = #"{"a":[1,-2,3.5,1e3,true,false,null],"b":{"c":"é\u00e9\n\"x\"","d":{}},"e":"王伟 😀"}"#
        let value = try SimulatorJSON.parse(text)
        #expect(value["a"]?.arrayValue?[0] == .int(1))
        #expect(value["a"]?.arrayValue?[2] == .double(3.5))
        #expect(value["b"]?["c"]?.stringValue == "éé\n\"x\"")
        #expect(value["e"]?.stringValue == "王伟 😀")
        #expect(try SimulatorJSON.parse(value.serialized()) == value)
        for bad in ["{", "[1,]", "{\"a\" 1}", "01", "\"\\x\"", "nul", "{} {}", "\"\u{01}\""] {
            #expect(throws: SimulatorJSONParseError.self, "\(bad)") { _ = try SimulatorJSON.parse(bad) }
        }
    }
}
