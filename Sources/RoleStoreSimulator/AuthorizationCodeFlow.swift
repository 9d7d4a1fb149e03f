import Crypto
import Foundation
import Synchronization

/// PrivX's login for persons, as the official Go SDK drives it (`SSHcom/privx-sdk-go` @
/// 0652e857594638b6c2bdcee42da784889d29b193, `oauth/authcode.go`, `oauth/types.go`, `pkce/pkce.go`):
/// 1. `GET /auth/api/v1/oauth/authorize` with the `privx-ui` client, a state and an S256 PKCE challenge answers
///    307 whose `Location` carries a short-lived session `token`;
/// 2. `POST /auth/api/v1/login` `{username, password, token}` answers `{code, state}`;
/// 3. `POST /auth/api/v1/oauth/token` `grant_type=authorization_code` with the code and the PKCE verifier answers
///    the access and refresh tokens; 4. `grant_type=refresh_token` renews them (see `TokenIssuer.refresh`).
/// Codes are single use (RFC 6749 §4.1.2; a replay also revokes what the code was exchanged for) and PKCE is
/// checked as RFC 7636 §4.6 says. Error bodies are OAuth's `{error, error_description}` (RFC 6749 §5.2).
final class AuthorizationCodeFlow: Sendable {
    /// The public OAuth client the PrivX UI and the Go SDK use for this flow, and its redirect.
    static let clientID = "privx-ui"
    static let redirectURI = "/privx/oauth-callback"
    /// RFC 6749 §4.1.2 recommends codes live at most ten minutes; a minute is plenty for a program.
    static let codeTTL: Double = 60

    private struct Session: Sendable {
        let state: String
        let challenge: String
        let expires: Date
    }

    private struct Code: Sendable {
        let user: DemoUser
        let challenge: String
        let expires: Date
        var used = false
        /// Tokens handed out for this code, revoked if the code is replayed.
        var issued: [String] = []
    }

    private let sessionTTL: Double
    private let tokens: TokenIssuer
    private let sessions = Mutex<[String: Session]>([:])
    private let codes = Mutex<[String: Code]>([:])

    init(sessionTTL: Double, tokens: TokenIssuer) {
        self.sessionTTL = sessionTTL
        self.tokens = tokens
    }

    /// Step 1: checks the request and answers the `Location` to redirect to, with the new session token in it.
    func authorize(query: [String: String]) throws(OAuthError) -> String {
        guard query["client_id"] == Self.clientID else {
            throw OAuthError(status: 400, error: "unauthorized_client", description: "client_id must be \(Self.clientID) for the login of a person")
        }
        guard query["redirect_uri"] == Self.redirectURI else {
            throw OAuthError(status: 400, error: "invalid_request", description: "redirect_uri must be \(Self.redirectURI)")
        }
        guard query["response_type"] == "code" else {
            throw OAuthError(status: 400, error: "unsupported_response_type", description: "response_type must be code")
        }
        guard let state = query["state"], !state.isEmpty else {
            throw OAuthError(status: 400, error: "invalid_request", description: "state is missing")
        }
        // RFC 7636 §4.2: the S256 challenge is 43 base64url characters.
        guard query["code_challenge_method"] == "S256" else {
            throw OAuthError(status: 400, error: "invalid_request", description: "code_challenge_method must be S256")
        }
        guard let challenge = query["code_challenge"], challenge.count == 43,
              challenge.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw OAuthError(status: 400, error: "invalid_request", description: "code_challenge must be the base64url SHA-256 of a PKCE verifier")
        }
        let token = TokenIssuer.randomToken()
        let now = Date()
        sessions.withLock { table in
            table = table.filter { $0.value.expires > now }
            table[token] = Session(state: state, challenge: challenge, expires: now.addingTimeInterval(sessionTTL))
        }
        return "/privx/login?token=\(token)"
    }

    /// Step 2: a person's name and password against a live session; answers the code and the session's state.
    /// A wrong password leaves the session open for another try until it expires; a success closes it.
    func login(body: [UInt8]) throws(OAuthError) -> SimulatorJSON {
        guard let object = try? SimulatorJSON.parse(body).objectValue,
              case .string(let username)? = object["username"], case .string(let password)? = object["password"],
              case .string(let token)? = object["token"] else {
            throw OAuthError(status: 400, error: "invalid_request",
                             description: "send a JSON object with the strings username, password and token")
        }
        let now = Date()
        guard let session = sessions.withLock({ $0[token] }), session.expires > now else {
            throw OAuthError(status: 401, error: "invalid_request",
                             description: "the login session is unknown or has expired; start again at /auth/api/v1/oauth/authorize")
        }
        guard let user = DemoUsers.all.first(where: { $0.name == username && $0.password == password }) else {
            throw OAuthError(status: 401, error: "access_denied", description: "the user name or password is wrong")
        }
        guard sessions.withLock({ $0.removeValue(forKey: token) }) != nil else {
            throw OAuthError(status: 401, error: "invalid_request", description: "the login session was already used; start again")
        }
        let code = TokenIssuer.randomToken()
        codes.withLock { table in
            table = table.filter { $0.value.expires > now || $0.value.used }
            table[code] = Code(user: user, challenge: session.challenge, expires: now.addingTimeInterval(Self.codeTTL))
        }
        return ["code": .string(code), "state": .string(session.state)]
    }

    /// Step 3: the code and the PKCE verifier for tokens. The code is spent by the first attempt, right or wrong.
    func exchange(form: [String: String]) throws(OAuthError) -> SimulatorJSON {
        guard form["redirect_uri"] == Self.redirectURI else {
            throw OAuthError(status: 400, error: "invalid_grant", description: "redirect_uri does not match the authorization request")
        }
        guard let value = form["code"], !value.isEmpty, let verifier = form["code_verifier"], !verifier.isEmpty else {
            throw OAuthError(status: 400, error: "invalid_request", description: "code and code_verifier are required")
        }
        let now = Date()
        enum Outcome { case unknown, replayed([String]), expired, fresh(Code) }
        let outcome: Outcome = codes.withLock { table in
            guard var code = table[value] else { return .unknown }
            if code.used {
                table[value] = nil
                return .replayed(code.issued)
            }
            code.used = true
            table[value] = code
            return code.expires > now ? .fresh(code) : .expired
        }
        let code: Code
        switch outcome {
        case .unknown:
            throw OAuthError(status: 400, error: "invalid_grant", description: "the authorization code is unknown")
        case .replayed(let issued):
            tokens.revoke(issued)
            throw OAuthError(status: 400, error: "invalid_grant",
                             description: "the authorization code was already used; the tokens it gave are revoked")
        case .expired:
            throw OAuthError(status: 400, error: "invalid_grant", description: "the authorization code has expired")
        case .fresh(let fresh):
            code = fresh
        }
        guard Self.challenge(of: verifier) == code.challenge else {
            throw OAuthError(status: 400, error: "invalid_grant", description: "code_verifier does not match the code_challenge")
        }
        let answer = tokens.grant(.person(code.user), publicClient: true)
        let issued = [answer["access_token"]?.stringValue, answer["refresh_token"]?.stringValue].compactMap { $0 }
        codes.withLock { table in table[value]?.issued = issued }
        return answer
    }

    /// The token endpoint for the public `privx-ui` client: the code exchange or a renewal (no client secret).
    func token(form: [String: String]) throws(OAuthError) -> SimulatorJSON {
        switch form["grant_type"] {
        case "authorization_code"?: return try exchange(form: form)
        case "refresh_token"?: return try tokens.refresh(form["refresh_token"], publicClient: true)
        default:
            throw OAuthError(status: 400, error: "unsupported_grant_type",
                             description: "the \(Self.clientID) client uses grant_type authorization_code or refresh_token")
        }
    }

    /// RFC 7636 §4.2 S256: BASE64URL(SHA256(ASCII(code_verifier))) without padding.
    static func challenge(of verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
