import AsyncHTTPClient
import Foundation
import RoleStoreSimulator
import Testing

/// Every write one role received, in the order its writer sent them, and whether each was acknowledged.
struct RoleWriteHistory: Sendable {
    var comments: [String] = []
    var acknowledged: [Bool] = []
}

/// `kill -9` of the real `privx-rolestore-sim` at 50 seeded random moments of a write stream: after each
/// restart the state file loads and holds every write acknowledged before the kill.
/// `PRIVX_KILL_SEED` replays a run, `PRIVX_KILL_ROUNDS` changes the number of kills.
@Suite("Durability: kill -9 at random moments")
struct KillNineTests {
    static let api = SimulatorHarness.api

    /// Writes lost according to `histories`: an acknowledged create that is missing, or a role whose
    /// comment is older than its last acknowledged PUT.
    static func lostWrites(_ histories: [String: RoleWriteHistory], roles: [String: SimulatorJSON]) -> [String] {
        let byName = Dictionary(roles.values.compactMap { role in role["name"]?.stringValue.map { ($0, role) } },
                                uniquingKeysWith: { first, _ in first })
        var lost: [String] = []
        for (name, history) in histories {
            guard let lastAcknowledged = history.acknowledged.lastIndex(of: true) else { continue }
            guard let role = byName[name] else {
                lost.append("\(name): acknowledged create missing")
                continue
            }
            let comment = role["comment"]?.stringValue ?? ""
            guard let index = history.comments.firstIndex(of: comment), index >= lastAcknowledged else {
                lost.append("\(name): holds '\(comment)', last acknowledged '\(history.comments[lastAcknowledged])'")
                continue
            }
        }
        return lost
    }

    @Test func killMinus9AtFiftyRandomMomentsLosesNoAcknowledgedWrite() async throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["PRIVX_KILL_SEED"].flatMap { UInt64($0) } ?? 9
        let rounds = environment["PRIVX_KILL_ROUNDS"].flatMap { Int($0) } ?? 50
        var generator = SplitMix64(seed: seed)
        let directory = try temporaryDirectory()
        let data = directory.appendingPathComponent("state.jsonl").path
        let http = ProcessSimulatorClient.makeHTTPClient(connections: 8)
        let histories = Locked<[String: RoleWriteHistory]>([:])
        var process = try await SimulatorProcess(arguments: ["--port", "0", "--data", data])
        var kills = 0
        var lostTotal = 0

        for round in 0...rounds {
            let sim = try await ProcessSimulatorClient.connect(http, process.baseURL)
            let lost = Self.lostWrites(histories.current, roles: try await sim.allRoles())
            for line in lost.prefix(10) { Issue.record("seed \(seed), after kill \(kills): \(line)") }
            lostTotal += lost.count
            if round == rounds { break }

            // Four writers: create a role, then PUT its comment twice, again and again, until the kill.
            let writers = Task {
                await withTaskGroup(of: Void.self) { group in
                    for writer in 0..<4 {
                        group.addTask {
                            var item = 0
                            while !Task.isCancelled {
                                let name = "kill\(round)-w\(writer)-\(item)"
                                var id: String? = nil
                                for step in 0..<3 {
                                    let comment = "c\(step)"
                                    let body = ProcessSimulatorClient.role(name, comment: comment, tags: ["round-\(round)"])
                                    let acknowledged: Bool
                                    do {
                                        if let id {
                                            acknowledged = try await sim.send(.PUT, "\(Self.api)/roles/\(id)", json: body, timeout: 10).status == 200
                                        } else {
                                            let answer = try await sim.send(.POST, "\(Self.api)/roles", json: body, timeout: 10)
                                            id = answer.status == 201 ? answer.json?["id"]?.stringValue : nil
                                            acknowledged = id != nil
                                        }
                                    } catch {
                                        acknowledged = false
                                    }
                                    histories.update {
                                        $0[name, default: RoleWriteHistory()].comments.append(comment)
                                        $0[name, default: RoleWriteHistory()].acknowledged.append(acknowledged)
                                    }
                                    if !acknowledged { return }
                                }
                                item += 1
                            }
                        }
                    }
                }
            }
            try await Task.sleep(for: .milliseconds(Int(generator.next() % 250) + 5))
            #expect(await process.signal(SIGKILL) == SIGKILL)
            kills += 1
            writers.cancel()
            await writers.value
            process = try await SimulatorProcess(arguments: ["--port", "0", "--data", data])
        }
        #expect(await process.signal(SIGTERM) == 0)
        try await http.shutdown()

        let all = histories.current.values
        let acknowledged = all.reduce(0) { $0 + $1.acknowledged.filter { $0 }.count }
        print("kill -9: seed \(seed), \(kills) kills, \(acknowledged) acknowledged writes, \(lostTotal) lost")
        #expect(kills == rounds)
        #expect(acknowledged > rounds, "too few writes got through to mean anything")
        #expect(lostTotal == 0)
    }
}
