import Foundation
import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import Synchronization

/// One way a request can go wrong, for parameterized fault tests: an injected fault kind or extra latency.
enum FaultCase: Sendable, CustomStringConvertible, CaseIterable {
    case http500, http503, timeout, malformedJSON, truncated, slowDrip, latency

    var kind: FaultKind? {
        switch self {
        case .http500: .http500
        case .http503: .http503
        case .timeout: .timeout
        case .malformedJSON: .malformedJSON
        case .truncated: .truncated
        case .slowDrip: .slowDrip
        case .latency: nil
        }
    }

    /// True when the request does not succeed (slow drip and latency only slow it down).
    var fails: Bool { self != .slowDrip && self != .latency }

    var description: String { kind?.rawValue ?? "latency" }
}

/// A simulator with a request log and a client with a short request timeout, recording every HTTP
/// exchange the client makes (retries included), so tests can count writes exactly.
struct FaultRig {
    let server: SimulatorServer
    let client: PrivXClient
    let logFile: String
    let calls: CallRecorder

    /// Every exchange the client made, in order.
    final class CallRecorder: Sendable {
        private let records = Mutex<[APICallRecord]>([])
        func add(_ record: APICallRecord) { records.withLock { $0.append(record) } }
        var all: [APICallRecord] { records.withLock { $0 } }
        /// PUT/POST/DELETE exchanges on the role store (the token call is not a write).
        func writes(_ method: String? = nil) -> [APICallRecord] {
            all.filter { ["PUT", "POST", "DELETE"].contains($0.method) && (method == nil || $0.method == method) && !$0.path.hasPrefix("/auth/") }
                .filter { !$0.path.hasSuffix("/roles/evaluate") && !$0.path.hasSuffix("/roles/resolve") && !$0.path.hasSuffix("/roles/search") }
                .filter { !$0.path.contains("/users/search") }   // a POST that reads
        }
    }

    static func start(tokenTTL: Double = 300, requestTimeout: Double = 1.5, options configure: (inout SimulatorOptions) -> Void = { _ in })
        async throws -> FaultRig {
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("fault-sim-\(UUID().uuidString).log").path
        var options = SimulatorOptions()
        options.scanDelay = 0.05
        options.tokenTTL = tokenTTL
        options.logFile = logFile
        configure(&options)
        let server = try await SimulatorServer.start(options)
        let admin = DemoCredentials.admin
        let calls = CallRecorder()
        let configuration = ClientConfiguration(
            baseURL: server.baseURL,
            credentials: .apiClient(oauthClientID: admin.oauthClientID, oauthClientSecret: admin.oauthClientSecret,
                                    apiClientID: admin.apiClientID, apiClientSecret: admin.apiClientSecret),
            requestTimeout: requestTimeout, maxRetryAfter: 0.2)
        let client = try PrivXClient(configuration: configuration, onRequest: { calls.add($0) })
        return FaultRig(server: server, client: client, logFile: logFile, calls: calls)
    }

    /// Runs `body` and always stops the rig.
    static func with(tokenTTL: Double = 300, _ body: (FaultRig) async throws -> Void) async throws {
        let rig = try await start(tokenTTL: tokenTTL)
        do { try await body(rig) } catch {
            await rig.stop()
            throw error
        }
        await rig.stop()
    }

    /// Makes every `methods` request under `path` misbehave as `fault` says.
    func inject(_ fault: FaultCase, path: String, methods: Set<String>) async {
        var options = FaultOptions()
        options.pathPrefix = path
        options.methods = methods
        if let kind = fault.kind {
            options.rate = 1
            options.kinds = [kind]
        } else {
            options.latencyMilliseconds = 300
        }
        await server.setFaults(options)
    }

    /// Back to a healthy server.
    func heal() async { await server.setFaults(FaultOptions()) }

    /// The simulator's request log lines for writes (`PUT`, `POST`, `DELETE` on the role store).
    func loggedWrites(_ method: String? = nil) -> [String] {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        let methods = method.map { [$0] } ?? ["PUT", "POST", "DELETE"]
        return text.split(separator: "\n").map(String.init).filter { line in
            methods.contains { line.contains(" \($0) /role-store") }
                && !line.contains("/roles/evaluate") && !line.contains("/roles/resolve") && !line.contains("/roles/search")
                && !line.contains("/users/search")
        }
    }

    func stop() async {
        await client.shutdown()
        await server.stop()
        try? FileManager.default.removeItem(atPath: logFile)
    }
}
