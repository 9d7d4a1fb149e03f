import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// A request below the base URL; `path` includes the query string.
struct TransportRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var headers: HTTPHeaders = [:]
    var body: [UInt8]?
}

/// The status, headers and whole body of an answer.
struct TransportResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
}

/// The one shared AsyncHTTPClient with TLS (extra CAs added to the system roots), proxy, timeouts,
/// cookies, safe retries, logging and the activity-log hook.
final class HTTPTransport: Sendable {
    let configuration: ClientConfiguration
    let host: String
    let port: Int
    /// Where requests go: the base URL, or for plain http to a name that resolved to loopback, the same URL
    /// with the resolved address in place of the name (a later lookup cannot redirect the secrets).
    let requestBase: String
    /// The `Host` header to send when `requestBase` holds a pinned address instead of the name.
    let hostHeader: String?
    /// The proxy in use: only for https (plain http never goes through a proxy).
    let proxy: ProxySettings?
    private let client: HTTPClient
    private let cookies = CookieJar()
    private let logger: Logger
    private let onRequest: (@Sendable (APICallRecord) -> Void)?
    static let retriableStatuses: Set<Int> = [408, 429, 502, 503, 504]
    static let maximumBodyBytes = 256 * 1024 * 1024

    init(configuration: ClientConfiguration, logger: Logger, onRequest: (@Sendable (APICallRecord) -> Void)?) throws(PrivXError) {
        guard let components = URLComponents(string: configuration.baseURL), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty, scheme == "http" || scheme == "https" else {
            throw .configuration(source: "settings", key: "base_url",
                                 expected: "an http(s) URL such as https://privx.example.com, got \"\(URLRedaction.redact(configuration.baseURL))\"")
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        var requestBase = configuration.baseURL
        var hostHeader: String?
        if scheme == "http" {
            switch LoopbackAddress.check(host) {
            case .loopback(let pinned?):
                let address = pinned.contains(":") ? "[\(pinned)]" : pinned
                requestBase = "http://\(address):\(port)" + components.percentEncodedPath
                hostHeader = host + (components.port.map { ":\($0)" } ?? "")
            case .loopback(nil):
                break
            case .notLoopback:
                if !configuration.allowInsecureHTTP { throw .insecureURL(url: configuration.baseURL) }
            }
        }
        self.configuration = configuration
        self.host = host
        self.port = port
        self.requestBase = requestBase
        self.hostHeader = hostHeader
        // A proxy would see a plain-http request (and its secrets) in clear text: only https is proxied.
        self.proxy = scheme == "https" ? configuration.proxy : nil
        self.logger = logger
        self.onRequest = onRequest

        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        // The system CAs from their hashed folder when there is one (read on demand, not parsed whole).
        if let folder = SystemTrustStore.hashedDirectory { tls.trustRoots = .file(folder) }
        if !configuration.additionalCACertificatesPEM.isEmpty {
            var certificates: [NIOSSLCertificate] = []
            for (index, pem) in configuration.additionalCACertificatesPEM.enumerated() {
                do {
                    certificates += try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
                } catch {
                    throw .configuration(source: "CA certificate #\(index + 1)", key: "ca_cert",
                                         expected: "PEM text (-----BEGIN CERTIFICATE-----); it could not be parsed")
                }
            }
            if certificates.isEmpty {
                throw .configuration(source: "CA certificate", key: "ca_cert",
                                     expected: "at least one -----BEGIN CERTIFICATE----- block")
            }
            // swift-nio-ssl fails to build any TLS context when the system store is missing, so a host
            // without ca-certificates trusts the given CA alone rather than nothing at all.
            if SystemTrustStore.isPresent {
                tls.additionalTrustRoots = [.certificates(certificates)]
            } else {
                tls.trustRoots = .certificates(certificates)
            }
        } else if scheme == "https" && !SystemTrustStore.isPresent {
            throw .configuration(source: "system trust store", key: "ca_cert",
                                 expected: "a CA to trust, but this host has no \(SystemTrustStore.searchPaths.joined(separator: " or ")): "
                                     + "install ca-certificates, or pass the PrivX CA with --ca-cert or PRIVX_API_CA_CERT_FILE")
        }
        var clientConfiguration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(configuration.connectTimeout * 1000)),
                           read: .milliseconds(Int64(configuration.requestTimeout * 1000))))
        // Fail fast on refused/TLS/DNS; safe GETs are retried by `send` with backoff instead.
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        // Every page of a list in flight needs its own HTTP/1.1 connection (AsyncHTTPClient does not
        // pipeline); room for the console's other loads (AWS roles, directories) beside them.
        clientConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit =
            max(clientConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit, configuration.pageConcurrency + 2)
        if let proxy {
            let authorization = proxy.basicCredentials.map { HTTPClient.Authorization.basic(credentials: Data($0.utf8).base64EncodedString()) }
            clientConfiguration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
    }

    func shutdown() async {
        try? await client.shutdown()
    }

    /// Sends a request; GETs are retried on connection errors, timeouts and 408/429/502/503/504 (at most
    /// `maxRetries` times, exponential backoff with jitter, `Retry-After` honored). Other methods never retry.
    func send(_ request: TransportRequest) async throws(PrivXError) -> TransportResponse {
        let retriable = request.method == .GET
        var attempt = 1
        while true {
            let result = await sendOnce(request, attempt: attempt)
            let canRetry = retriable && attempt <= configuration.maxRetries
            switch result {
            case .success(let response):
                guard canRetry, Self.retriableStatuses.contains(response.status) else { return response }
                try await backoff(attempt: attempt, retryAfter: response.headers.first(name: "retry-after"))
            case .failure(let error):
                guard canRetry, Self.isRetriable(error) else { throw error }
                try await backoff(attempt: attempt, retryAfter: nil)
            }
            attempt += 1
        }
    }

    private static func isRetriable(_ error: PrivXError) -> Bool {
        switch error {
        case .connectionRefused, .connectionLost, .timeout, .proxy: return true
        default: return false
        }
    }

    private func backoff(attempt: Int, retryAfter: String?) async throws(PrivXError) {
        var delay = min(0.2 * pow(2, Double(attempt - 1)), 5) * Double.random(in: 0.5...1.5)
        if let retryAfter, let seconds = Self.parseRetryAfter(retryAfter) {
            delay = min(max(seconds, 0), configuration.maxRetryAfter)
        }
        do {
            try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
        } catch {
            throw .invalidRequest("The request was cancelled while waiting to retry.")
        }
    }

    /// `Retry-After` as seconds, or an HTTP date.
    static func parseRetryAfter(_ value: String) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: trimmed).map { $0.timeIntervalSinceNow }
    }

    /// Reads the body straight into one array sized from Content-Length (a 900 KiB page of roles is
    /// copied once, not grown by doubling and then copied out of a ByteBuffer).
    static func collectBody(_ response: HTTPClientResponse) async throws -> [UInt8] {
        var body: [UInt8] = []
        if let length = response.headers.first(name: "Content-Length").flatMap({ Int($0) }), length > 0, length <= maximumBodyBytes {
            body.reserveCapacity(length)
        }
        for try await chunk in response.body {
            guard body.count + chunk.readableBytes <= maximumBodyBytes else { throw NIOTooManyBytesError(maxBytes: maximumBodyBytes) }
            body.append(contentsOf: chunk.readableBytesView)
        }
        return body
    }

    private func sendOnce(_ request: TransportRequest, attempt: Int) async -> Result<TransportResponse, PrivXError> {
        let started = Date()
        let clock = ContinuousClock.now
        var http = HTTPClientRequest(url: requestBase + request.path)
        http.method = request.method
        http.headers = request.headers
        if let hostHeader { http.headers.replaceOrAdd(name: "Host", value: hostHeader) }
        if let cookie = cookies.headerValue() { http.headers.replaceOrAdd(name: "Cookie", value: cookie) }
        http.headers.replaceOrAdd(name: "User-Agent", value: "privx-roles")
        if let body = request.body {
            http.body = .bytes(ByteBuffer(bytes: body))
            http.headers.replaceOrAdd(name: "Content-Length", value: String(body.count))
        }
        let result: Result<TransportResponse, PrivXError>
        var underlying: String?
        do {
            let response = try await client.execute(http, timeout: .milliseconds(Int64(configuration.requestTimeout * 1000)))
            cookies.store(from: response.headers)
            result = .success(TransportResponse(status: Int(response.status.code), headers: response.headers,
                                                body: try await Self.collectBody(response)))
        } catch {
            underlying = String(describing: error)
            var mapped = mapError(error, method: request.method.rawValue, path: request.path)
            // Through a proxy the second handshake would need its own tunnel: keep the generic reason there.
            if case .tls = mapped, proxy == nil, let underlying {
                let problem = await CertificateDiagnosis.describe(
                    host: host, port: port, rawError: underlying,
                    timeout: .milliseconds(Int64(configuration.connectTimeout * 1000)))
                mapped = .tls(host: host, problem: problem)
            }
            result = .failure(mapped)
        }
        let elapsed = ContinuousClock.now - clock
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let record: APICallRecord
        switch result {
        case .success(let response):
            record = APICallRecord(method: request.method.rawValue, path: request.path, status: response.status, errorKind: nil,
                                   durationMilliseconds: milliseconds, attempt: attempt, startedAt: started)
        case .failure(let error):
            record = APICallRecord(method: request.method.rawValue, path: request.path, status: nil, errorKind: error.kind,
                                   durationMilliseconds: milliseconds, attempt: attempt, startedAt: started)
        }
        var metadata: Logger.Metadata = [
            "method": "\(record.method)", "path": "\(record.path)",
            "status": "\(record.status.map(String.init) ?? record.errorKind ?? "")",
            "ms": "\(Int(milliseconds.rounded()))",
        ]
        // Transport errors name hosts and errno values, never headers or bodies.
        if let underlying { metadata["cause"] = "\(underlying.prefix(300))" }
        logger.debug("\(record.summary)", metadata: metadata)
        onRequest?(record)
        return result
    }

    /// Turns NIO/AHC/BoringSSL failures into the distinct network cases a person can act on.
    func mapError(_ error: any Error, method: String, path: String) -> PrivXError {
        if let error = error as? PrivXError { return error }
        let text = String(describing: error)
        let lower = text.lowercased()
        if let error = error as? HTTPClientError {
            switch error {
            case .httpProxyHandshakeTimeout:
                if let proxy { return .proxy(host: proxy.host, port: proxy.port, problem: "did not answer the tunnel request in time") }
            case .invalidProxyResponse, .proxyAuthenticationRequired:
                if let proxy {
                    let reason = error == .proxyAuthenticationRequired
                        ? "asked for credentials (407) that were missing or refused" : "refused the tunnel to \(host):\(port)"
                    return .proxy(host: proxy.host, port: proxy.port, problem: reason)
                }
            case .connectTimeout, .deadlineExceeded, .readTimeout, .writeTimeout, .tlsHandshakeTimeout,
                 .getConnectionFromPoolTimeout:
                let seconds = error == .connectTimeout ? configuration.connectTimeout : configuration.requestTimeout
                return .timeout(method: method, path: path, seconds: seconds)
            case .remoteConnectionClosed, .bodyLengthMismatch, .uncleanShutdown:
                return .connectionLost(method: method, path: path, detail: "the server closed the connection early")
            default:
                break
            }
        }
        if error is NIOSSLError || error is BoringSSLError || lower.contains("certificate") || lower.contains("handshake") {
            return .tls(host: host, problem: Self.describeTLSProblem(text))
        }
        if lower.contains("connection refused") || lower.contains("econnrefused") || lower.contains("errno: 111") {
            // Through a proxy the TCP connection goes to the proxy: name the one that refused, not the base URL.
            if let proxy { return .proxy(host: proxy.host, port: proxy.port, problem: "refused the connection: nothing is listening there") }
            return .connectionRefused(host: host, port: port)
        }
        if lower.contains("dns") || lower.contains("name or service not known") || lower.contains("unknown host")
            || lower.contains("nodename nor servname") || lower.contains("no address") || lower.contains("eai_") {
            // Through a proxy the client looks up only the proxy's name (the proxy resolves the server's).
            if let proxy { return .proxy(host: proxy.host, port: proxy.port, problem: "could not be found: its host name does not resolve") }
            return .hostNotFound(host: host)
        }
        if lower.contains("connecttimeout") || lower.contains("connect timeout") {
            return .timeout(method: method, path: path, seconds: configuration.connectTimeout)
        }
        if lower.contains("timeout") || lower.contains("timed out") {
            return .timeout(method: method, path: path, seconds: configuration.requestTimeout)
        }
        if lower.contains("reset") || lower.contains("closed") || lower.contains("eof") || lower.contains("broken pipe") {
            return .connectionLost(method: method, path: path, detail: "the connection was closed")
        }
        return .connectionLost(method: method, path: path, detail: text)
    }

    /// Names the certificate problem in words (the raw BoringSSL text is appended).
    static func describeTLSProblem(_ text: String) -> String {
        let lower = text.lowercased()
        var reason = "the TLS handshake failed"
        if lower.contains("unable to get local issuer") || lower.contains("self signed") || lower.contains("self-signed")
            || lower.contains("certificate_verify_failed") || lower.contains("unable_to_get_issuer") || lower.contains("verify") {
            reason = CertificateDiagnosis.untrustedReason
        }
        if lower.contains("expired") { reason = "the server certificate has expired" }
        if lower.contains("hostname") || lower.contains("mismatch") || lower.contains("unablevalidatehostname") {
            reason = "the server certificate does not match the host name"
        }
        if lower.contains("wrong version") || lower.contains("wrong_version") || lower.contains("http request") {
            reason = "the server did not answer with TLS (is it plain http?)"
        }
        // Keep BoringSSL's reason code (e.g. CERTIFICATE_VERIFY_FAILED), drop its source paths.
        if let range = text.range(of: #"OPENSSL_internal:[A-Z0-9_]+"#, options: .regularExpression) {
            return "\(reason) (\(text[range].dropFirst("OPENSSL_internal:".count)))"
        }
        return "\(reason) (\(text.prefix(160)))"
    }
}
