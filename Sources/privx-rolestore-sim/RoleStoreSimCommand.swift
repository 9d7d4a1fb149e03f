import ArgumentParser
import Dispatch
import Foundation
import RoleStoreSimulator

/// `privx-rolestore-sim`: run the PrivX role-store simulator on loopback.
@main
struct RoleStoreSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privx-rolestore-sim",
        abstract: "A local PrivX role-store and auth server for demos and tests.",
        discussion: "The first line on stdout is 'listening on http://127.0.0.1:PORT'. Stop with Ctrl-C or SIGTERM.")

    @Option(help: "Port to listen on; 0 picks a free port.")
    var port: Int = 0

    @Option(help: "State file; created from the seed when absent, every acknowledged write is on disk.")
    var data: String?

    @Option(help: "Data set when the state file is absent: small, large, hostile (small plus escape sequences, controls, bidi, huge and null fields) or a role count.")
    var seed: String = "small"

    @Flag(help: "Serve HTTPS with a CA and server certificate generated at start.")
    var tls = false

    @Option(name: .customLong("ca-out"), help: "Write the generated CA certificate (PEM) here (with --tls).")
    var caOut: String?

    @Option(name: .customLong("tls-certificate"),
            help: "Server certificate with --tls: valid, expired or wrong-host (to test a client's certificate checks).")
    var tlsCertificate: String = "valid"

    @Option(name: .customLong("token-ttl"), help: "Access token lifetime in seconds.")
    var tokenTTL: Double = 300

    @Option(name: .customLong("refresh-token-ttl"), help: "Refresh token lifetime in seconds (each is single use).")
    var refreshTokenTTL: Double = 3600

    @Option(name: .customLong("scan-delay"), help: "Seconds an AWS refresh (GET /awsroles?refresh=true) takes.")
    var scanDelay: Double = 1.5

    @Option(name: .customLong("principal-key-delay"),
            help: "Seconds a generated principal key shows an empty public_key before it is ready.")
    var principalKeyDelay: Double = 0.5

    @Option(name: .customLong("evaluate-limit"), help: "Above this many matches evaluate returns only the count.")
    var evaluateLimit: Int = 1000

    @Option(name: .customLong("evaluate-max-work"),
            help: "Most matching work one evaluate may ask for (filter terms × directory users); above it evaluate answers 400 VALUE_OUT_OF_BOUNDS. 0: no bound.")
    var evaluateMaxWork: Int = SimulatorOptions().evaluateMaxWork

    @Option(name: .customLong("idle-timeout"), help: "Seconds a silent or half-sent connection is kept before it is closed; 0: never.")
    var idleTimeout: Double = SimulatorOptions().idleTimeout ?? 0

    @Option(help: "Request log file (default: stderr).")
    var log: String?

    @Option(name: .customLong("fault-latency"), help: "Milliseconds added to every request under --fault-path.")
    var faultLatency: Int = 0

    @Option(name: .customLong("fault-rate"), help: "Probability 0...1 that a request under --fault-path gets a fault.")
    var faultRate: Double = 0

    @Option(name: .customLong("fault-kinds"),
            help: "Comma-separated fault kinds: 500, 503, timeout, malformed-json, truncated, slow-drip (default: all).")
    var faultKinds: String?

    @Option(name: .customLong("fault-path"), help: "Only paths starting with this prefix get faults.")
    var faultPath: String = "/"

    @Option(name: .customLong("fault-seed"), help: "Seed of the deterministic fault sequence.")
    var faultSeed: UInt64 = 1

    @Option(name: .customLong("fault-methods"), help: "Comma-separated HTTP methods that get faults (default: every method).")
    var faultMethods: String?

    @Option(name: .customLong("fault-skip"), help: "Matching requests let through before faults start (e.g. 1: fail the read-back, not the read before the write).")
    var faultSkip: Int = 0

    @Option(name: .customLong("fault-limit"), help: "At most this many faults, then the server is healthy again (default: no limit).")
    var faultLimit: Int?

    @Option(name: .customLong("aws-roles"), help: "AWS roles in the inventory (default: the 33 curated ones; more are generated, for benchmarks).")
    var awsRoles: Int?

    @Flag(name: .customLong("print-demo-credentials"), help: "Print the demo API clients and demo users (with their demo-only passwords) and exit.")
    var printDemoCredentials = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard SimulatorSeed(argument: seed) != nil else {
            throw ValidationError("--seed must be small, large, hostile or a role count of at least 2, got '\(seed)'")
        }
        if let awsRoles, awsRoles < 0 { throw ValidationError("--aws-roles must be 0 or more") }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate must be between 0 and 1") }
        guard faultSkip >= 0 else { throw ValidationError("--fault-skip must be 0 or more") }
        if let faultLimit, faultLimit < 0 { throw ValidationError("--fault-limit must be 0 or more") }
        guard tokenTTL > 0 else { throw ValidationError("--token-ttl must be positive") }
        guard refreshTokenTTL > 0 else { throw ValidationError("--refresh-token-ttl must be positive") }
        guard scanDelay >= 0 else { throw ValidationError("--scan-delay must be 0 or more") }
        guard principalKeyDelay >= 0 else { throw ValidationError("--principal-key-delay must be 0 or more") }
        guard evaluateLimit >= 0 else { throw ValidationError("--evaluate-limit must be 0 or more") }
        guard evaluateMaxWork >= 0 else { throw ValidationError("--evaluate-max-work must be 0 or more") }
        guard idleTimeout >= 0 else { throw ValidationError("--idle-timeout must be 0 or more") }
        if caOut != nil && !tls { throw ValidationError("--ca-out needs --tls") }
        guard ServerCertificateKind(rawValue: tlsCertificate) != nil else {
            throw ValidationError("--tls-certificate must be \(ServerCertificateKind.allCases.map(\.rawValue).joined(separator: ", ")), got '\(tlsCertificate)'")
        }
        _ = try parsedFaultKinds()
    }

    func parsedFaultKinds() throws -> [FaultKind] {
        guard let faultKinds, !faultKinds.isEmpty else { return [] }
        return try faultKinds.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let kind = FaultKind(rawValue: trimmed) else {
                throw ValidationError("unknown fault kind '\(trimmed)'; use \(FaultKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return kind
        }
    }

    func run() async throws {
        if printDemoCredentials {
            print(DemoCredentialsText.render())
            return
        }
        var options = SimulatorOptions()
        options.port = port
        options.dataFile = data
        options.seed = SimulatorSeed(argument: seed) ?? .small
        options.tls = tls
        options.caOutFile = caOut
        options.serverCertificate = ServerCertificateKind(rawValue: tlsCertificate) ?? .valid
        options.tokenTTL = tokenTTL
        options.refreshTokenTTL = refreshTokenTTL
        options.scanDelay = scanDelay
        options.principalKeyDelay = principalKeyDelay
        options.evaluateLimit = evaluateLimit
        options.evaluateMaxWork = evaluateMaxWork
        options.idleTimeout = idleTimeout > 0 ? idleTimeout : nil
        options.logFile = log
        options.logToStandardError = log == nil
        options.faults.latencyMilliseconds = faultLatency
        options.faults.rate = faultRate
        options.faults.kinds = try parsedFaultKinds()
        options.faults.pathPrefix = faultPath
        options.faults.seed = faultSeed
        options.faults.methods = Set((faultMethods ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
            .filter { !$0.isEmpty })
        options.faults.skip = faultSkip
        options.faults.limit = faultLimit
        options.awsRoleCount = awsRoles

        let server: SimulatorServer
        do {
            server = try await SimulatorServer.start(options)
        } catch {
            FileHandle.standardError.write(Data("privx-rolestore-sim: \(error)\n".utf8))
            throw ExitCode(1)
        }
        // Watch the signals before announcing the port: a client may signal as soon as it reads the line.
        let signals = SignalWatcher(signals: [SIGINT, SIGTERM]) {
            Task { await server.stop() }
        }
        FileHandle.standardOutput.write(Data("listening on \(server.baseURL)\n".utf8))
        await server.waitUntilStopped()
        withExtendedLifetime(signals) {}
    }
}

/// Turns SIGINT/SIGTERM into a graceful stop instead of an abrupt exit.
final class SignalWatcher {
    private let sources: [any DispatchSourceSignal]

    /// Returns once every source is registered: `resume()` registers asynchronously, and a signal that
    /// arrives before that meets SIG_IGN and is lost (a client that sent SIGTERM right after reading the
    /// 'listening' line then waited forever).
    init(signals: [Int32], handler: @escaping @Sendable () -> Void) {
        let registered = DispatchGroup()
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            registered.enter()
            source.setRegistrationHandler { registered.leave() }
            source.resume()
            return source
        }
        _ = registered.wait(timeout: .now() + 5)
    }
}
