import Foundation
import RoleStoreSimulator
import Synchronization
import Testing

/// Every endpoint that takes a body, fed malformed bodies from a seeded generator: each answer is the
/// contract's 4xx, never a 5xx, the server stays up and its state is unchanged.
/// `PRIVX_FUZZ_SEED` / `PRIVX_FUZZ_COUNT` replay or lengthen a run.
@Suite("Hardening: malformed bodies on every endpoint")
struct MalformedBodyFuzzTests {
    let api = SimulatorHarness.api

    /// What a client can observe of the state: role count, one role's bytes, one AWS role's mapping bytes.
    func fingerprint(_ sim: SimulatorHarness, token: String, roleID: String, awsRoleID: String) async throws -> [String] {
        let count = try await sim.getJSON("\(api)/roles?limit=1", token: token)["count"]?.jsonText ?? "?"
        let role = try await sim.send(.GET, "\(api)/roles/\(roleID)", token: token).text
        let mapping = try await sim.send(.GET, "\(api)/awsroles/\(awsRoleID)/roles", token: token).text
        let awsCount = try await sim.getJSON("\(api)/awsroles", token: token)["count"]?.jsonText ?? "?"
        return [count, role, mapping, awsCount]
    }

    @Test func malformedBodiesGetThe4xxTheContractNamesAndChangeNothing() async throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["PRIVX_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_123
        let count = environment["PRIVX_FUZZ_COUNT"].flatMap { Int($0) } ?? 3000
        let maxBody = 1_048_576
        try await SimulatorHarness.with({ $0.maxBodyBytes = maxBody }) { sim in
            let token = try await sim.token()
            let roleID = try await sim.roleID("oracle-dba", token: token)
            let awsRoleID = try #require(try await sim.getJSON("\(api)/awsroles", token: token)["items"]?[0]?["id"]?.stringValue)
            let source = try await sim.sourceID(type: "LOCAL", token: token)
            let before = try await fingerprint(sim, token: token, roleID: roleID, awsRoleID: awsRoleID)

            var corpus = MalformedBodyCorpus(roleID: roleID, awsRoleID: awsRoleID, sourceID: source, maxBodyBytes: maxBody,
                                             generator: SplitMix64(seed: seed))
            let cases = (0..<count).map { _ in corpus.next() }
            let tally = FuzzTally()
            // 8 at a time: concurrent enough to interleave, few enough for 2 cores.
            for batch in stride(from: 0, to: cases.count, by: 8) {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (offset, fuzz) in cases[batch..<min(batch + 8, cases.count)].enumerated() {
                        group.addTask {
                            let answer = try await sim.send(fuzz.method, fuzz.path, token: token, body: fuzz.body, headers: fuzz.headers)
                            tally.count(fuzz.category, answer.status)
                            let codeOK = answer.status == 413 || answer.status == 415 || answer.json?["error_code"] != nil
                                || answer.json?["error"] != nil
                            if !fuzz.allowed.contains(answer.status) || !codeOK {
                                tally.fail("#\(batch + offset) \(fuzz.category) \(fuzz.method) \(fuzz.path) → \(answer.status) "
                                    + "\(answer.text.prefix(200)) body: \(String(decoding: fuzz.body.prefix(700), as: UTF8.self))")
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let status = try await sim.send(.GET, "\(api)/status")
            #expect(status.status == 200, "the simulator stopped answering after the fuzz run")
            let after = try await fingerprint(sim, token: token, roleID: roleID, awsRoleID: awsRoleID)
            #expect(after == before, "the state changed")

            let found = tally.failures
            for failure in found.prefix(20) { Issue.record("seed \(seed): \(failure)") }
            let summary = tally.statuses.sorted { $0.key < $1.key }
                .map { "\($0.key): " + $0.value.sorted { $0.key < $1.key }.map { "\($0.value)×\($0.key)" }.joined(separator: " ") }
            print("fuzz seed \(seed): \(cases.count) malformed requests, \(found.count) wrong answers, "
                + "0 5xx: \(!summary.contains { $0.contains("×5") }); " + summary.joined(separator: "; "))
        }
    }

    @Test func aChunkedOverSizeBodyIsRefusedWith413() async throws {
        try await SimulatorHarness.with({ $0.maxBodyBytes = 4096 }) { sim in
            let token = try await sim.token()
            let body = Array("[\"".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 10_000) + Array("\"]".utf8)
            let answer = try await sim.send(.POST, "\(api)/roles/resolve", token: token, body: body)
            #expect(answer.status == 413)
            #expect(answer.json?["error_code"] == "VALUE_OUT_OF_BOUNDS")
        }
    }

    @Test(arguments: ["1e400", "-1e400", "1180591620717411303424"])
    func hugeNumbersAreRefusedOrKeptExactly(_ number: String) async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let answer = try await sim.send(.POST, "\(api)/roles/resolve", token: token, body: Array("[\(number)]".utf8))
            #expect(answer.status == 400)
        }
    }
}

/// Answers per category and status, and the wrong ones, from concurrent requests.
final class FuzzTally: Sendable {
    private let counts = Mutex<[String: [Int: Int]]>([:])
    private let wrong = Mutex<[String]>([])
    func count(_ category: String, _ status: Int) { counts.withLock { $0[category, default: [:]][status, default: 0] += 1 } }
    func fail(_ text: String) { wrong.withLock { $0.append(text) } }
    var statuses: [String: [Int: Int]] { counts.withLock { $0 } }
    var failures: [String] { wrong.withLock { $0 } }
}
