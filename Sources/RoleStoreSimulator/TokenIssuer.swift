import Foundation
import Synchronization

/// Issues and checks bearer tokens for the demo API clients; tokens expire after the TTL.
final class TokenIssuer: Sendable {
    struct Grant: Sendable {
        let credential: DemoCredential
        let expires: Date
    }

    private let ttl: Double
    private let tokens = Mutex<[String: Grant]>([:])
    private let refreshTokens = Mutex<[String: DemoCredential]>([:])
    /// Every access and refresh token ever issued, so tests can search their output for them.
    private let history = Mutex<[String]>([])

    /// Every token issued so far (access and refresh), expired ones included.
    var issuedTokens: [String] { history.withLock { $0 } }

    init(ttl: Double) { self.ttl = ttl }

    enum Check: Sendable { case valid(DemoCredential), missing, expired }

    /// The credential behind an `Authorization` header value.
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
            return .valid(grant.credential)
        }
    }

    /// Handles the OAuth token request body and Basic header; answers the token JSON or an OAuth error.
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
        let credential: DemoCredential
        switch form["grant_type"] {
        case "password"?:
            guard let username = form["username"], let password = form["password"],
                  let match = DemoCredentials.all.first(where: { $0.apiClientID == username && $0.apiClientSecret == password }) else {
                throw OAuthError(status: 401, error: "invalid_grant", description: "the API client id or secret is wrong")
            }
            credential = match
        case "refresh_token"?:
            guard let refresh = form["refresh_token"],
                  let match = refreshTokens.withLock({ $0.removeValue(forKey: refresh) }) else {
                throw OAuthError(status: 401, error: "invalid_grant", description: "the refresh token is unknown or already used")
            }
            credential = match
        case nil:
            throw OAuthError(status: 400, error: "invalid_request", description: "grant_type is missing; use grant_type=password")
        case let other?:
            throw OAuthError(status: 400, error: "unsupported_grant_type", description: "grant_type \(other) is not supported; use password")
        }
        let access = Self.randomToken()
        let refresh = Self.randomToken()
        tokens.withLock { $0[access] = Grant(credential: credential, expires: Date().addingTimeInterval(ttl)) }
        refreshTokens.withLock { $0[refresh] = credential }
        history.withLock { $0 += [access, refresh] }
        return ["access_token": .string(access), "token_type": "bearer", "expires_in": .int(Int(ttl.rounded())),
                "refresh_token": .string(refresh), "scope": .string(credential.permissions.joined(separator: " "))]
    }

    private static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next(), radix: 16).leftPadded(16) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
