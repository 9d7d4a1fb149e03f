import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Synchronization
import Testing

/// Answers password requests from a script and records every request, to check when the client asks and why.
final class ScriptedPasswords: Sendable {
    private let answers: Mutex<[String?]>
    private let asked = Mutex<[PasswordRequest]>([])
    private let repeatLast: Bool

    /// `answers` in turn, then nil (or the last one again with `repeatLast`, for timing-dependent tests).
    init(_ answers: [String?], repeatLast: Bool = false) {
        self.answers = Mutex(answers)
        self.repeatLast = repeatLast
    }

    var requests: [PasswordRequest] { asked.withLock { $0 } }

    var provider: PasswordProvider {
        { request in
            self.asked.withLock { $0.append(request) }
            return self.answers.withLock { list in
                if self.repeatLast && list.count == 1 { return list[0] }
                return list.isEmpty ? nil : list.removeFirst()
            }
        }
    }
}

/// A client logged in (or to be logged in) as a demo person over HTTPS.
func makeUserClient(_ server: SimulatorServer, as user: DemoUser, passwords: ScriptedPasswords?,
                    records: Collector<APICallRecord>? = nil) throws -> PrivXClient {
    let configuration = ClientConfiguration(baseURL: server.baseURL, credentials: .user(name: user.name),
                                            additionalCACertificatesPEM: server.caCertificatePEM.map { [$0] } ?? [])
    var observer: (@Sendable (APICallRecord) -> Void)?
    if let records { observer = { records.append($0) } }
    return try PrivXClient(configuration: configuration, logger: TestTranscript.logger, onRequest: observer,
                           passwordProvider: passwords?.provider)
}

@Suite("User login through PrivXClient over HTTPS")
struct UserLoginClientTests {
    static func tls(_ options: inout SimulatorOptions) { options.tls = true }

    @Test func aPersonLogsInWithThePasswordFromTheProviderAndReadsTheirIdentity() async throws {
        try await withSimulator(Self.tls) { server in
            let passwords = ScriptedPasswords([DemoUsers.bob.password])
            let records = Collector<APICallRecord>()
            try await using(makeUserClient(server, as: DemoUsers.bob, passwords: passwords, records: records)) { client in
                let identity = try await client.currentIdentity()
                #expect(identity.principal == "bob")
                #expect(identity.displayName == "Bob Rolemanager (bob)")
                #expect(identity.sourceType == "LOCAL")
                #expect(identity.can("roles-manage"))
                #expect(!identity.can("role-target-resources-view"))
                #expect(identity.roles.map(\.name) == ["role-managers"])
                _ = try await client.roles(page: PageRequest(limit: 2))
                #expect(passwords.requests == [PasswordRequest(user: "bob", reason: .firstLogin)])
                let paths = records.all.map { $0.path.split(separator: "?").first.map(String.init) ?? $0.path }
                #expect(paths.prefix(3) == [UserLogin.authorizePath, UserLogin.loginPath, TokenProvider.tokenPath])
                #expect(records.all.first?.status == 307, "the redirect is read, not followed")
            }
        }
    }

    @Test func eachDemoPersonIsGrantedExactlyWhatTheirRolesAllow() async throws {
        try await withSimulator(Self.tls) { server in
            try await using(makeUserClient(server, as: DemoUsers.bob, passwords: ScriptedPasswords([DemoUsers.bob.password]))) { bob in
                let denied = await capturePrivXError { _ = try await bob.awsRoles(refresh: false) }
                #expect(denied?.status == 403)
                #expect(denied?.description.contains("role-target-resources-view") == true)
            }
            try await using(makeUserClient(server, as: DemoUsers.carol, passwords: ScriptedPasswords([DemoUsers.carol.password]))) { carol in
                #expect(try await carol.awsRoles(refresh: false).isEmpty == false)
                let role = try #require(try await carol.roles(page: PageRequest(limit: 1)).items.first)
                let denied = await capturePrivXError { try await carol.deleteRole(id: role.id) }
                #expect(denied?.status == 403)
                #expect(try await carol.currentIdentity().can("roles-manage") == false)
            }
            try await using(makeUserClient(server, as: DemoUsers.alice, passwords: ScriptedPasswords([DemoUsers.alice.password]))) { alice in
                let identity = try await alice.currentIdentity()
                #expect(identity.permissions == Set(SimulatorPermissions.all))
                #expect(try await alice.awsRoles(refresh: false).isEmpty == false)
            }
        }
    }

    @Test func aWrongPasswordIsAskedAgainThenRefusedAfterThreeTries() async throws {
        try await withSimulator(Self.tls) { server in
            let retried = ScriptedPasswords(["wrong-1", DemoUsers.alice.password])
            try await using(makeUserClient(server, as: DemoUsers.alice, passwords: retried)) { client in
                _ = try await client.status()
                _ = try await client.roles(page: PageRequest(limit: 1))
                #expect(retried.requests.map(\.reason) == [.firstLogin, .wrongPassword(attempt: 2)])
            }
            let hopeless = ScriptedPasswords(["wrong-1", "wrong-2", "wrong-3", "never-asked"])
            let client = try makeUserClient(server, as: DemoUsers.alice, passwords: hopeless)
            let error = await capturePrivXError { _ = try await client.roles(page: PageRequest(limit: 1)) }
            await client.shutdown()
            guard case .loginRefused(let user, let status, let body)? = error else {
                Issue.record("expected loginRefused, got \(String(describing: error))")
                return
            }
            #expect(user == "alice" && status == 401 && body?.code == "access_denied")
            #expect(hopeless.requests.count == TokenProvider.passwordAttempts)
            #expect(error?.description.contains("wrong-") == false)
        }
    }

    @Test func withoutAPasswordTheTypedErrorSaysSoAndLogInResumes() async throws {
        try await withSimulator(Self.tls) { server in
            try await using(makeUserClient(server, as: DemoUsers.carol, passwords: nil)) { client in
                let error = await capturePrivXError { _ = try await client.roles(page: PageRequest(limit: 1)) }
                guard case .loginRequired(let user, _)? = error else {
                    Issue.record("expected loginRequired, got \(String(describing: error))")
                    return
                }
                #expect(user == "carol")
                let wrong = await capturePrivXError { try await client.logIn(password: "not-carols") }
                #expect(wrong?.status == 401)
                try await client.logIn(password: DemoUsers.carol.password)
                #expect(try await client.roles(page: PageRequest(limit: 1)).items.count == 1)
            }
        }
    }

    @Test func theSessionIsRenewedWithRotatingRefreshTokensWithoutThePassword() async throws {
        // 2 s tokens are renewed after 1.5 s; a slow machine may renew more often, never ask for the password.
        try await withSimulator({ Self.tls(&$0); $0.tokenTTL = 2 }) { server in
            let passwords = ScriptedPasswords([DemoUsers.alice.password])
            let records = Collector<APICallRecord>()
            try await using(makeUserClient(server, as: DemoUsers.alice, passwords: passwords, records: records)) { client in
                _ = try await client.status()
                for _ in 0..<2 {
                    try await Task.sleep(for: .milliseconds(1600))
                    #expect(try await client.currentIdentity().principal == "alice")
                }
                #expect(passwords.requests.count == 1, "renewal must not ask for the password")
                let tokenRequests = records.all.filter { $0.path == TokenProvider.tokenPath }
                #expect(tokenRequests.count >= 3, "one exchange, then a renewal after each pause")
                #expect(tokenRequests.allSatisfy { $0.status == 200 })
                #expect(records.all.filter { $0.path == UserLogin.loginPath }.count == 1)
                // Each renewal rotated the refresh token: every token answer held a new access and refresh token.
                #expect(Set(server.issuedTokens).count == 2 * tokenRequests.count)
            }
        }
    }

    @Test func aRefusedRenewalAsksForThePasswordAgainAndTheWorkResumes() async throws {
        // Access and refresh tokens both end after 2 s: after a 2.3 s pause only the password can resume.
        try await withSimulator({ Self.tls(&$0); $0.tokenTTL = 2; $0.refreshTokenTTL = 2 }) { server in
            let passwords = ScriptedPasswords([DemoUsers.bob.password], repeatLast: true)
            try await using(makeUserClient(server, as: DemoUsers.bob, passwords: passwords)) { client in
                let before = try await client.roles(page: PageRequest(limit: 3)).items.map(\.id)
                try await Task.sleep(for: .milliseconds(2300))
                let after = try await client.roles(page: PageRequest(limit: 3)).items.map(\.id)
                #expect(after == before)
                #expect(passwords.requests.first?.reason == .firstLogin)
                #expect(passwords.requests.last?.reason == .sessionExpired)
            }
            // Without a provider the renewal failure is the typed error, and a new password resumes.
            try await using(makeUserClient(server, as: DemoUsers.bob, passwords: nil)) { client in
                try await client.logIn(password: DemoUsers.bob.password)
                try await Task.sleep(for: .milliseconds(2300))
                let error = await capturePrivXError { _ = try await client.roles(page: PageRequest(limit: 1)) }
                guard case .loginRequired(let user, let reason)? = error else {
                    Issue.record("expected loginRequired, got \(String(describing: error))")
                    return
                }
                #expect(user == "bob" && reason.contains("renew"))
                try await client.logIn(password: DemoUsers.bob.password)
                #expect(try await client.roles(page: PageRequest(limit: 1)).items.count == 1)
            }
        }
    }

    @Test func theClientRefusesAnAnswerWithAnotherLoginsState() async throws {
        try await withSimulator(Self.tls) { server in
            try await using(makeUserClient(server, as: DemoUsers.alice, passwords: nil)) { client in
                let login = UserLogin(transport: client.transport)
                let session = try await login.authorize(state: "state-of-login-A", challenge: UserLogin.challenge(of: UserLogin.randomURLSafe()),
                                                        user: "alice")
                let error = await capturePrivXError {
                    _ = try await login.submit(user: "alice", password: DemoUsers.alice.password, session: session,
                                               expectedState: "state-of-login-B")
                }
                guard case .invalidResponse(_, let path, let detail)? = error else {
                    Issue.record("expected invalidResponse, got \(String(describing: error))")
                    return
                }
                #expect(path == UserLogin.loginPath && detail.contains("state"))
            }
        }
    }

    @Test func aPKCEMismatchAndAReplayedCodeAreLoginErrors() async throws {
        try await withSimulator(Self.tls) { server in
            try await using(makeUserClient(server, as: DemoUsers.alice, passwords: nil)) { client in
                let login = UserLogin(transport: client.transport)
                func code(_ verifier: String) async throws -> String {
                    let session = try await login.authorize(state: "s", challenge: UserLogin.challenge(of: verifier), user: "alice")
                    return try await login.submit(user: "alice", password: DemoUsers.alice.password, session: session, expectedState: "s")
                }
                let verifier = UserLogin.randomURLSafe()
                let mismatched = await capturePrivXError {
                    _ = try await login.exchange(code: try await code(verifier), verifier: UserLogin.randomURLSafe(), user: "alice")
                }
                guard case .loginRefused(_, 400, let body)? = mismatched else {
                    Issue.record("expected loginRefused 400, got \(String(describing: mismatched))")
                    return
                }
                #expect(body?.code == "invalid_grant")
                let good = try await code(verifier)
                let grant = try await login.exchange(code: good, verifier: verifier, user: "alice")
                #expect(!grant.accessToken.isEmpty && grant.refreshToken != nil)
                let replayed = await capturePrivXError { _ = try await login.exchange(code: good, verifier: verifier, user: "alice") }
                #expect(replayed?.status == 400)
                #expect(replayed?.errorCode == "invalid_grant")
            }
        }
    }
}
