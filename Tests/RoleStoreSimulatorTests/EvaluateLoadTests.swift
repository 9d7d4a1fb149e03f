import Dispatch
import Foundation
import RoleStoreSimulator
import Synchronization
import Testing

/// Heavy evaluates and silent connections (issue 13, item 11): evaluate runs off the store and off the
/// request threads with a bound on its work, and a connection that sends nothing is closed.
@Suite("Evaluate under load and idle connections", .serialized)
struct EvaluateLoadTests {
    let api = SimulatorHarness.api

    /// `(|(principal=bulk-0)(principal=bulk-1)…)` with `terms` equality terms: every term is compared with every user.
    static func bulkFilter(terms: Int) -> String {
        "(|" + (0..<terms).map { "(principal=bulk-\($0))" }.joined() + ")"
    }

    func evaluateBody(source: String, terms: Int) -> SimulatorJSON {
        ["name": "bulk", "source_rules": ["type": "RULE", "source": .string(source),
                                          "search_string": .string(Self.bulkFilter(terms: terms)), "rules": []]]
    }

    @Test func aRolesGETAnswersWhileFourHeavyEvaluatesAreStillRunning() async throws {
        // No work bound here, so the four evaluates are as heavy as the probe's (20 000 terms each).
        try await SimulatorHarness.with({ $0.evaluateMaxWork = 0 }) { sim in
            let token = try await sim.token()
            let ad = try await sim.sourceID(type: "AD", token: token)
            let body = evaluateBody(source: ad, terms: 20_000)
            let finished = Arrivals()
            let api = self.api
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<4 {
                    group.addTask {
                        let answer = try await sim.send(.POST, "\(api)/roles/evaluate", token: token, json: body)
                        #expect(answer.status == 200, "\(answer.text.prefix(300))")
                        finished.note("evaluate \(index)")
                    }
                }
                // Let the evaluates reach the server, then read the roles.
                try await Task.sleep(nanoseconds: 300_000_000)
                group.addTask {
                    let answer = try await sim.send(.GET, "\(api)/roles?limit=50", token: token)
                    #expect(answer.status == 200)
                    finished.note("roles")
                }
                try await group.waitForAll()
            }
            let order = finished.order
            // Every evaluate takes seconds here; the roles GET, sent while they run, must not wait for any of them.
            #expect(order.first == "roles", "the roles GET waited for the evaluates: \(order)")
        }
    }

    @Test func anEvaluateAboveTheWorkBoundIsRefusedOnSourceRules() async throws {
        try await SimulatorHarness.with({ $0.evaluateMaxWork = 1_000_000 }) { sim in
            let token = try await sim.token()
            let ad = try await sim.sourceID(type: "AD", token: token)
            let refused = try await sim.send(.POST, "\(api)/roles/evaluate", token: token, json: evaluateBody(source: ad, terms: 20_000))
            #expect(refused.status == 400, "\(refused.text.prefix(300))")
            #expect(refused.json?["error_code"] == "VALUE_OUT_OF_BOUNDS")
            #expect(refused.json?["property"] == "source_rules")
            #expect(refused.json?["error_message"]?.stringValue?.contains("too large to evaluate") == true)
            // A modest filter on the same directory is still evaluated.
            let fine = try await sim.send(.POST, "\(api)/roles/evaluate", token: token, json: evaluateBody(source: ad, terms: 20))
            #expect(fine.status == 200)
        }
    }

    @Test func aSilentConnectionIsClosedAfterTheIdleTimeout() async throws {
        try await SimulatorHarness.with({ $0.idleTimeout = 0.5 }) { sim in
            // Half a request, then silence: the server must close the connection, not keep it forever.
            let outcome = await Self.halfOpen(port: sim.server.port, send: "GET \(api)/status HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                                              waitSeconds: 10)
            #expect(outcome == .closedByServer, "\(outcome)")
            // The server still answers new connections.
            let status = try await sim.send(.GET, "\(api)/status")
            #expect(status.status == 200)
        }
    }

    /// The order in which concurrent requests answered.
    final class Arrivals: Sendable {
        private let names = Mutex<[String]>([])
        func note(_ name: String) { names.withLock { $0.append(name) } }
        var order: [String] { names.withLock { $0 } }
    }

    enum HalfOpenOutcome: Equatable { case closedByServer, stillOpen, failed(String) }

    /// Connects, sends `send`, then waits (on a GCD thread, never the cooperative pool) for the server to close.
    static func halfOpen(port: Int, send text: String, waitSeconds: Int) async -> HalfOpenOutcome {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                guard fd >= 0 else { return continuation.resume(returning: .failed("socket")) }
                defer { close(fd) }
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                guard connected == 0 else { return continuation.resume(returning: .failed("connect")) }
                _ = Array(text.utf8).withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
                var timeout = timeval(tv_sec: waitSeconds, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    if count == 0 { return continuation.resume(returning: .closedByServer) }
                    if count < 0 {
                        if errno == EAGAIN || errno == EWOULDBLOCK { return continuation.resume(returning: .stillOpen) }
                        if errno == ECONNRESET { return continuation.resume(returning: .closedByServer) }
                        return continuation.resume(returning: .failed("recv errno \(errno)"))
                    }
                }
            }
        }
    }
}
