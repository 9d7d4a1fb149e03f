import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Why the simulator did not start, phrased for the person who launched it.
public enum SimulatorStartError: Error, CustomStringConvertible, Sendable {
    case couldNotListen(host: String, port: Int, reason: String)
    case stateFile(String)
    case certificate(String)

    public var description: String {
        switch self {
        case .couldNotListen(let host, let port, let reason):
            return "could not listen on \(host):\(port) (\(reason)); pick another --port or use 0 for any free port"
        case .stateFile(let reason): return reason
        case .certificate(let reason):
            return "could not create the TLS certificates (\(reason)); run without --tls or check --ca-out"
        }
    }
}

/// A running role-store simulator: a real HTTP(S) server on loopback speaking the PrivX contract.
public final class SimulatorServer: Sendable {
    /// The port the server listens on (the real one when started with port 0).
    public let port: Int
    /// `http://127.0.0.1:PORT` or `https://127.0.0.1:PORT`.
    public let baseURL: String
    /// The generated CA certificate (PEM) clients must trust when TLS is on.
    public let caCertificatePEM: String?

    private let group: ServiceGroup
    private let runTask: Task<Void, Never>
    private let faults: FaultInjector
    private let shutdown: ShutdownSignal
    private let store: RoleStore
    private let tokens: TokenIssuer
    private let stopped = Mutex(false)

    private init(port: Int, baseURL: String, caCertificatePEM: String?, group: ServiceGroup, runTask: Task<Void, Never>,
                 faults: FaultInjector, shutdown: ShutdownSignal, store: RoleStore, tokens: TokenIssuer) {
        self.port = port
        self.baseURL = baseURL
        self.caCertificatePEM = caCertificatePEM
        self.group = group
        self.runTask = runTask
        self.faults = faults
        self.shutdown = shutdown
        self.store = store
        self.tokens = tokens
    }

    /// Every access and refresh token this server handed out, so a test can prove none leaked into its output.
    public var issuedTokens: [String] { tokens.issuedTokens }

    /// Loads or seeds the state, binds the socket and returns once the server accepts connections.
    public static func start(_ options: SimulatorOptions) async throws -> SimulatorServer {
        var logger = Logger(label: "privx-rolestore-sim") { _ in SwiftLogNoOpLogHandler() }
        if let path = options.logFile {
            let handler = try SimulatorLogHandler.file(path)
            logger = Logger(label: "privx-rolestore-sim") { _ in handler }
        } else if options.logToStandardError {
            logger = Logger(label: "privx-rolestore-sim") { _ in SimulatorLogHandler.standardError() }
        }
        let quiet = Logger(label: "privx-rolestore-sim.server") { _ in SwiftLogNoOpLogHandler() }

        let loadStarted = ContinuousClock.now
        let directory = UserDirectory.generate(hostile: options.seed == .hostile)
        let inventory = AWSInventory.generate(directory: directory, total: options.awsRoleCount)
        let store: RoleStore
        if let path = options.dataFile {
            do {
                let (journal, state) = try Journal.open(
                    path: path, seed: StoreState.seeded(options.seed, directory: directory, inventory: inventory))
                store = RoleStore(directory: directory, inventory: inventory, state: state, journal: journal,
                                  evaluateLimit: options.evaluateLimit, evaluateMaxWork: options.evaluateMaxWork)
            } catch {
                throw SimulatorStartError.stateFile("\(error)")
            }
        } else {
            let state = StoreState.seeded(options.seed, directory: directory, inventory: inventory)
            store = RoleStore(directory: directory, inventory: inventory, state: state, journal: nil,
                              evaluateLimit: options.evaluateLimit, evaluateMaxWork: options.evaluateMaxWork)
        }

        await store.startPrincipalKeyGeneration(delay: options.principalKeyDelay)
        let loadTime = ContinuousClock.now - loadStarted
        let roleCount = await store.roleCount
        logger.info("state ready: \(roleCount) roles in \(loadTime.components.seconds * 1000 + loadTime.components.attoseconds / 1_000_000_000_000_000) ms (\(options.dataFile.map { "state file \($0)" } ?? "seed \(options.seed.argument), in memory"))")

        var authority: CertificateAuthority? = nil
        if options.tls {
            do {
                let generated = try CertificateAuthority.generate(serverCertificate: options.serverCertificate)
                if let path = options.caOutFile {
                    try generated.caCertificatePEM.write(toFile: path, atomically: true, encoding: .utf8)
                }
                authority = generated
            } catch {
                throw SimulatorStartError.certificate("\(error)")
            }
        }

        let faults = FaultInjector(options.faults)
        let shutdown = ShutdownSignal()
        let tokens = TokenIssuer(ttl: options.tokenTTL, refreshTTL: options.refreshTokenTTL)
        let responder = SimulatorResponder(
            store: store, tokens: tokens, login: AuthorizationCodeFlow(sessionTTL: options.loginSessionTTL, tokens: tokens),
            faults: faults, shutdown: shutdown,
            logger: logger, scanDelay: options.scanDelay, maxBodyBytes: options.maxBodyBytes)

        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let configuration = ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: nil)
        // A connection that sends nothing (or half a request) for this long is closed, so half-open
        // connections do not pile up; longer than the client's own pool idle time (60 s in AsyncHTTPClient),
        // so the server never closes a connection the client is about to reuse.
        let idleTimeout: TimeAmount? = options.idleTimeout.map { .nanoseconds(Int64($0 * 1_000_000_000)) }
        let onRunning: @Sendable (any Channel) async -> Void = { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }
        let app: Application<SimulatorResponder>
        if let authority {
            app = Application(responder: responder, server: try .tls(.http1(configuration: .init(idleTimeout: idleTimeout)), tlsConfiguration: authority.serverTLSConfiguration()),
                              configuration: configuration, onServerRunning: onRunning, logger: quiet)
        } else {
            app = Application(responder: responder, server: .http1(configuration: .init(idleTimeout: idleTimeout)), configuration: configuration,
                              onServerRunning: onRunning, logger: quiet)
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: quiet))
        let failure = FailureNote()
        let runTask = Task {
            do { try await group.run() } catch { failure.record("\(error)") }
            continuation.finish()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await runTask.value
            let reason = failure.text ?? "the server stopped before it was listening"
            throw SimulatorStartError.couldNotListen(host: options.host, port: options.port, reason: reason)
        }
        let scheme = options.tls ? "https" : "http"
        logger.info("listening on \(scheme)://\(options.host):\(port)")
        return SimulatorServer(port: port, baseURL: "\(scheme)://\(options.host):\(port)",
                               caCertificatePEM: authority?.caCertificatePEM, group: group, runTask: runTask,
                               faults: faults, shutdown: shutdown, store: store, tokens: tokens)
    }

    /// Changes fault injection while running; the fault sequence restarts from its seed.
    public func setFaults(_ faults: FaultOptions) async {
        self.faults.update(faults)
    }

    /// Stops accepting requests, ends held ones, and waits for the server to finish; safe to call twice.
    public func stop() async {
        let first = stopped.withLock { value -> Bool in
            defer { value = true }
            return !value
        }
        if first {
            shutdown.trigger()
            await group.triggerGracefulShutdown()
        }
        await runTask.value
    }

    /// Returns when the server has stopped (after `stop()`), for executables that wait on it.
    public func waitUntilStopped() async {
        await runTask.value
    }

    /// The role as stored (no computed counts), so tests can check what a PUT really kept.
    public func storedRole(id: String) async -> SimulatorJSON? {
        await store.storedRole(id)
    }

    /// The seeded directory users, so tests can compute expected evaluation results independently.
    public func directoryUsers() async -> [SimulatedUser] {
        store.directory.users.map {
            SimulatedUser(id: $0.id, principal: $0.principal, fullName: $0.fullName, email: $0.email, sourceID: $0.sourceID,
                          sourceType: $0.sourceType, department: $0.department, jobTitle: $0.jobTitle,
                          memberOf: $0.memberOf, tags: $0.tags,
                          attributes: Dictionary($0.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}

/// A read-only view of one seeded directory user.
public struct SimulatedUser: Sendable {
    public let id: String
    public let principal: String
    public let fullName: String
    public let email: String
    public let sourceID: String
    public let sourceType: String
    public let department: String
    public let jobTitle: String
    public let memberOf: [String]
    public let tags: [String]
    public let attributes: [String: String]
}

/// Carries the reason a server task failed back to `start`.
final class FailureNote: Sendable {
    private let value = Mutex<String?>(nil)
    func record(_ text: String) { value.withLock { $0 = text } }
    var text: String? { value.withLock { $0 } }
}
