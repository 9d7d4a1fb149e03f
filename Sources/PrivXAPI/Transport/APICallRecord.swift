import Foundation

/// One HTTP exchange as the console's activity log shows it; holds no header, body or secret.
public struct APICallRecord: Sendable, Hashable {
    /// `GET`, `POST`, ...
    public var method: String
    /// Path and query below the base URL, e.g. `/role-store/api/v1/roles?offset=0&limit=1000`.
    public var path: String
    /// The HTTP status, when the server answered.
    public var status: Int?
    /// `PrivXError.kind` when there was no answer (`timeout`, `refused`, `tls`, ...).
    public var errorKind: String?
    /// Wall time of the exchange in milliseconds.
    public var durationMilliseconds: Double
    /// 1 for the first try, 2 and 3 for automatic retries.
    public var attempt: Int
    /// When the exchange started.
    public var startedAt: Date

    /// A record of one exchange.
    public init(method: String, path: String, status: Int?, errorKind: String?, durationMilliseconds: Double,
                attempt: Int, startedAt: Date) {
        self.method = method
        self.path = path
        self.status = status
        self.errorKind = errorKind
        self.durationMilliseconds = durationMilliseconds
        self.attempt = attempt
        self.startedAt = startedAt
    }

    /// `GET /role-store/api/v1/roles 200 12 ms`.
    public var summary: String {
        let outcome = status.map(String.init) ?? (errorKind ?? "error")
        let retry = attempt > 1 ? " (retry \(attempt - 1))" : ""
        return "\(method) \(path) \(outcome) \(Int(durationMilliseconds.rounded())) ms\(retry)"
    }
}
