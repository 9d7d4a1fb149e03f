import Foundation

/// Every failure the client reports, worded for a person: what happened, what it affects, what to do.
/// Network failures are distinct cases so the console can offer the right fix. Never holds a secret.
public enum PrivXError: Error, Sendable, Hashable {
    /// The server answered with an error status.
    case http(status: Int, method: String, path: String, body: ServerErrorBody?)
    /// The token endpoint refused the credentials.
    case authentication(status: Int, body: ServerErrorBody?)
    /// The person login refused the user name or password (`POST /auth/api/v1/login`).
    case loginRefused(user: String, status: Int, body: ServerErrorBody?)
    /// A person's session ended (renewal refused, or no session yet) and no password was given to log in again.
    /// Nothing was lost: call `PrivXClient.logIn(password:)` and retry the request that failed.
    case loginRequired(user: String, reason: String)
    /// No answer within the time limit.
    case timeout(method: String, path: String, seconds: Double)
    /// Nothing listens at the address.
    case connectionRefused(host: String, port: Int)
    /// The host name did not resolve.
    case hostNotFound(host: String)
    /// TLS failed; `problem` names the certificate problem.
    case tls(host: String, problem: String)
    /// The connection broke mid-request.
    case connectionLost(method: String, path: String, detail: String)
    /// The proxy from `HTTPS_PROXY` could not be reached or refused the tunnel: nothing reached the server.
    case proxy(host: String, port: Int, problem: String)
    /// The answer could not be read (malformed or truncated JSON, unexpected shape).
    case invalidResponse(method: String, path: String, detail: String)
    /// Plain `http://` to a host that is not loopback.
    case insecureURL(url: String)
    /// A configuration problem: the file (or source), the key, and what is expected.
    case configuration(source: String, key: String, expected: String)
    /// A name or id that matched nothing.
    case notFound(kind: String, reference: String)
    /// A request the client refuses to send (bad input).
    case invalidRequest(String)

    /// The HTTP status, when the server answered.
    public var status: Int? {
        switch self {
        case .http(let status, _, _, _), .authentication(let status, _), .loginRefused(_, let status, _): return status
        default: return nil
        }
    }

    /// The server's `error_code`, when it sent one.
    public var errorCode: String? {
        switch self {
        case .http(_, _, _, let body), .authentication(_, let body), .loginRefused(_, _, let body): return body?.code
        default: return nil
        }
    }

    /// True for network-level failures (no HTTP answer).
    public var isNetworkFailure: Bool {
        switch self {
        case .timeout, .connectionRefused, .hostNotFound, .tls, .connectionLost, .proxy: return true
        default: return false
        }
    }

    /// True when a request can change data on the server, so a lost answer leaves its effect unknown.
    /// Every GET is a read, and so are the POSTs that only ask: the token call, `/roles/resolve`,
    /// `/roles/search` and `/roles/evaluate` (role-store-api.md; PrivX's role-store API reference names
    /// them "Resolve role names to role IDs", "Search roles", "Evaluate a new role definition").
    public static func changesData(method: String, path: String) -> Bool {
        guard method != "GET", method != "HEAD" else { return false }
        let bare = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        let reads = ["/auth/api/v1/oauth/token", "/roles/resolve", "/roles/search", "/roles/evaluate"]
        return !reads.contains { bare.hasSuffix($0) }
    }

    /// A short kind name for activity logs (`timeout`, `refused`, `http-403`, ...).
    public var kind: String {
        switch self {
        case .http(let status, _, _, _): return "http-\(status)"
        case .authentication(let status, _): return "auth-\(status)"
        case .loginRefused(_, let status, _): return "login-\(status)"
        case .loginRequired: return "login-required"
        case .timeout: return "timeout"
        case .connectionRefused: return "refused"
        case .hostNotFound: return "dns"
        case .tls: return "tls"
        case .connectionLost: return "connection-lost"
        case .proxy: return "proxy"
        case .invalidResponse: return "invalid-response"
        case .insecureURL: return "insecure-url"
        case .configuration: return "configuration"
        case .notFound: return "not-found"
        case .invalidRequest: return "invalid-request"
        }
    }
}

extension PrivXError: CustomStringConvertible, LocalizedError {
    public var errorDescription: String? { description }

    public var description: String {
        switch self {
        case .http(let status, let method, let path, let body):
            var text = "\(method) \(path) failed with HTTP \(status)"
            if let summary = body?.summary, !summary.isEmpty { text += ": \(summary)" }
            for detail in body?.details ?? [] where !detail.summary.isEmpty {
                text += "\n  - \(detail.summary)"
            }
            text += ". " + Self.advice(status: status, body: body)
            return text
        case .authentication(let status, let body):
            var text = "Login to PrivX failed with HTTP \(status)"
            if let summary = body?.summary, !summary.isEmpty { text += ": \(summary)" }
            return text + ". No API call can be made. Check the OAuth client id/secret and the API client id/secret "
                + "(PRIVX_API_OAUTH_CLIENT_ID, PRIVX_API_CLIENT_ID, ... or the [auth] section of the config file)."
        case .loginRefused(let user, let status, let body):
            var text = "Login to PrivX as \(user) failed with HTTP \(status)"
            if let summary = body?.summary, !summary.isEmpty { text += ": \(summary)" }
            return text + ". Nothing was sent to the role store. Check the user name (--user, PRIVX_API_USERNAME or "
                + "[auth] username) and the password, and that the account may log in to PrivX."
        case .loginRequired(let user, let reason):
            return "PrivX needs the password of \(user) (\(reason)) and none was given. "
                + "Nothing was changed and nothing was lost: log in with the password to continue."
        case .timeout(let method, let path, let seconds):
            return "\(method) \(path) got no answer within \(Self.format(seconds)) s. The server may be overloaded or "
                + "unreachable; try again, or raise --request-timeout / --connect-timeout."
        case .connectionRefused(let host, let port):
            return "Connection to \(host):\(port) was refused: nothing is listening there. Check the base URL "
                + "(--base-url, PRIVX_API_BASE_URL) and that the PrivX server is running."
        case .hostNotFound(let host):
            return "The host name \(host) could not be resolved. Check the base URL for typos and your DNS or VPN."
        case .tls(let host, let problem):
            let lower = problem.lowercased()
            if lower.contains("expired") || lower.contains("not valid until") || lower.contains("certificate is for")
                || lower.contains("not issued for") {
                return "TLS connection to \(host) failed: \(problem). No data was sent. The connection stays refused "
                    + "until the certificate is fixed; verification cannot be turned off."
            }
            if lower.contains("--ca-cert") {
                return "TLS connection to \(host) failed: \(problem). No data was sent. The CA can also be set as [api] api_ca_crt "
                    + "in the config file."
            }
            return "TLS connection to \(host) failed: \(problem). No data was sent. If the server uses a private CA, "
                + "pass its certificate with --ca-cert FILE, PRIVX_API_CA_CERT_FILE or [api] api_ca_crt."
        case .connectionLost(let method, let path, let detail):
            return "\(method) \(path): the connection broke before the answer was complete (\(detail)). "
                + (Self.changesData(method: method, path: path)
                    ? "The change may or may not have been applied: reload and check before retrying." : "Try again.")
        case .proxy(let host, let port, let problem):
            return "The proxy \(host):\(port) \(problem). Nothing reached the PrivX server. Check HTTPS_PROXY and NO_PROXY "
                + "(a host listed in NO_PROXY is reached directly) and that the proxy runs and allows CONNECT to the server."
        case .invalidResponse(let method, let path, let detail):
            return "\(method) \(path) returned an answer that could not be read (\(detail)). The server or a proxy "
                + "in between sent something unexpected; try again, and check the base URL points at PrivX."
        case .insecureURL(let url):
            return "Refusing plain http:// to \(URLRedaction.redact(url)): credentials and tokens would cross the network "
                + "unencrypted. Use https://, or http:// only for a host whose every address is loopback (127.0.0.0/8, ::1), "
                + "such as 127.0.0.1."
        case .configuration(let source, let key, let expected):
            return "Configuration error in \(source), \(key): \(expected)."
        case .notFound(let kind, let reference):
            return "No \(kind) matches \"\(reference)\". Check the name or id (names are case-sensitive)."
        case .invalidRequest(let text):
            return text
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)
    }

    private static func advice(status: Int, body: ServerErrorBody?) -> String {
        switch status {
        case 400: return "The request was rejected as invalid; fix the named property and try again."
        case 401: return "The access token was not accepted even after logging in again; check the credentials."
        case 403:
            let permission = body?.details.first { $0.code == "PERMISSION_DENIED" && $0.property != nil }?.property
                ?? (body?.code == "PERMISSION_DENIED" ? body?.property : nil)
            if let permission {
                return "The API client lacks the permission '\(permission)'; a PrivX administrator can grant it to the API client's role."
            }
            return "The API client lacks a permission for this call; a PrivX administrator can grant it to the API client's role."
        case 404: return "The object does not exist (it may have been deleted); reload and try again."
        case 408, 429, 502, 503, 504: return "The server is busy or unavailable; try again shortly."
        default: return status >= 500 ? "The server failed; try again, and check the PrivX server logs if it persists."
            : "Check the request and try again."
        }
    }
}
