/// How the client logs in: the scripted password grant with four credentials, a pre-issued token, or a person
/// by name (the password is never part of the configuration: a `PasswordProvider` supplies it when needed).
public enum Credentials: Sendable, Hashable, CustomStringConvertible {
    case apiClient(oauthClientID: String, oauthClientSecret: String, apiClientID: String, apiClientSecret: String)
    case bearerToken(String)
    /// A PrivX user who logs in as themselves (authorization code + PKCE, `UserLogin`).
    case user(name: String)

    /// Secrets are masked: this may end up in a log or on a screen.
    public var description: String {
        switch self {
        case .apiClient(let oauthClientID, _, let apiClientID, _):
            return "API client \(apiClientID) via OAuth client \(oauthClientID) (secrets hidden)"
        case .bearerToken:
            return "bearer token (hidden)"
        case .user(let name):
            return "user \(name) (password asked when needed, never stored)"
        }
    }
}

/// An HTTP proxy that tunnels (CONNECT) to an https server (from `HTTPS_PROXY`; plain http is never proxied).
public struct ProxySettings: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// `user:password` for Basic proxy auth; never printed.
    public var basicCredentials: String?

    /// A proxy at host:port.
    public init(host: String, port: Int, basicCredentials: String? = nil) {
        self.host = host
        self.port = port
        self.basicCredentials = basicCredentials
    }

    public var description: String { "\(host):\(port)" + (basicCredentials == nil ? "" : " (with credentials)") }
}

/// Everything the client needs to talk to one PrivX server; built by `ConfigurationLoader` or by hand
/// (the console's `--demo` builds one for the in-process simulator).
public struct ClientConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// `https://privx.example.com` (a trailing `/` is stripped).
    public var baseURL: String
    public var credentials: Credentials
    /// PEM certificates added to the system roots (from a file, the config file, or memory).
    public var additionalCACertificatesPEM: [String]
    /// Seconds to establish a connection.
    public var connectTimeout: Double
    /// Seconds for a whole request, answer included.
    public var requestTimeout: Double
    /// Pages fetched at once when reading a whole list, once the first page has told the total. Over a
    /// link with 50 ms per request, 16 in flight read 10 000 roles in two round trips and 100 000 in
    /// eight (4 in flight took four and twenty-six); the connection pool is sized to match.
    public var pageConcurrency: Int
    /// Pages of roles asked for together before the first page has told the total (1: the first page
    /// alone, then the rest). `roles list` asks for as many as `pageConcurrency` (after `speculativeDelay`),
    /// so up to that many pages arrive in one round trip; a page past the end comes back empty and costs a
    /// request. The console
    /// keeps 1: it shows the first page at once and would list the empty pages in its activity log.
    public var speculativePages: Int
    /// Seconds the first page may take before the other speculative pages are asked for. A near server
    /// answers a short list within it, and the list costs one request instead of `speculativePages` (of
    /// which all but one would come back empty); a far or busy one does not, and the pages go out then.
    public var speculativeDelay: Double
    /// Page size when reading a whole list (at most 1000).
    public var pageSize: Int
    /// Automatic retries of a safe GET.
    public var maxRetries: Int
    /// Longest wait honored from `Retry-After`, in seconds.
    public var maxRetryAfter: Double
    public var proxy: ProxySettings?
    /// Set to allow `http://` to any host (never set by the loader; for special test rigs only).
    public var allowInsecureHTTP: Bool

    /// A configuration with the documented defaults (10 s connect, 30 s request, 16 pages at once).
    public init(baseURL: String, credentials: Credentials, additionalCACertificatesPEM: [String] = [],
                connectTimeout: Double = 10, requestTimeout: Double = 30, pageConcurrency: Int = 16, speculativePages: Int = 1, speculativeDelay: Double = 0.02,
                pageSize: Int = PageRequest.maximumLimit, maxRetries: Int = 2, maxRetryAfter: Double = 30,
                proxy: ProxySettings? = nil, allowInsecureHTTP: Bool = false) {
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        self.baseURL = url
        self.credentials = credentials
        self.additionalCACertificatesPEM = additionalCACertificatesPEM
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.pageConcurrency = max(1, pageConcurrency)
        self.speculativePages = max(1, speculativePages)
        self.speculativeDelay = max(0, speculativeDelay)
        self.pageSize = min(max(1, pageSize), PageRequest.maximumLimit)
        self.maxRetries = max(0, maxRetries)
        self.maxRetryAfter = maxRetryAfter
        self.proxy = proxy
        self.allowInsecureHTTP = allowInsecureHTTP
    }

    /// The base URL as it may be shown: a password in it is masked.
    public var displayBaseURL: String { URLRedaction.redact(baseURL) }

    /// Secrets are masked.
    public var description: String {
        "ClientConfiguration(baseURL: \(displayBaseURL), credentials: \(credentials), extra CAs: \(additionalCACertificatesPEM.count), "
            + "timeouts: \(connectTimeout)s/\(requestTimeout)s, proxy: \(proxy?.description ?? "none"))"
    }
}
