import Foundation
import NIOHTTP1

/// Holds the access token: fetched with the password grant, cached, renewed shortly before expiry,
/// and fetched once for any number of concurrent callers (single flight).
actor TokenProvider {
    private struct AccessToken: Sendable {
        var value: String
        var renewAt: ContinuousClock.Instant
    }

    static let tokenPath = "/auth/api/v1/oauth/token"
    private let credentials: Credentials
    private let transport: HTTPTransport
    private var current: AccessToken?
    private var pending: Task<AccessToken, any Error>?
    /// Token requests sent so far (tests check single flight with it).
    private(set) var requestsSent = 0

    init(credentials: Credentials, transport: HTTPTransport) {
        self.credentials = credentials
        self.transport = transport
    }

    /// True when a rejected token can be replaced by logging in again.
    nonisolated var canRenew: Bool {
        if case .apiClient = credentials { return true }
        return false
    }

    /// A valid token, from the cache or from one shared login.
    func token() async throws(PrivXError) -> String {
        if case .bearerToken(let token) = credentials { return token }
        if let current, ContinuousClock.now < current.renewAt { return current.value }
        let task: Task<AccessToken, any Error>
        if let pending {
            task = pending
        } else {
            task = Task { try await self.login() }
            pending = task
        }
        do {
            let token = try await task.value
            if pending == task { pending = nil }
            current = token
            return token.value
        } catch {
            if pending == task { pending = nil }
            throw (error as? PrivXError) ?? .invalidRequest("Login failed: \(error)")
        }
    }

    /// Drops `token` so the next call logs in again (after a 401).
    func invalidate(_ token: String) {
        if current?.value == token { current = nil }
    }

    /// Puts a known token in the cache (tests use it to simulate a token the server revoked).
    func install(token: String, lifetime: Double) {
        current = AccessToken(value: token, renewAt: .now + .milliseconds(Int64(lifetime * 1000)))
    }

    private func login() async throws -> AccessToken {
        guard case .apiClient(let oauthID, let oauthSecret, let apiID, let apiSecret) = credentials else {
            throw PrivXError.invalidRequest("A bearer token cannot be renewed; get a new one and set PRIVX_API_BEARER_TOKEN.")
        }
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
        let lifetime = Double(object["expires_in"]?.intValue ?? 300)
        let margin = min(30, lifetime / 4)
        return AccessToken(value: token, renewAt: started + .milliseconds(Int64((lifetime - margin) * 1000)))
    }

    /// `application/x-www-form-urlencoded` value encoding.
    static func formEncode(_ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._*")
        return (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value).replacingOccurrences(of: "%20", with: "+")
    }
}
