import AsyncHTTPClient
import Foundation
import RoleStoreSimulator
import Testing

@Suite("Server lifecycle")
struct LifecycleTests {
    @Test func stopReturnsWhileAClientKeepsAnIdleConnectionOpen() async throws {
        let server = try await SimulatorServer.start(SimulatorOptions())
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var request = HTTPClientRequest(url: server.baseURL + "/role-store/api/v1/status")
        request.method = .GET
        let response = try await client.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        #expect(response.status.code == 200)
        await server.stop()
        await server.stop()
        await #expect(throws: (any Error).self) { _ = try await client.execute(request, timeout: .seconds(5)) }
        try await client.shutdown()
    }

    @Test func twoServersRunSideBySideOnDifferentPorts() async throws {
        let first = try await SimulatorServer.start(SimulatorOptions())
        let second = try await SimulatorServer.start(SimulatorOptions())
        #expect(first.port != second.port)
        #expect(first.baseURL == "http://127.0.0.1:\(first.port)")
        await first.stop()
        await second.stop()
    }

    @Test func busyPortIsReportedClearly() async throws {
        let first = try await SimulatorServer.start(SimulatorOptions())
        var options = SimulatorOptions()
        options.port = first.port
        do {
            let second = try await SimulatorServer.start(options)
            await second.stop()
            Issue.record("a second server bound the same port")
        } catch let error as SimulatorStartError {
            #expect("\(error)".contains("\(first.port)"))
            #expect("\(error)".contains("--port"))
        }
        await first.stop()
    }

    @Test func demoCredentialDescriptionHidesSecrets() {
        for credential in DemoCredentials.all {
            let text = "\(credential)"
            #expect(!text.contains(credential.apiClientSecret))
            #expect(!text.contains(credential.oauthClientSecret))
            #expect(text.contains(credential.apiClientID))
        }
    }
}
