import Crypto
import Foundation
import NIOHTTP1

/// The access and refresh token of one login or renewal.
struct UserTokenGrant: Sendable {
    var accessToken: String
    var refreshToken: String?
    var expiresIn: Double
}

/// The wire steps of PrivX's login for persons, as the official Go SDK sends them (`SSHcom/privx-sdk-go` @
/// 0652e857594638b6c2bdcee42da784889d29b193, `oauth/authcode.go` with `oauth/types.go` and `pkce/pkce.go`):
/// authorize (307, session `token` in `Location`, redirects not followed), login (`{code, state}`, the state must
/// match), token (`authorization_code` + PKCE verifier), and renewal (`refresh_token`). The public client is
/// `privx-ui` with redirect `/privx/oauth-callback` and no client secret. Nothing here is stored or logged.
struct UserLogin: Sendable {
    static let clientID = "privx-ui"
    static let redirectURI = "/privx/oauth-callback"
    static let authorizePath = "/auth/api/v1/oauth/authorize"
    static let loginPath = "/auth/api/v1/login"

    let transport: HTTPTransport

    /// The whole login: a fresh PKCE verifier and state per attempt, as `grantAuthorizationCode` makes them.
    func logIn(user: String, password: String) async throws(PrivXError) -> UserTokenGrant {
        let verifier = Self.randomURLSafe()
        let state = Self.randomURLSafe()
        let session = try await authorize(state: state, challenge: Self.challenge(of: verifier), user: user)
        let code = try await submit(user: user, password: password, session: session, expectedState: state)
        return try await exchange(code: code, verifier: verifier, user: user)
    }

    /// Step 1: `GET /auth/api/v1/oauth/authorize` → the session token from the redirect's `Location`.
    func authorize(state: String, challenge: String, user: String) async throws(PrivXError) -> String {
        let query = PrivXClient.queryString([
            ("client_id", Self.clientID), ("redirect_uri", Self.redirectURI), ("response_type", "code"), ("state", state),
            ("code_challenge", challenge), ("code_challenge_method", "S256"), ("user_agent", "privx-roles"),
        ])
        let response = try await transport.send(TransportRequest(method: .GET, path: Self.authorizePath + query))
        guard (300..<400).contains(response.status) else {
            throw .loginRefused(user: user, status: response.status, body: ServerErrorBody(bytes: response.body))
        }
        guard let location = response.headers.first(name: "Location"),
              let token = URLComponents(string: location)?.queryItems?.first(where: { $0.name == "token" })?.value,
              !token.isEmpty else {
            throw .invalidResponse(method: "GET", path: Self.authorizePath,
                                   detail: "the redirect carries no session token in its Location")
        }
        return token
    }

    /// Step 2: `POST /auth/api/v1/login` with the name, password and session token → the code. A state other than
    /// ours means the answer belongs to another login (Go SDK: "invalid response state") and is refused.
    func submit(user: String, password: String, session: String, expectedState: String) async throws(PrivXError) -> String {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Accept", value: "application/json")
        let body = JSONValue.object(JSONObject(["username": .string(user), "password": .string(password), "token": .string(session)]))
        let response = try await transport.send(TransportRequest(method: .POST, path: Self.loginPath, headers: headers,
                                                                   body: JSONSerializer.bytes(body)))
        guard (200..<300).contains(response.status) else {
            throw .loginRefused(user: user, status: response.status, body: ServerErrorBody(bytes: response.body))
        }
        guard let object = (try? JSONParser.parse(response.body))?.objectValue,
              let code = object["code"]?.stringValue, !code.isEmpty else {
            throw .invalidResponse(method: "POST", path: Self.loginPath, detail: "no code in the login answer")
        }
        guard object["state"]?.stringValue == expectedState else {
            throw .invalidResponse(method: "POST", path: Self.loginPath,
                                   detail: "the login answer's state is not the one this login sent, so it was not used")
        }
        return code
    }

    /// Step 3: the code and PKCE verifier for tokens.
    func exchange(code: String, verifier: String, user: String) async throws(PrivXError) -> UserTokenGrant {
        try await tokenRequest(user: user, [("grant_type", "authorization_code"), ("client_id", Self.clientID),
                                ("redirect_uri", Self.redirectURI), ("code", code), ("code_verifier", verifier)])
    }

    /// Step 4: renewal; the answer's refresh token replaces the one sent (servers may rotate them).
    func refresh(_ refreshToken: String, user: String) async throws(PrivXError) -> UserTokenGrant {
        try await tokenRequest(user: user, [("grant_type", "refresh_token"), ("client_id", Self.clientID),
                                ("redirect_uri", Self.redirectURI), ("refresh_token", refreshToken)])
    }

    private func tokenRequest(user: String, _ fields: [(String, String)]) async throws(PrivXError) -> UserTokenGrant {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        headers.add(name: "Accept", value: "application/json")
        let form = fields.map { "\($0.0)=\(TokenProvider.formEncode($0.1))" }.joined(separator: "&")
        let response = try await transport.send(TransportRequest(method: .POST, path: TokenProvider.tokenPath, headers: headers,
                                                                   body: Array(form.utf8)))
        guard (200..<300).contains(response.status) else {
            throw .loginRefused(user: user, status: response.status, body: ServerErrorBody(bytes: response.body))
        }
        guard let object = (try? JSONParser.parse(response.body))?.objectValue,
              let token = object["access_token"]?.stringValue, !token.isEmpty else {
            throw .invalidResponse(method: "POST", path: TokenProvider.tokenPath, detail: "no access_token in the token answer")
        }
        let refresh = object["refresh_token"]?.stringValue
        return UserTokenGrant(accessToken: token, refreshToken: refresh?.isEmpty == false ? refresh : nil,
                              expiresIn: Double(object["expires_in"]?.intValue ?? 300))
    }

    /// 32 random bytes, base64url without padding: the Go SDK's `pkce.NewCodeVerifier` and `random` (RFC 7636 §4.1).
    static func randomURLSafe() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return base64URL(Data(bytes))
    }

    /// RFC 7636 §4.2 S256: BASE64URL(SHA256(verifier)), the Go SDK's `ChallengeS256`.
    static func challenge(of verifier: String) -> String {
        base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
