import Foundation
import NIOHTTP1

/// Holds the access token: fetched with the API client's password grant or a person's login, cached, renewed
/// shortly before expiry, and fetched once for any number of concurrent callers (single flight). A person's
/// session is renewed with its refresh token; when that fails, the `PasswordProvider` is asked again.
/// Tokens live in this actor's memory only.
actor TokenProvider {
    private struct AccessToken: Sendable {
        var value: String
        var renewAt: ContinuousClock.Instant
        /// A person's refresh token (single use on servers that rotate them).
        var refreshToken: String?
    }

    static let tokenPath = "/auth/api/v1/oauth/token"
    /// Wrong passwords accepted from the provider in one login before giving up, as `sudo` does.
    static let passwordAttempts = 3
    private let credentials: Credentials
    private let transport: HTTPTransport
    private let passwordProvider: PasswordProvider?
    private var current: AccessToken?
    /// Kept after the access token expires or is rejected, to renew without the password.
    private var refreshToken: String?
    private var pending: Task<AccessToken, any Error>?
    /// Token requests sent so far (tests check single flight with it).
    private(set) var requestsSent = 0

    init(credentials: Credentials, transport: HTTPTransport, passwordProvider: PasswordProvider? = nil) {
        self.credentials = credentials
        self.transport = transport
        self.passwordProvider = passwordProvider
    }

    /// True when a rejected token can be replaced by logging in again.
    nonisolated var canRenew: Bool {
        switch credentials {
        case .apiClient, .user: return true
        case .bearerToken: return false
        }
    }

    /// A valid token, from the cache or from one shared login.
    func token() async throws(PrivXError) -> String {
        if case .bearerToken(let token) = credentials { return token }
        if let current, ContinuousClock.now < current.renewAt { return current.value }
        return try await shared { try await self.login() }
    }

    /// Logs a person in with `password` now (after `PrivXError.loginRequired`, or to check a password up front);
    /// the next requests use the new session. A login or renewal already under way is joined instead.
    func logIn(password: String) async throws(PrivXError) {
        guard case .user(let name) = credentials else {
            throw .invalidRequest("Only a client configured for a user (--user) logs in with a password.")
        }
        _ = try await shared { try await self.userLogin(name, password: password) }
    }

    /// Drops `token` so the next call logs in again (after a 401).
    func invalidate(_ token: String) {
        if current?.value == token { current = nil }
    }

    /// Puts a known token in the cache (tests use it to simulate a token the server revoked).
    func install(token: String, lifetime: Double) {
        current = AccessToken(value: token, renewAt: .now + .milliseconds(Int64(lifetime * 1000)))
    }

    private func shared(_ work: @escaping @Sendable () async throws -> AccessToken) async throws(PrivXError) -> String {
        let task: Task<AccessToken, any Error>
        if let pending {
            task = pending
        } else {
            task = Task { try await work() }
            pending = task
        }
        do {
            let token = try await task.value
            if pending == task { pending = nil }
            current = token
            refreshToken = token.refreshToken
            return token.value
        } catch {
            if pending == task { pending = nil }
            throw (error as? PrivXError) ?? .invalidRequest("Login failed: \(error)")
        }
    }

    private func login() async throws -> AccessToken {
        switch credentials {
        case .apiClient(let oauthID, let oauthSecret, let apiID, let apiSecret):
            return try await clientLogin(oauthID: oauthID, oauthSecret: oauthSecret, apiID: apiID, apiSecret: apiSecret)
        case .user(let name):
            return try await renewOrAsk(name)
        case .bearerToken:
            throw PrivXError.invalidRequest("A bearer token cannot be renewed; get a new one and set PRIVX_API_BEARER_TOKEN.")
        }
    }

    /// Renews with the refresh token; if the server refuses it (expired, used, revoked), asks for the password.
    /// A network failure is reported as such: it is no reason to ask for a password.
    private func renewOrAsk(_ name: String) async throws -> AccessToken {
        var reason = PasswordRequestReason.firstLogin
        if let refresh = refreshToken {
            refreshToken = nil
            requestsSent += 1
            let started = ContinuousClock.now
            switch await renewal(refresh, user: name) {
            case .success(let grant):
                return Self.accessToken(grant, started: started)
            case .failure(let error) where error.isNetworkFailure:
                refreshToken = refresh
                throw error
            case .failure:
                reason = .sessionExpired
            }
        }
        guard let passwordProvider else {
            throw PrivXError.loginRequired(user: name, reason: reason == .sessionExpired
                ? "the session ended: the server refused to renew it" : "not logged in yet")
        }
        var attempt = 1
        var refused: PrivXError?
        while true {
            guard let password = await passwordProvider(PasswordRequest(user: name, reason: reason)) else {
                // Declining after a wrong password reports the refusal, which says what to check.
                if let refused { throw refused }
                throw PrivXError.loginRequired(user: name, reason: reason == .sessionExpired
                    ? "the session ended: the server refused to renew it" : "the login was cancelled")
            }
            switch await login(name, password: password) {
            case .success(let token):
                return token
            case .failure(let error):
                guard case .loginRefused(_, 401, _) = error, attempt < Self.passwordAttempts else { throw error }
                refused = error
                attempt += 1
                reason = .wrongPassword(attempt: attempt)
            }
        }
    }

    private func renewal(_ refresh: String, user: String) async -> Result<UserTokenGrant, PrivXError> {
        do {
            return .success(try await UserLogin(transport: transport).refresh(refresh, user: user))
        } catch {
            return .failure(error)
        }
    }

    private func login(_ name: String, password: String) async -> Result<AccessToken, PrivXError> {
        do {
            return .success(try await userLogin(name, password: password))
        } catch {
            return .failure(error)
        }
    }

    private func userLogin(_ name: String, password: String) async throws(PrivXError) -> AccessToken {
        requestsSent += 1
        let started = ContinuousClock.now
        return Self.accessToken(try await UserLogin(transport: transport).logIn(user: name, password: password), started: started)
    }

    private static func accessToken(_ grant: UserTokenGrant, started: ContinuousClock.Instant) -> AccessToken {
        AccessToken(value: grant.accessToken, renewAt: renewAt(started: started, lifetime: grant.expiresIn),
                    refreshToken: grant.refreshToken)
    }

    /// Renew a little before the server's expiry: 30 s, or a quarter of a short lifetime.
    private static func renewAt(started: ContinuousClock.Instant, lifetime: Double) -> ContinuousClock.Instant {
        let margin = min(30, lifetime / 4)
        return started + .milliseconds(Int64((lifetime - margin) * 1000))
    }

    private func clientLogin(oauthID: String, oauthSecret: String, apiID: String, apiSecret: String) async throws -> AccessToken {
        requestsSent += 1
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Basic " + Data("\(oauthID):\(oauthSecret)".utf8).base64EncodedString())
        headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        headers.add(name: "Accept", value: "application/json")
        let form = "grant_type=password&username=\(Self.formEncode(apiID))&password=\(Self.formEncode(apiSecret))"
        let started = ContinuousClock.now
        let response = try await transport.send(TransportRequest(method: .POST, path: Self.tokenPath, headers: headers,
                                                                   body: Array(form.utf8)))
        guard (200..<300).contains(response.status) else {
            throw PrivXError.authentication(status: response.status, body: ServerErrorBody(bytes: response.body))
        }
        guard let object = (try? JSONParser.parse(response.body))?.objectValue,
              let token = object["access_token"]?.stringValue, !token.isEmpty else {
            throw PrivXError.invalidResponse(method: "POST", path: Self.tokenPath, detail: "no access_token in the login answer")
        }
        return AccessToken(value: token, renewAt: Self.renewAt(started: started, lifetime: Double(object["expires_in"]?.intValue ?? 300)))
    }

    /// `application/x-www-form-urlencoded` value encoding.
    static func formEncode(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._*")
        return (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value).replacingOccurrences(of: "%20", with: "+")
    }
}
