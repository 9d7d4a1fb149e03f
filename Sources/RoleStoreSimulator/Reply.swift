import Hummingbird
import NIOCore
import Synchronization

/// A finished answer before it becomes a Hummingbird response, so faults can reshape real content.
struct Reply: Sendable {
    var status: Int
    var body: [UInt8]
    var contentType: String? = "application/json"
    /// The `Location` of a redirect (the person login's 307).
    var location: String? = nil

    static func json(_ status: Int, _ value: SimulatorJSON) -> Reply { Reply(status: status, body: value.serialized()) }
    static func list(_ bytes: [UInt8]) -> Reply { Reply(status: 200, body: bytes) }
    static func empty(_ status: Int = 200) -> Reply { Reply(status: status, body: [], contentType: nil) }
    static func error(_ error: APIError) -> Reply { .json(error.status, error.json) }
    static func oauth(_ error: OAuthError) -> Reply { .json(error.status, error.json) }

    var headers: HTTPFields {
        var fields = HTTPFields()
        if let contentType { fields[.contentType] = contentType }
        if let location { fields[.location] = location }
        if status == 401 { fields[.wwwAuthenticate] = "Bearer realm=\"privx\"" }
        return fields
    }

    /// The plain response.
    var response: Response {
        Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Set once the server begins to stop, so held requests (the timeout fault, a scan) end early.
final class ShutdownSignal: Sendable {
    private let flag = Mutex(false)
    var isSet: Bool { flag.withLock { $0 } }
    func trigger() { flag.withLock { $0 = true } }

    /// Sleeps up to `seconds`, returning early (false) when shutdown starts.
    func sleep(seconds: Double) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if isSet || Task.isCancelled { return false }
            let remaining = deadline - ContinuousClock.now
            try? await Task.sleep(for: min(remaining, .milliseconds(50)))
        }
        return !isSet
    }
}

/// Thrown inside a body writer to cut the connection after a partial body.
struct TruncatedBodyFault: Error {}
