import AsyncHTTPClient
import Foundation
import RoleStoreSimulator
import Testing

@Suite("Auth: token endpoint, 401 and 403")
struct AuthTests {
    let api = SimulatorHarness.api

    @Test func tokenAnswerHasTheContractShape() async throws {
        try await SimulatorHarness.with { sim in
            let answer = try await sim.tokenAnswer(DemoCredentials.viewer)
            #expect(answer.status == 200)
            let json = try #require(answer.json)
            #expect(json["access_token"]?.stringValue?.isEmpty == false)
            #expect(json["token_type"]?.stringValue == "bearer")
            #expect(json["expires_in"]?.intValue == 300)
            #expect(json["refresh_token"]?.stringValue?.isEmpty == false)
            #expect(json["scope"]?.stringValue?.contains("roles-view") == true)
        }
    }

    @Test func wrongCredentialsGetOAuthErrors() async throws {
        try await SimulatorHarness.with { sim in
            let badClient = try await sim.tokenAnswer(DemoCredentials.admin, oauthSecret: "nope")
            #expect(badClient.status == 401)
            #expect(badClient.json?["error"]?.stringValue == "invalid_client")
            #expect(badClient.json?["error_description"]?.stringValue?.isEmpty == false)
            let badGrant = try await sim.tokenAnswer(DemoCredentials.admin, apiSecret: "nope")
            #expect(badGrant.status == 401)
            #expect(badGrant.json?["error"]?.stringValue == "invalid_grant")
            let noBasic = try await sim.send(.POST, "/auth/api/v1/oauth/token", body: Array("grant_type=password".utf8),
                                             headers: [("Content-Type", "application/x-www-form-urlencoded")])
            #expect(noBasic.status == 401)
            #expect(noBasic.json?["error"]?.stringValue == "invalid_client")
        }
    }

    @Test func refreshTokenGrantIssuesANewToken() async throws {
        try await SimulatorHarness.with { sim in
            let first = try #require(try await sim.tokenAnswer(DemoCredentials.viewer).json)
            let refresh = try #require(first["refresh_token"]?.stringValue)
            let basic = Data("\(DemoCredentials.oauthClientID):\(DemoCredentials.oauthClientSecret)".utf8).base64EncodedString()
            let answer = try await sim.send(.POST, "/auth/api/v1/oauth/token", body: Array("grant_type=refresh_token&refresh_token=\(refresh)".utf8),
                                            headers: [("Authorization", "Basic \(basic)"), ("Content-Type", "application/x-www-form-urlencoded")])
            #expect(answer.status == 200)
            let token = try #require(answer.json?["access_token"]?.stringValue)
            #expect(try await sim.send(.GET, "\(api)/roles", token: token).status == 200)
        }
    }

    @Test(arguments: [
        ("GET", "/role-store/api/v1/roles"), ("POST", "/role-store/api/v1/roles"), ("GET", "/role-store/api/v1/roles/x"),
        ("PUT", "/role-store/api/v1/roles/x"), ("DELETE", "/role-store/api/v1/roles/x"),
        ("POST", "/role-store/api/v1/roles/resolve"), ("POST", "/role-store/api/v1/roles/search"),
        ("POST", "/role-store/api/v1/roles/evaluate"), ("GET", "/role-store/api/v1/roles/x/members"),
        ("GET", "/role-store/api/v1/sources"), ("GET", "/role-store/api/v1/awsroles"),
        ("GET", "/role-store/api/v1/awsroles/x"), ("DELETE", "/role-store/api/v1/awsroles/x"),
        ("GET", "/role-store/api/v1/awsroles/x/roles"), ("PUT", "/role-store/api/v1/awsroles/x/roles"),
    ])
    func everyEndpointRejectsMissingAndMalformedTokens(method: String, path: String) async throws {
        try await SimulatorHarness.with { sim in
            let httpMethod = try #require(Verb(rawValue: method))
            let body: [UInt8]? = method == "GET" || method == "DELETE" ? nil : Array("{}".utf8)
            let missing = try await sim.send(httpMethod, path, body: body)
            #expect(missing.status == 401, "\(method) \(path) without a token")
            #expect(missing.json?["error_code"]?.stringValue == "UNAUTHORIZED")
            let malformed = try await sim.send(httpMethod, path, body: body, headers: [("Authorization", "Token abc")])
            #expect(malformed.status == 401)
            let unknown = try await sim.send(httpMethod, path, token: "not-a-real-token", body: body)
            #expect(unknown.status == 401)
        }
    }

    @Test func expiredTokenIsRejected() async throws {
        try await SimulatorHarness.with({ $0.tokenTTL = 0.2 }) { sim in
            let answer = try await sim.tokenAnswer(DemoCredentials.admin)
            let token = try #require(answer.json?["access_token"]?.stringValue)
            try await Task.sleep(for: .milliseconds(400))
            let rejected = try await sim.send(.GET, "\(api)/roles", token: token)
            #expect(rejected.status == 401)
            #expect(rejected.json?["error_message"]?.stringValue?.contains("expired") == true)
        }
    }

    @Test func viewerGets403NamingThePermission() async throws {
        try await SimulatorHarness.with { sim in
            let viewer = try await sim.token(DemoCredentials.viewer)
            let source = try await sim.sourceID(type: "LOCAL", token: viewer)
            let create = try await sim.send(.POST, "\(api)/roles", token: viewer, json: sampleRole(name: "x", source: source))
            #expect(create.status == 403)
            #expect(create.json?["error_code"]?.stringValue == "PERMISSION_DENIED")
            #expect(create.json?["error_message"]?.stringValue?.contains("roles-manage") == true)
            let evaluate = try await sim.send(.POST, "\(api)/roles/evaluate", token: viewer, json: sampleRole(name: "x", source: source))
            #expect(evaluate.status == 403)
            let aws = try await sim.getJSON("\(api)/awsroles", token: viewer)
            let awsID = try #require(aws["items"]?.arrayValue?.first?["id"]?.stringValue)
            let put = try await sim.send(.PUT, "\(api)/awsroles/\(awsID)/roles", token: viewer, json: [])
            #expect(put.status == 403)
            #expect(put.json?["error_message"]?.stringValue?.contains("role-target-resources-manage") == true)
            #expect(try await sim.send(.GET, "\(api)/roles", token: viewer).status == 200)
            #expect(try await sim.send(.GET, "\(api)/sources", token: viewer).status == 200)
        }
    }

    @Test func mapperMayMapAWSRolesButNotEditRoles() async throws {
        try await SimulatorHarness.with { sim in
            let mapper = try await sim.token(DemoCredentials.mapper)
            let aws = try await sim.getJSON("\(api)/awsroles", token: mapper)
            let awsID = try #require(aws["items"]?.arrayValue?.first?["id"]?.stringValue)
            #expect(try await sim.send(.PUT, "\(api)/awsroles/\(awsID)/roles", token: mapper, json: []).status == 200)
            let roleID = try await sim.roleID("db-readonly", token: mapper)
            #expect(try await sim.send(.DELETE, "\(api)/roles/\(roleID)", token: mapper).status == 403)
        }
    }

    @Test func statusNeedsNoToken() async throws {
        try await SimulatorHarness.with { sim in
            let answer = try await sim.send(.GET, "\(api)/status")
            #expect(answer.status == 200)
            #expect(answer.json?["status"]?.stringValue == "ok")
            #expect(answer.json?["api_version"]?.stringValue == "v1")
        }
    }

    @Test func requestLogHasOneLinePerRequestAndNoSecrets() async throws {
        let directory = try temporaryDirectory()
        let logPath = directory.appendingPathComponent("requests.log").path
        let token = try await SimulatorHarness.with({ $0.logFile = logPath }) { sim in
            let token = try await sim.token()
            _ = try await sim.send(.GET, "\(api)/roles?limit=5", token: token)
            _ = try await sim.send(.GET, "\(api)/roles/nope", token: token)
            return token
        }
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        let requestLines = log.split(separator: "\n").filter { $0.contains(" POST ") || $0.contains(" GET ") }
        #expect(requestLines.count == 3)
        #expect(requestLines.contains { $0.contains("GET /role-store/api/v1/roles 200") && $0.contains("ms") })
        #expect(requestLines.contains { $0.contains("GET /role-store/api/v1/roles/nope 404") })
        #expect(!log.contains(token))
        #expect(!log.contains(DemoCredentials.admin.apiClientSecret))
        #expect(!log.contains(DemoCredentials.oauthClientSecret))
    }
}
