import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

@Suite("Secrets never reach a log line, an error or a description")
struct SecretRedactionTests {
    @Test func noSecretInAnyLogLineOrErrorText() async throws {
        let secrets = DemoCredentials.all.flatMap { [$0.apiClientSecret, $0.oauthClientSecret] } + DemoUsers.all.map(\.password)
            + ["wrong-password-Qz19"]
        var issuedTokens: [String] = []
        let serverTokens = try await withSimulator({ $0.tokenTTL = 2 }) { server in
            // A person: a wrong password, the right one, a renewal with the refresh token, a refused resume.
            let passwords = ScriptedPasswords(["wrong-password-Qz19", DemoUsers.bob.password])
            try await using(makeUserClient(server, as: DemoUsers.bob, passwords: passwords)) { client in
                _ = try await client.allRoles()
                _ = await capturePrivXError { _ = try await client.awsRoles(refresh: false) }
                _ = await capturePrivXError { try await client.logIn(password: "wrong-password-Qz19") }
                try await Task.sleep(for: .milliseconds(1700))
                TestTranscript.errorTexts.append(String(describing: try await client.currentIdentity()))
                TestTranscript.errorTexts.append(String(describing: client.configuration))
            }
            TestTranscript.errorTexts.append(String(describing: DemoUsers.all))
            // Success, renewal, 401 retry, 403, 404, a bad secret, a revoked bearer token: with debug logging on.
            let client = try makeClient(server)
            try await using(client) { client in
                _ = try await client.allRoles()
                issuedTokens.append(try await client.tokens.token())
                await client.tokens.install(token: "revoked-token-Ab12", lifetime: 300)
                _ = try await client.status()
                _ = await capturePrivXError { _ = try await client.role(id: "00000000-0000-0000-0000-000000000000") }
                TestTranscript.errorTexts.append(String(describing: client.configuration))
                TestTranscript.errorTexts.append(String(describing: client.configuration.credentials))
            }
            try await using(makeClient(server, as: DemoCredentials.viewer)) { client in
                _ = await capturePrivXError { try await client.deleteRole(id: "00000000-0000-0000-0000-000000000000") }
                issuedTokens.append(try await client.tokens.token())
            }
            let wrong = try makeClient(server) { configuration in
                configuration.credentials = .apiClient(oauthClientID: DemoCredentials.oauthClientID,
                                                       oauthClientSecret: DemoCredentials.oauthClientSecret,
                                                       apiClientID: DemoCredentials.admin.apiClientID,
                                                       apiClientSecret: DemoCredentials.viewer.apiClientSecret)
            }
            _ = await capturePrivXError { _ = try await wrong.status() }
            await wrong.shutdown()
            let bearer = try PrivXClient(configuration: ClientConfiguration(baseURL: server.baseURL, credentials: .bearerToken(issuedTokens[0])),
                                         logger: TestTranscript.logger)
            TestTranscript.errorTexts.append(String(describing: bearer.configuration))
            _ = await capturePrivXError { _ = try await bearer.roles(page: PageRequest(limit: 1)) }
            await bearer.shutdown()

            // The binary with secrets as flags and --verbose logging.
            let admin = DemoCredentials.admin
            let home = try temporaryDirectory().path
            let run = try await PrivXRolesBinary.run(
                ["roles", "list", "--verbose", "--base-url", server.baseURL, "--client-id", admin.apiClientID,
                 "--client-secret", admin.apiClientSecret, "--oauth-client-secret", admin.oauthClientSecret],
                environment: ["HOME": home, "XDG_CONFIG_HOME": home])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("GET /role-store/api/v1/roles"))
            let show = try await PrivXRolesBinary.run(
                ["config", "show", "--base-url", server.baseURL, "--bearer-token", issuedTokens[0]],
                environment: ["HOME": home, "XDG_CONFIG_HOME": home])
            #expect(show.status == 0)
            return server.issuedTokens
        }
        let transcript = TestTranscript.logLines.all + TestTranscript.errorTexts.all
        #expect(transcript.contains { $0.contains("/role-store/api/v1/roles") }, "the log captured nothing")
        // Every access and refresh token the server issued (the person's rotated refresh tokens included).
        for secret in secrets + issuedTokens + serverTokens + ["revoked-token-Ab12"] {
            let leaks = transcript.filter { $0.contains(secret) }
            #expect(leaks.isEmpty, "secret leaked in: \(leaks.first?.prefix(200) ?? "")")
        }
    }
}
