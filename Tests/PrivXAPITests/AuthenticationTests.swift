import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

@Suite("Authentication against the simulator")
struct AuthenticationTests {
    @Test func passwordGrantLogsInOnceAndReads() async throws {
        try await withSimulator { server in
            let records = Collector<APICallRecord>()
            try await using(makeClient(server, records: records)) { client in
                let page = try await client.roles(page: PageRequest(limit: 5))
                #expect(page.items.count == 5)
                #expect(page.count >= 5)
                _ = try await client.status()
                #expect(await client.tokenRequestCount == 1)
                #expect(records.all.filter { $0.path == TokenProvider.tokenPath }.count == 1)
            }
        }
    }

    @Test func preIssuedBearerTokenIsUsedAsIs() async throws {
        try await withSimulator { server in
            let token = try await using(makeClient(server)) { try await $0.tokens.token() }
            let records = Collector<APICallRecord>()
            let client = try PrivXClient(configuration: ClientConfiguration(baseURL: server.baseURL, credentials: .bearerToken(token)),
                                         logger: TestTranscript.logger, onRequest: { records.append($0) })
            try await using(client) { client in
                let page = try await client.roles(page: PageRequest(limit: 3))
                #expect(page.items.count == 3)
                #expect(records.all.allSatisfy { $0.path != TokenProvider.tokenPath })
            }
            let bad = try PrivXClient(configuration: ClientConfiguration(baseURL: server.baseURL, credentials: .bearerToken("not-a-token")),
                                      logger: TestTranscript.logger)
            let error = await capturePrivXError { _ = try await bad.roles(page: PageRequest()) }
            await bad.shutdown()
            #expect(error?.status == 401)
        }
    }

    @Test func wrongSecretIsAnAuthenticationError() async throws {
        try await withSimulator { server in
            let client = try makeClient(server) { configuration in
                configuration.credentials = .apiClient(oauthClientID: DemoCredentials.oauthClientID,
                                                       oauthClientSecret: DemoCredentials.oauthClientSecret,
                                                       apiClientID: DemoCredentials.viewer.apiClientID,
                                                       apiClientSecret: "wrong-secret-Zx81")
            }
            let error = await capturePrivXError { _ = try await client.status() ; _ = try await client.roles(page: PageRequest()) }
            await client.shutdown()
            guard case .authentication(let status, _) = error else {
                Issue.record("expected an authentication error, got \(String(describing: error))")
                return
            }
            #expect(status == 400 || status == 401)
            #expect(error?.description.contains("wrong-secret-Zx81") == false)
        }
    }

    @Test func tokenIsRenewedBeforeExpiryDuringALongOperation() async throws {
        try await withSimulator({ $0.tokenTTL = 2 }) { server in
            let records = Collector<APICallRecord>()
            try await using(makeClient(server, records: records)) { client in
                for _ in 0..<10 {
                    _ = try await client.roles(page: PageRequest(limit: 2))
                    try await Task.sleep(for: .milliseconds(600))
                }
                // 6 s of work with 2 s tokens: several logins, and at least one renewal made before
                // the server rejected anything (a 401 under heavy load is still recovered by re-login).
                #expect(await client.tokenRequestCount >= 3)
                let all = records.all
                let proactive = all.indices.filter { index in
                    all[index].path == TokenProvider.tokenPath && index > 0 && all[index - 1].status == 200
                }
                #expect(!proactive.isEmpty)
            }
        }
    }

    @Test func fiftyConcurrentCallsShareOneTokenRequest() async throws {
        try await withSimulator { server in
            let records = Collector<APICallRecord>()
            try await using(makeClient(server, records: records)) { client in
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for index in 0..<50 {
                        group.addTask { try await client.roles(page: PageRequest(offset: index, limit: 1)).items.count }
                    }
                    var total = 0
                    for try await count in group { total += count }
                    #expect(total == 50)
                }
                #expect(await client.tokenRequestCount == 1)
                #expect(records.all.filter { $0.path == TokenProvider.tokenPath }.count == 1)
            }
        }
    }

    @Test func rejectedTokenTriggersOneReloginAndRetry() async throws {
        try await withSimulator { server in
            let records = Collector<APICallRecord>()
            try await using(makeClient(server, records: records)) { client in
                _ = try await client.status()
                await client.tokens.install(token: "revoked-token", lifetime: 300)
                let page = try await client.roles(page: PageRequest(limit: 1))
                #expect(page.items.count == 1)
                let rolesCalls = records.all.filter { $0.path.hasPrefix("/role-store/api/v1/roles") }
                #expect(rolesCalls.map(\.status) == [401, 200])
                #expect(await client.tokenRequestCount == 2)
            }
        }
    }

    @Test func forbiddenCallNamesTheMissingPermission() async throws {
        try await withSimulator { server in
            try await using(makeClient(server, as: DemoCredentials.viewer)) { client in
                let error = await capturePrivXError { _ = try await client.createRole(Role(name: "viewer-cannot-create")) }
                #expect(error?.status == 403)
                #expect(error?.errorCode == "PERMISSION_DENIED")
                let text = error?.description ?? ""
                #expect(text.contains("403"))
                #expect(text.contains("roles-manage"))
                #expect(text.contains("POST /role-store/api/v1/roles"))
            }
        }
    }
}
