/// Which deterministic data set the simulator starts from when its state file is absent.
public enum SimulatorSeed: Sendable, Equatable {
    /// About 60 curated roles, 400 users, 30 AWS roles: for demos and tests.
    case small
    /// 100 000 roles: for benchmarks.
    case large
    /// Exactly this many roles (the curated ones first), for scaling tests.
    case roles(Int)
    /// The small seed plus `HostileSeed`: escape sequences, controls, bidi, huge and null fields.
    case hostile

    /// Parses the `--seed` argument: `small`, `large`, `hostile` or a positive role count.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "small": self = .small
        case "large": self = .large
        case "hostile": self = .hostile
        default:
            guard let count = Int(argument), count >= 2 else { return nil }
            self = .roles(count)
        }
    }

    /// The number of roles this seed generates.
    public var roleCount: Int {
        switch self {
        case .small, .hostile: return SeedCatalog.curatedRoles.count
        case .large: return 100_000
        case .roles(let count): return count
        }
    }

    /// The textual form used in the state file and on the command line.
    public var argument: String {
        switch self {
        case .small: return "small"
        case .hostile: return "hostile"
        case .large: return "large"
        case .roles(let count): return String(count)
        }
    }
}

/// What can go wrong on purpose, so client robustness can be tested against a real server.
public enum FaultKind: String, Sendable, CaseIterable {
    /// 500 with a PrivX error body.
    case http500 = "500"
    /// 503 with `MAX_LOAD`.
    case http503 = "503"
    /// No answer for 60 s (ends early on shutdown).
    case timeout
    /// 200 with a body that is not valid JSON.
    case malformedJSON = "malformed-json"
    /// A declared Content-Length, then the connection closes early.
    case truncated
    /// The right body, sent in small pieces with pauses.
    case slowDrip = "slow-drip"
}

/// Deterministic fault injection: which requests misbehave and how.
public struct FaultOptions: Sendable {
    /// Extra delay before every matching request is answered.
    public var latencyMilliseconds: Int = 0
    /// Probability (0...1) that a matching request gets one of `kinds`.
    public var rate: Double = 0
    /// Fault kinds to draw from; empty means every kind.
    public var kinds: [FaultKind] = []
    /// Only requests whose path starts with this prefix are affected.
    public var pathPrefix: String = "/"
    /// Only requests with one of these methods (`PUT`, `GET`, …) are affected; empty means every method,
    /// so a test can fail a write without failing the read just before it.
    public var methods: Set<String> = []
    /// Seed of the fault sequence: the same seed gives the same faults for the same request order.
    public var seed: UInt64 = 1
    /// Matching requests let through untouched before faults start, so a test can fail the read-back
    /// after a write instead of the read just before it.
    public var skip = 0
    /// At most this many faults, then the server is healthy again (nil: no limit), so a retry can succeed.
    public var limit: Int? = nil
    /// No faults.
    public init() {}

    /// `kind` on exactly the `methods` requests under `path` that come after the first `skip` of them,
    /// `limit` times: one write's answer lost, or one read-back failed, and nothing else.
    public static func failing(_ kind: FaultKind, path: String, methods: Set<String>, skip: Int = 0, limit: Int?) -> FaultOptions {
        var options = FaultOptions()
        options.pathPrefix = path
        options.methods = methods
        options.rate = 1
        options.kinds = [kind]
        options.skip = skip
        options.limit = limit
        return options
    }
}

/// Everything the simulator can be told at start; the CLI flags map onto these one to one.
public struct SimulatorOptions: Sendable {
    /// Listen address; keep it on loopback.
    public var host = "127.0.0.1"
    /// 0 picks a free port; read the real one from `SimulatorServer.port`.
    public var port = 0
    /// State file (snapshot + journal); nil keeps state in memory only.
    public var dataFile: String? = nil
    /// Generator used when there is no state file yet.
    public var seed: SimulatorSeed = .small
    /// Serve HTTPS with a CA and server certificate generated at start.
    public var tls = false
    /// The server certificate `tls` presents; `expired` and `wrongHost` exist to test clients' checks.
    public var serverCertificate: ServerCertificateKind = .valid
    /// Where to write the generated CA certificate (PEM) when `tls` is on.
    public var caOutFile: String? = nil
    /// Lifetime of issued access tokens, in seconds.
    public var tokenTTL: Double = 300
    /// Lifetime of refresh tokens, in seconds (each is also single use).
    public var refreshTokenTTL: Double = 3600
    /// Lifetime of the session token between the authorize redirect and the password login, in seconds.
    public var loginSessionTTL: Double = 120
    /// How long `GET /awsroles?refresh=true` takes, in seconds.
    public var scanDelay: Double = 1.5
    /// Seconds a generated principal key has an empty `public_key` before its key pair is ready (PrivX
    /// generates asynchronously; the Terraform provider waits up to 12 s).
    public var principalKeyDelay: Double = 0.5
    /// Above this many matches, evaluate answers with `count` only.
    public var evaluateLimit = 1000
    /// Most matching work one evaluate may ask for (filter terms × candidate users); above it evaluate is
    /// refused with 400 `VALUE_OUT_OF_BOUNDS`. 0 means no bound.
    public var evaluateMaxWork = 4_000_000
    /// Seconds a connection may stay silent (no request, or half a request) before the server closes it;
    /// nil never closes one.
    public var idleTimeout: Double? = 75
    /// Request log file; nil logs nowhere unless `logToStandardError`.
    public var logFile: String? = nil
    /// Fault injection settings; can be changed at run time with `SimulatorServer.setFaults`.
    public var faults = FaultOptions()
    /// Log requests to stderr when no log file is given (the executable does this).
    public var logToStandardError = false
    /// Largest accepted request body in bytes; larger bodies get 413.
    public var maxBodyBytes = 1_048_576
    /// AWS roles in the inventory; above the 33 curated ones, generated `bench/RoleNNNNN` roles fill up (for benchmarks).
    public var awsRoleCount: Int? = nil
    /// Defaults: small seed, HTTP on 127.0.0.1, any port, in-memory state.
    public init() {}
}
