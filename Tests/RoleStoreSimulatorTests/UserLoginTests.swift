import Crypto
import Foundation
import RoleStoreSimulator
import Testing

/// The person login of the simulator, step by step over HTTPS (the Go SDK's `oauth/authcode.go` flow).
@Suite("User login: authorize, login, code exchange, refresh, scopes")
struct UserLoginTests {
    let api = SimulatorHarness.api
    static let form = [("Content-Type", "application/x-www-form-urlencoded")]

    /// A PKCE pair as RFC 7636 §4.1/§4.2 makes it (written here independently of both implementations).
    static func pkce() -> (verifier: String, challenge: String) {
        let verifier = base64URL(Data((0..<32).map { _ in UInt8.random(in: 0...255) }))
        return (verifier, base64URL(Data(SHA256.hash(data: Data(verifier.utf8)))))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func authorizePath(state: String, challenge: String, method: String = "S256", client: String = "privx-ui") -> String {
        "/auth/api/v1/oauth/authorize?client_id=\(client)&redirect_uri=%2Fprivx%2Foauth-callback&response_type=code"
            + "&state=\(state)&code_challenge=\(challenge)&code_challenge_method=\(method)&user_agent=tests"
    }

    /// Step 1: the session token from the 307's Location.
    static func session(_ sim: SimulatorHarness, state: String, challenge: String) async throws -> String {
        let answer = try await sim.send(.GET, authorizePath(state: state, challenge: challenge))
        #expect(answer.status == 307)
        let location = try #require(answer.header("Location"))
        return try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "token" }?.value)
    }

    static func login(_ sim: SimulatorHarness, _ user: String, _ password: String, session: String) async throws -> HTTPAnswer {
        try await sim.send(.POST, "/auth/api/v1/login", token: nil,
                           json: ["username": .string(user), "password": .string(password), "token": .string(session)])
    }

    static func exchange(_ sim: SimulatorHarness, code: String, verifier: String) async throws -> HTTPAnswer {
        let body = "grant_type=authorization_code&client_id=privx-ui&redirect_uri=%2Fprivx%2Foauth-callback&code=\(code)&code_verifier=\(verifier)"
        return try await sim.send(.POST, "/auth/api/v1/oauth/token", body: Array(body.utf8), headers: form)
    }

    static func refresh(_ sim: SimulatorHarness, _ token: String) async throws -> HTTPAnswer {
        let body = "grant_type=refresh_token&client_id=privx-ui&redirect_uri=%2Fprivx%2Foauth-callback&refresh_token=\(token)"
        return try await sim.send(.POST, "/auth/api/v1/oauth/token", body: Array(body.utf8), headers: form)
    }

    /// The three steps for `user`; answers the token JSON.
    static func logIn(_ sim: SimulatorHarness, _ user: DemoUser) async throws -> SimulatorJSON {
        let (verifier, challenge) = pkce()
        let session = try await session(sim, state: "s-\(user.name)", challenge: challenge)
        let code = try #require(try await login(sim, user.name, user.password, session: session).json?["code"]?.stringValue)
        let answer = try await exchange(sim, code: code, verifier: verifier)
        #expect(answer.status == 200)
        return try #require(answer.json)
    }

    static func tls(_ options: inout SimulatorOptions) { options.tls = true }

    @Test func theFourStepsLogAPersonInAndUsersCurrentAnswersForThem() async throws {
        try await SimulatorHarness.with(Self.tls) { sim in
            let (verifier, challenge) = Self.pkce()
            let session = try await Self.session(sim, state: "state-123", challenge: challenge)
            let loggedIn = try await Self.login(sim, "bob", DemoUsers.bob.password, session: session)
            #expect(loggedIn.status == 200)
            #expect(loggedIn.json?["state"]?.stringValue == "state-123")
            let code = try #require(loggedIn.json?["code"]?.stringValue)
            let tokens = try await Self.exchange(sim, code: code, verifier: verifier)
            #expect(tokens.status == 200)
            let json = try #require(tokens.json)
            #expect(json["token_type"]?.stringValue == "bearer")
            #expect((json["expires_in"]?.intValue ?? 0) > 0)
            let access = try #require(json["access_token"]?.stringValue)
            #expect(json["refresh_token"]?.stringValue?.isEmpty == false)
            let me = try await sim.getJSON("\(api)/users/current", token: access)
            #expect(me["principal"]?.stringValue == "bob")
            #expect(me["id"]?.stringValue == DemoUsers.bob.id)
            #expect(me["source_type"]?.stringValue == "LOCAL")
            #expect(me["roles"]?.arrayValue?.first?["name"]?.stringValue == "role-managers")
            #expect(Set(me["permissions"]?.arrayValue?.compactMap(\.stringValue) ?? []) == Set(DemoUsers.bob.permissions))
        }
    }

    @Test func usersCurrentAnswersAnAPIClientWithItsGrantAndNeedsAToken() async throws {
        try await SimulatorHarness.with(Self.tls) { sim in
            let me = try await sim.getJSON("\(api)/users/current", token: try await sim.token(DemoCredentials.viewer))
            #expect(me["principal"]?.stringValue == DemoCredentials.viewer.apiClientID)
            #expect(Set(me["permissions"]?.arrayValue?.compactMap(\.stringValue) ?? []) == Set(DemoCredentials.viewer.permissions))
            #expect(me["roles"]?.arrayValue?.count == 1)
            #expect(try await sim.send(.GET, "\(api)/users/current").status == 401)
        }
    }

    @Test func authorizeRefusesWhatIsNotPKCES256FromPrivXUI() async throws {
        try await SimulatorHarness.with(Self.tls) { sim in
            let (_, challenge) = Self.pkce()
            let plain = try await sim.send(.GET, Self.authorizePath(state: "s", challenge: challenge, method: "plain"))
            #expect(plain.status == 400)
            #expect(plain.json?["error"]?.stringValue == "invalid_request")
            #expect(plain.json?["error_description"]?.stringValue?.contains("S256") == true)
            let otherClient = try await sim.send(.GET, Self.authorizePath(state: "s", challenge: challenge, client: "privx-external"))
            #expect(otherClient.status == 400)
            #expect(otherClient.json?["error"]?.stringValue == "unauthorized_client")
            let noState = try await sim.send(.GET, Self.authorizePath(state: "", challenge: challenge))
            #expect(noState.status == 400)
            let shortChallenge = try await sim.send(.GET, Self.authorizePath(state: "s", challenge: "abc"))
            #expect(shortChallenge.status == 400)
        }
    }

    @Test func aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() async throws {
        try await SimulatorHarness.with(Self.tls) { sim in
            let (_, challenge) = Self.pkce()
            let session = try await Self.session(sim, state: "s", challenge: challenge)
            let wrongPassword = try await Self.login(sim, "alice", "not-her-password", session: session)
            let unknownUser = try await Self.login(sim, "mallory", DemoUsers.alice.password, session: session)
            for answer in [wrongPassword, unknownUser] {
                #expect(answer.status == 401)
                #expect(answer.json?["error"]?.stringValue == "access_denied")
                #expect(answer.json?["code"] == nil)
            }
            #expect(wrongPassword.json?["error_description"] == unknownUser.json?["error_description"])
            // The session survives a wrong try, and is spent by the first success.
            #expect(try await Self.login(sim, "alice", DemoUsers.alice.password, session: session).status == 200)
            let again = try await Self.login(sim, "alice", DemoUsers.alice.password, session: session)
            #expect(again.status == 401)
            #expect(again.json?["error"]?.stringValue == "invalid_request")
            let forged = try await Self.login(sim, "alice", DemoUsers.alice.password, session: "0123")
            #expect(forged.status == 401)
        }
    }

    @Test func sessionTokensAreShortLived() async throws {
        try await SimulatorHarness.with({ Self.tls(&$0); $0.loginSessionTTL = 0.3 }) { sim in
            let (_, challenge) = Self.pkce()
            let session = try await Self.session(sim, state: "s", challenge: challenge)
            try await Task.sleep(for: .milliseconds(600))
            let late = try await Self.login(sim, "alice", DemoUsers.alice.password, session: session)
            #expect(late.status == 401)
            #expect(late.json?["error_description"]?.stringValue?.contains("expired") == true)
        }
    }

    @Test func aPKCEMismatchIsRefusedAndSpendsTheCode() async throws {
        try await SimulatorHarness.with(Self.tls) { sim in
            let (verifier, challenge) = Self.pkce()
            let session = try await Self.session(sim, state: "s", challenge: challenge)
            let code = try #require(try await Self.login(sim, "carol", DemoUsers.carol.password, session: session).json?["code"]?.stringValue)
            let wrong = try await Self.exchange(sim, code: code, verifier: Self.pkce().verifier)
            #expect(wrong.status == 400)
            #expect(wrong.json?["error"]?.stringValue == "invalid_grant")
            #expect(wrong.json?["access_token"] == nil)
            let late = try await Self.exchange(sim, code: code, verifier: verifier)
            #expect(late.status == 400, "a code is spent by its first attempt")
        }
    }

    @Test func aReplayedCodeIsRefusedAndRevokesTheTokensItGave() async throws {
        try await SimulatorHarness.with(Self.tls) { sim in
            let (verifier, challenge) = Self.pkce()
            let session = try await Self.session(sim, state: "s", challenge: challenge)
            let code = try #require(try await Self.login(sim, "alice", DemoUsers.alice.password, session: session).json?["code"]?.stringValue)
            let first = try #require(try await Self.exchange(sim, code: code, verifier: verifier).json)
            let access = try #require(first["access_token"]?.stringValue)
            #expect(try await sim.send(.GET, "\(api)/roles?limit=1", token: access).status == 200)
            let replay = try await Self.exchange(sim, code: code, verifier: verifier)
            #expect(replay.status == 400)
            #expect(replay.json?["error"]?.stringValue == "invalid_grant")
            #expect(try await sim.send(.GET, "\(api)/roles?limit=1", token: access).status == 401)
            let refresh = try #require(first["refresh_token"]?.stringValue)
            #expect(try await Self.refresh(sim, refresh).status == 400)
        }
    }

    @Test func refreshTokensRotateAndStayWithTheirClient() async throws {
        try await SimulatorHarness.with(Self.tls) { sim in
            let first = try await Self.logIn(sim, DemoUsers.carol)
            let refresh = try #require(first["refresh_token"]?.stringValue)
            let renewed = try await Self.refresh(sim, refresh)
            #expect(renewed.status == 200)
            let next = try #require(renewed.json?["refresh_token"]?.stringValue)
            #expect(next != refresh)
            let access = try #require(renewed.json?["access_token"]?.stringValue)
            #expect(try await sim.getJSON("\(api)/users/current", token: access)["principal"]?.stringValue == "carol")
            let reused = try await Self.refresh(sim, refresh)
            #expect(reused.status == 400)
            #expect(reused.json?["error"]?.stringValue == "invalid_grant")
            // A person's refresh token does not renew at the API clients' endpoint (Basic client).
            let basic = Data("\(DemoCredentials.oauthClientID):\(DemoCredentials.oauthClientSecret)".utf8).base64EncodedString()
            let crossed = try await sim.send(.POST, "/auth/api/v1/oauth/token", body: Array("grant_type=refresh_token&refresh_token=\(next)".utf8),
                                             headers: Self.form + [("Authorization", "Basic \(basic)")])
            #expect(crossed.status == 400)
        }
    }

    @Test func refreshTokensExpire() async throws {
        try await SimulatorHarness.with({ Self.tls(&$0); $0.refreshTokenTTL = 0.3 }) { sim in
            let first = try await Self.logIn(sim, DemoUsers.alice)
            try await Task.sleep(for: .milliseconds(600))
            let late = try await Self.refresh(sim, try #require(first["refresh_token"]?.stringValue))
            #expect(late.status == 400)
            #expect(late.json?["error_description"]?.stringValue?.contains("expired") == true)
        }
    }

    @Test func eachPersonGetsExactlyTheirRolesPermissions() async throws {
        try await SimulatorHarness.with(Self.tls) { sim in
            let source = try await sim.sourceID(type: "LOCAL", token: try await sim.token())
            func access(_ user: DemoUser) async throws -> String {
                try #require(try await Self.logIn(sim, user)["access_token"]?.stringValue)
            }
            let (alice, bob, carol) = (try await access(DemoUsers.alice), try await access(DemoUsers.bob), try await access(DemoUsers.carol))
            // bob: manages roles, no AWS permission.
            let awsForBob = try await sim.send(.GET, "\(api)/awsroles", token: bob)
            #expect(awsForBob.status == 403)
            #expect(awsForBob.text.contains("role-target-resources-view"))
            let created = try await sim.send(.POST, "\(api)/roles", token: bob, json: sampleRole(name: "made-by-bob", source: source))
            #expect(created.status == 201)
            let id = try #require(created.json?["id"]?.stringValue)
            let role = try await sim.getJSON("\(api)/roles/\(id)", token: bob)
            #expect(role["author"]?.stringValue == DemoUsers.bob.id)
            // carol: reads everything she needs, changes nothing.
            #expect(try await sim.send(.GET, "\(api)/awsroles", token: carol).status == 200)
            #expect(try await sim.send(.GET, "\(api)/roles/\(id)", token: carol).status == 200)
            let deleteByCarol = try await sim.send(.DELETE, "\(api)/roles/\(id)", token: carol)
            #expect(deleteByCarol.status == 403)
            #expect(deleteByCarol.text.contains("roles-manage"))
            // alice: everything.
            #expect(try await sim.send(.GET, "\(api)/awsroles", token: alice).status == 200)
            #expect(try await sim.send(.DELETE, "\(api)/roles/\(id)", token: alice).status == 200)
        }
    }
}
