import Foundation
import Logging
import NIOHTTP1

/// The HTTP implementation of `RoleStoreAPI`: one shared AsyncHTTPClient, a cached token with single
/// flight renewal, one re-login on 401, and errors a person can act on. Call `shutdown()` when done.
public final class PrivXClient: RoleStoreAPI {
    /// The role-store API prefix every call goes under.
    public static let roleStorePrefix = "/role-store/api/v1"

    public let configuration: ClientConfiguration
    let transport: HTTPTransport
    let tokens: TokenProvider

    /// Builds the client; fails for a non-loopback `http://` URL or an unreadable CA certificate.
    /// `onRequest` sees every HTTP exchange (method, path, status or error kind, duration). `passwordProvider`
    /// is asked for the password of a `.user` configuration whenever a login is needed (first request, wrong
    /// password, session that could not be renewed); without one such a request fails with `.loginRequired`.
    public init(configuration: ClientConfiguration, logger: Logger = Logger(label: "privx-roles.api"),
                onRequest: (@Sendable (APICallRecord) -> Void)? = nil,
                passwordProvider: PasswordProvider? = nil) throws(PrivXError) {
        self.configuration = configuration
        transport = try HTTPTransport(configuration: configuration, logger: logger, onRequest: onRequest)
        tokens = TokenProvider(credentials: configuration.credentials, transport: transport, passwordProvider: passwordProvider)
    }

    /// Logs in now unless a valid token is held (asking the `PasswordProvider` for a user), so a person is prompted
    /// before a full-screen program takes the terminal, and a wrong password is reported before any work starts.
    public func logInIfNeeded() async throws(PrivXError) {
        _ = try await tokens.token()
    }

    /// Logs the configured user in with `password` now: to resume after `PrivXError.loginRequired` (the caller asks
    /// the person, calls this, then retries what failed; nothing else is lost), or to check a password up front.
    /// The password is sent once and not kept; a wrong one throws `.loginRefused`.
    public func logIn(password: String) async throws(PrivXError) {
        try await tokens.logIn(password: password)
    }

    /// Closes the HTTP client's connections; the client is unusable afterwards.
    public func shutdown() async {
        await transport.shutdown()
    }

    /// How many token requests were sent so far (single-flight checks and the activity log).
    public var tokenRequestCount: Int {
        get async { await tokens.requestsSent }
    }

    // MARK: Requests

    static func encodePathSegment(_ segment: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    static func queryString(_ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { "\(encodePathSegment($0.0))=\(encodePathSegment($0.1))" }.joined(separator: "&")
    }

    /// Sends an authenticated role-store request and returns the answer, throwing for non-2xx.
    func call(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
              body: JSONValue? = nil) async throws(PrivXError) -> TransportResponse {
        let fullPath = Self.roleStorePrefix + path + Self.queryString(query)
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: "application/json")
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        let bytes = body.map(JSONSerializer.bytes)
        var token = try await tokens.token()
        headers.replaceOrAdd(name: "Authorization", value: "Bearer " + token)
        var response = try await transport.send(TransportRequest(method: method, path: fullPath, headers: headers, body: bytes))
        if response.status == 401, tokens.canRenew {
            await tokens.invalidate(token)
            token = try await tokens.token()
            headers.replaceOrAdd(name: "Authorization", value: "Bearer " + token)
            response = try await transport.send(TransportRequest(method: method, path: fullPath, headers: headers, body: bytes))
        }
        guard (200..<300).contains(response.status) else {
            throw .http(status: response.status, method: method.rawValue, path: fullPath,
                        body: ServerErrorBody(bytes: response.body))
        }
        return response
    }

    /// Calls and parses the answer as JSON.
    func callJSON(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
                  body: JSONValue? = nil) async throws(PrivXError) -> JSONValue {
        let response = try await call(method, path, query: query, body: body)
        do {
            return try JSONParser.parse(response.body)
        } catch {
            throw .invalidResponse(method: method.rawValue, path: Self.roleStorePrefix + path, detail: error.description)
        }
    }

    /// Reads `{count, items}` or a bare array.
    func callList(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
                  body: JSONValue? = nil) async throws(PrivXError) -> (count: Int, items: [JSONObject], hadItems: Bool) {
        let value = try await callJSON(method, path, query: query, body: body)
        switch value {
        case .array:
            let items = value.objectItems
            return (items.count, items, true)
        case .object(let object):
            let itemsValue = object["items"]
            let items = itemsValue?.objectItems ?? []
            let hadItems = itemsValue.map { !$0.isNull } ?? false
            return (object["count"]?.intValue ?? items.count, items, hadItems)
        default:
            throw .invalidResponse(method: method.rawValue, path: Self.roleStorePrefix + path,
                                   detail: "expected a list ({count, items} or an array)")
        }
    }

    /// Reads `{count, items}` or a bare array without building values: each object item is a slice of
    /// the answer's bytes (validated), for models kept raw.
    func callRawList(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
                     body: JSONValue? = nil) async throws(PrivXError) -> (count: Int, items: [ArraySlice<UInt8>]) {
        let response = try await call(method, path, query: query, body: body)
        let list: RawJSON.List?
        do {
            list = try RawJSON.list(response.body)
        } catch {
            throw .invalidResponse(method: method.rawValue, path: Self.roleStorePrefix + path, detail: error.description)
        }
        guard let list else {
            throw .invalidResponse(method: method.rawValue, path: Self.roleStorePrefix + path,
                                   detail: "expected a list ({count, items} or an array)")
        }
        let body = response.body
        return (list.count ?? list.items.count, list.items.map { body[$0] })
    }

    func callObject(_ method: HTTPMethod, _ path: String) async throws(PrivXError) -> JSONObject {
        let value = try await callJSON(method, path)
        guard let object = value.objectValue else {
            throw .invalidResponse(method: method.rawValue, path: Self.roleStorePrefix + path, detail: "expected a JSON object")
        }
        return object
    }

    /// The raw answer body of a GET below the role-store prefix (tests compare documents byte for byte).
    func getRaw(_ path: String) async throws(PrivXError) -> [UInt8] {
        try await call(.GET, path).body
    }

    static func requireID(_ id: String, _ what: String) throws(PrivXError) -> String {
        guard !id.isEmpty else { throw .invalidRequest("The \(what) has no id; load it from the server first.") }
        return encodePathSegment(id)
    }
}
