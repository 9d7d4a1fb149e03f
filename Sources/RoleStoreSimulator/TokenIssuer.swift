import Foundation
import Synchronization

/// Who a valid access token acts for: an API client or a person, with the permissions the role store checks.
struct Caller: Sendable {
    /// The id recorded as `author` / `updated_by`: the API client's id or the user's id.
    let authorID: String
    /// The effective permissions (an API client's grant, or the union of a person's roles).
    let permissions: [String]
    /// The person, when the token came from the authorization-code login.
    let user: DemoUser?
    /// The API client, when the token came from the password grant.
    let client: DemoCredential?

    static func apiClient(_ credential: DemoCredential) -> Caller {
        Caller(authorID: credential.apiClientID, permissions: credential.permissions, user: nil, client: credential)
    }

    static func person(_ user: DemoUser) -> Caller {
        Caller(authorID: user.id, permissions: user.permissions, user: user, client: nil)
    }
}

/// Issues and checks bearer tokens for the demo API clients and persons; access tokens expire after the TTL,
/// refresh tokens are single use (each renewal hands out a new one) and expire after their own TTL.
final class TokenIssuer: Sendable {
    struct Grant: Sendable {
        let caller: Caller
        let expires: Date
    }

    /// A refresh token's holder; `publicClient` says it came from the `privx-ui` login and renews only there.
    struct RefreshGrant: Sendable {
        let caller: Caller
        let publicClient: Bool
        let expires: Date
    }

    private let ttl: Double
    private let refreshTTL: Double
    private let tokens = Mutex<[String: Grant]>([:])
    private let refreshTokens = Mutex<[String: RefreshGrant]>([:])
    /// Every access and refresh token ever issued, so tests can search their output for them.
    private let history = Mutex<[String]>([])

    /// Every token issued so far (access and refresh), expired ones included.
    var issuedTokens: [String] { history.withLock { $0 } }

    init(ttl: Double, refreshTTL: Double) {
        self.ttl = ttl
        self.refreshTTL = refreshTTL
    }

    enum Check: Sendable { case valid(Caller), missing, expired }

    /// The caller behind an `Authorization` header value.
    func check(authorization: String?) -> Check {
        guard let header = authorization else { return .missing }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else { return .missing }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        let now = Date()
        return tokens.withLock { table -> Check in
            guard let grant = table[token] else { return .expired }
            if grant.expires <= now {
                table[token] = nil
                return .expired
            }
            return .valid(grant.caller)
        }
    }

    /// Handles the API clients' token request (Basic header + password or refresh grant); answers the token JSON
    /// or an OAuth error.
    func issue(authorization: String?, form: [String: String]) throws(OAuthError) -> SimulatorJSON {
        guard let basic = authorization, basic.lowercased().hasPrefix("basic "),
              let decoded = Data(base64Encoded: String(basic.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":") else {
            throw OAuthError(status: 401, error: "invalid_client",
                             description: "send the OAuth client id and secret as HTTP Basic authorization")
        }
        let clientID = String(pair[..<colon])
        let clientSecret = String(pair[pair.index(after: colon)...])
        guard clientID == DemoCredentials.oauthClientID, clientSecret == DemoCredentials.oauthClientSecret else {
            throw OAuthError(status: 401, error: "invalid_client", description: "the OAuth client id or secret is wrong")
        }
        switch form["grant_type"] {
        case "password"?:
            guard let username = form["username"], let password = form["password"],
                  let match = DemoCredentials.all.first(where: { $0.apiClientID == username && $0.apiClientSecret == password }) else {
                throw OAuthError(status: 401, error: "invalid_grant", description: "the API client id or secret is wrong")
            }
            return grant(.apiClient(match), publicClient: false)
        case "refresh_token"?:
            return try refresh(form["refresh_token"], publicClient: false)
        case nil:
            throw OAuthError(status: 400, error: "invalid_request", description: "grant_type is missing; use grant_type=password")
        case let other?:
            throw OAuthError(status: 400, error: "unsupported_grant_type", description: "grant_type \(other) is not supported; use password")
        }
    }

    /// Renews with a refresh token, which is used up: the answer carries a new one (rotation), and the old one is
    /// refused from then on. A token from one kind of client does not renew at the other.
    func refresh(_ token: String?, publicClient: Bool) throws(OAuthError) -> SimulatorJSON {
        let now = Date()
        guard let token, let held = refreshTokens.withLock({ $0.removeValue(forKey: token) }) else {
            throw OAuthError(status: 400, error: "invalid_grant", description: "the refresh token is unknown or already used; log in again")
        }
        guard held.expires > now else {
            throw OAuthError(status: 400, error: "invalid_grant", description: "the refresh token has expired; log in again")
        }
        guard held.publicClient == publicClient else {
            throw OAuthError(status: 400, error: "invalid_grant", description: "the refresh token was issued to another client")
        }
        return grant(held.caller, publicClient: publicClient)
    }

    /// A new access token and refresh token for `caller`.
    func grant(_ caller: Caller, publicClient: Bool) -> SimulatorJSON {
        let access = Self.randomToken()
        let refresh = Self.randomToken()
        let now = Date()
        tokens.withLock { $0[access] = Grant(caller: caller, expires: now.addingTimeInterval(ttl)) }
        refreshTokens.withLock {
            $0[refresh] = RefreshGrant(caller: caller, publicClient: publicClient, expires: now.addingTimeInterval(refreshTTL))
        }
        history.withLock { $0 += [access, refresh] }
        return ["access_token": .string(access), "token_type": "bearer", "expires_in": .int(Int(ttl.rounded())),
                "refresh_token": .string(refresh), "scope": .string(caller.permissions.joined(separator: " "))]
    }

    /// Withdraws tokens (a replayed authorization code revokes what it was exchanged for, RFC 6749 §4.1.2).
    func revoke(_ values: [String]) {
        tokens.withLock { table in for value in values { table[value] = nil } }
        refreshTokens.withLock { table in for value in values { table[value] = nil } }
    }

    /// 32 random bytes in hex: session tokens, codes, access and refresh tokens.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next(), radix: 16).leftPadded(16) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
