import AsyncHTTPClient
import Foundation
import RoleStoreSimulator
import Testing

@Suite("HTTPS with the generated CA")
struct TLSTests {
    let api = SimulatorHarness.api

    @Test func httpsWorksWhenTheGeneratedCAIsTrusted() async throws {
        let directory = try temporaryDirectory()
        let caPath = directory.appendingPathComponent("ca.pem").path
        try await SimulatorHarness.with({ $0.tls = true; $0.caOutFile = caPath }) { sim in
            #expect(sim.server.baseURL.hasPrefix("https://127.0.0.1:"))
            let pem = try #require(sim.server.caCertificatePEM)
            #expect(pem.contains("BEGIN CERTIFICATE"))
            #expect(try String(contentsOfFile: caPath, encoding: .utf8) == pem)
            let token = try await sim.token()
            let roles = try await sim.getJSON("\(api)/roles?limit=3", token: token)
            #expect(roles["count"] == 60)
        }
    }

    @Test func httpsIsRefusedWithoutTheCA() async throws {
        try await SimulatorHarness.with({ $0.tls = true }) { sim in
            let plain = HTTPClient(eventLoopGroupProvider: .singleton)
            var request = HTTPClientRequest(url: sim.server.baseURL + "\(api)/status")
            request.method = .GET
            await #expect(throws: (any Error).self) { _ = try await plain.execute(request, timeout: .seconds(5)) }
            try await plain.shutdown()
        }
    }
}

@Suite("Fault injection")
struct FaultTests {
    let api = SimulatorHarness.api

    static func faults(_ kinds: [FaultKind], rate: Double = 1, prefix: String = "/role-store/api/v1/roles", seed: UInt64 = 1) -> FaultOptions {
        var options = FaultOptions()
        options.kinds = kinds
        options.rate = rate
        options.pathPrefix = prefix
        options.seed = seed
        return options
    }

    @Test func serverErrorsAndOverloadHaveThePrivXShape() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            await sim.server.setFaults(Self.faults([.http503]))
            let overloaded = try await sim.send(.GET, "\(api)/roles", token: token)
            #expect(overloaded.status == 503)
            #expect(overloaded.json?["error_code"] == "MAX_LOAD")
            #expect(try await sim.send(.GET, "\(api)/sources", token: token).status == 200, "outside the prefix")
            await sim.server.setFaults(Self.faults([.http500]))
            #expect(try await sim.send(.GET, "\(api)/roles", token: token).status == 500)
            await sim.server.setFaults(FaultOptions())
            #expect(try await sim.send(.GET, "\(api)/roles", token: token).status == 200)
        }
    }

    @Test func malformedTruncatedAndSlowDripBodies() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let expected = try await sim.getJSON("\(api)/roles?limit=200", token: token)
            await sim.server.setFaults(Self.faults([.malformedJSON]))
            let malformed = try await sim.send(.GET, "\(api)/roles", token: token)
            #expect(malformed.status == 200)
            #expect(malformed.json == nil)
            await sim.server.setFaults(Self.faults([.truncated]))
            await #expect(throws: (any Error).self) { _ = try await sim.send(.GET, "\(api)/roles?limit=200", token: token) }
            await sim.server.setFaults(Self.faults([.slowDrip]))
            let dripped = try await sim.send(.GET, "\(api)/roles?limit=200", token: token)
            #expect(dripped.status == 200)
            #expect(dripped.json == expected)
        }
    }

    @Test func timeoutHoldsTheRequestAndShutdownReleasesIt() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            await sim.server.setFaults(Self.faults([.timeout]))
            await #expect(throws: (any Error).self) { _ = try await sim.send(.GET, "\(api)/roles", token: token, timeout: 1) }
        }
    }

    @Test func faultSequenceIsDeterministicBySeed() async throws {
        func statuses(seed: UInt64) async throws -> [Int] {
            try await SimulatorHarness.with { sim in
                let token = try await sim.token()
                await sim.server.setFaults(Self.faults([.http500, .http503], rate: 0.4, seed: seed))
                var result: [Int] = []
                for _ in 0..<30 { result.append(try await sim.send(.GET, "\(api)/roles?limit=1", token: token).status) }
                return result
            }
        }
        let first = try await statuses(seed: 7)
        #expect(try await statuses(seed: 7) == first)
        #expect(first.contains(200))
        #expect(first.contains { $0 >= 500 })
        #expect(try await statuses(seed: 8) != first)
    }

    @Test func latencyStillAnswers() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            var options = FaultOptions()
            options.latencyMilliseconds = 20
            await sim.server.setFaults(options)
            #expect(try await sim.send(.GET, "\(api)/roles?limit=1", token: token).status == 200)
        }
    }
}
