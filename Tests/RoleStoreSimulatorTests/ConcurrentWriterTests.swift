import AsyncHTTPClient
import Foundation
import RoleStoreSimulator
import Synchronization
import Testing

/// One write as the client saw it: what it set, when it was sent, when (and whether) it was acknowledged.
struct ObservedWrite: Sendable {
    let value: String
    let sent: ContinuousClock.Instant
    let acknowledged: ContinuousClock.Instant?
}

/// Writes seen by concurrent writers, per role.
final class WriteLog: Sendable {
    private let writes = Mutex<[String: [ObservedWrite]]>([:])
    func record(_ roleID: String, _ write: ObservedWrite) { writes.withLock { $0[roleID, default: []].append(write) } }
    var all: [String: [ObservedWrite]] { writes.withLock { $0 } }
}

/// 100 writers at once against the real `privx-rolestore-sim` process: no acknowledged write is lost.
@Suite("Durability: 100 concurrent writers")
struct ConcurrentWriterTests {
    static let api = SimulatorHarness.api

    /// The register check: the final value must come from an acknowledged write (or one in flight) that no
    /// other acknowledged write started after; otherwise a later acknowledged write was lost.
    static func finalValueIsLegal(_ final: String?, _ writes: [ObservedWrite]) -> Bool {
        guard let final, let winner = writes.first(where: { $0.value == final }) else { return false }
        let winnerEnd = winner.acknowledged
        return !writes.contains { other in
            guard other.value != final, let otherEnd = other.acknowledged, let winnerEnd else { return false }
            return other.sent > winnerEnd && otherEnd > other.sent
        }
    }

    @Test func aHundredWritersLoseNoAcknowledgedWrite() async throws {
        let directory = try temporaryDirectory()
        let data = directory.appendingPathComponent("state.jsonl").path
        let process = try await SimulatorProcess(arguments: ["--port", "0", "--data", data, "--log", directory.appendingPathComponent("log").path])
        let http = ProcessSimulatorClient.makeHTTPClient(connections: 100)
        let sim = try await ProcessSimulatorClient.connect(http, process.baseURL)

        // Five shared roles that 50 writers fight over; the other 50 writers each own one role.
        var shared: [String] = []
        for index in 0..<5 {
            let answer = try await sim.send(.POST, "\(Self.api)/roles", json: ProcessSimulatorClient.role("contended-\(index)", comment: "start"))
            shared.append(try #require(answer.json?["id"]?.stringValue))
        }
        let log = WriteLog()
        let created = Locked<[String: String]>([:]) // writer name → role id
        let deleted = Locked<Set<String>>([])
        let sharedIDs = shared
        let writesPerWriter = 6
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<100 {
                group.addTask {
                    if writer < 50 {
                        let roleID = sharedIDs[writer % sharedIDs.count]
                        for step in 0..<writesPerWriter {
                            let value = "w\(writer)-s\(step)"
                            let body = ProcessSimulatorClient.role("contended-\(writer % sharedIDs.count)", comment: value,
                                                                   tags: ["writer-\(writer)", "step-\(step)"])
                            let sent = ContinuousClock.now
                            let answer = try await sim.send(.PUT, "\(Self.api)/roles/\(roleID)", json: body)
                            log.record(roleID, ObservedWrite(value: value, sent: sent, acknowledged: answer.status == 200 ? .now : nil))
                        }
                    } else {
                        let name = "own-\(writer)"
                        let answer = try await sim.send(.POST, "\(Self.api)/roles", json: ProcessSimulatorClient.role(name, comment: "c0"))
                        guard answer.status == 201, let id = answer.json?["id"]?.stringValue else { return }
                        created.update { $0[name] = id }
                        log.record(id, ObservedWrite(value: "c0", sent: .now, acknowledged: .now))
                        for step in 1..<writesPerWriter {
                            let value = "c\(step)"
                            let sent = ContinuousClock.now
                            let put = try await sim.send(.PUT, "\(Self.api)/roles/\(id)",
                                                         json: ProcessSimulatorClient.role(name, comment: value, tags: ["t\(step)"]))
                            log.record(id, ObservedWrite(value: value, sent: sent, acknowledged: put.status == 200 ? .now : nil))
                        }
                        if writer >= 90, try await sim.send(.DELETE, "\(Self.api)/roles/\(id)").status == 200 {
                            deleted.update { _ = $0.insert(id) }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }

        let writes = log.all
        let acknowledged = writes.values.reduce(0) { $0 + $1.filter { $0.acknowledged != nil }.count } + deleted.current.count
        let gone = deleted.current
        // Check the live process, then the same state after a restart from the state file.
        var lost = 0
        for phase in ["live", "after restart"] {
            let current: ProcessSimulatorClient
            var restarted: SimulatorProcess? = nil
            if phase == "live" {
                current = sim
            } else {
                #expect(await process.signal(SIGTERM) == 0)
                let again = try await SimulatorProcess(arguments: ["--port", "0", "--data", data])
                restarted = again
                current = try await ProcessSimulatorClient.connect(http, again.baseURL)
            }
            let roles = try await current.allRoles()
            for (id, roleWrites) in writes {
                if gone.contains(id) {
                    if roles[id] != nil { lost += 1; Issue.record("\(phase): deleted role \(id) is back") }
                    continue
                }
                let final = roles[id]?["comment"]?.stringValue
                // A write is whole or absent: the tags must belong to the same write as the comment.
                if let final, final.hasPrefix("w"), let tags = roles[id]?["tags"]?.arrayValue?.compactMap(\.stringValue) {
                    let parts = final.dropFirst().split(separator: "-")
                    #expect(tags == ["writer-\(parts[0])", "step-\(parts[1].dropFirst())"], "\(phase): torn write on \(id)")
                }
                if !Self.finalValueIsLegal(final, roleWrites) {
                    lost += 1
                    Issue.record("\(phase): role \(id) holds \(final ?? "nothing"); acknowledged writes: \(roleWrites.filter { $0.acknowledged != nil }.map(\.value))")
                }
            }
            #expect(created.current.count == 50)
            if let restarted { #expect(await restarted.signal(SIGTERM) == 0) }
        }
        try await http.shutdown()
        print("concurrent writers: 100 writers, \(acknowledged) acknowledged writes, \(lost) lost")
        #expect(acknowledged == 2 * 50 * writesPerWriter + gone.count)
        #expect(lost == 0)
    }
}
