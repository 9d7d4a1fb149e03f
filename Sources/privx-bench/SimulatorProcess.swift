import Foundation
import RoleStoreSimulator

/// `privx-rolestore-sim` as its own process (so its memory and CPU are not the client's) on loopback:
/// plain HTTP, or HTTPS with its generated CA written next to its log (as a real PrivX is reached).
final class SimulatorProcess: @unchecked Sendable {
    let child: ChildProcess
    let baseURL: String
    let logFile: String
    /// The CA certificate to trust, with `tls`.
    let caFile: String?

    /// Starts the simulator seeded with `roles` roles (and `awsRoles` AWS roles when given); `latency`
    /// adds that many milliseconds to every role-list request (`--fault-path /role-store/api/v1/roles`).
    init(binDir: String, roles: Int, awsRoles: Int? = nil, tls: Bool = false, latency: Int? = nil) throws {
        let stem = NSTemporaryDirectory() + "privx-bench-sim-\(getpid())-\(roles)\(tls ? "-tls" : "")\(latency.map { "-\($0)ms" } ?? "")"
        logFile = stem + ".log"
        caFile = tls ? stem + "-ca.pem" : nil
        var arguments = ["--port", "0", "--seed", String(roles), "--log", logFile]
        if let awsRoles { arguments += ["--aws-roles", String(awsRoles)] }
        if let caFile { arguments += ["--tls", "--ca-out", caFile] }
        if let latency { arguments += ["--fault-path", "/role-store/api/v1/roles", "--fault-latency", String(latency)] }
        child = try ChildProcess(binDir + "/privx-rolestore-sim", arguments)
        guard let line = child.waitForLine(prefix: "listening on ") else {
            throw BenchError("privx-rolestore-sim \(arguments.joined(separator: " ")) did not start; run it by hand to see why")
        }
        baseURL = String(line.dropFirst("listening on ".count)).trimmingCharacters(in: .whitespaces)
    }

    /// Environment for `privx-roles` subcommands: the demo admin client against this simulator.
    var clientEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        let admin = DemoCredentials.named("admin")
        environment["PRIVX_API_BASE_URL"] = baseURL
        environment["PRIVX_API_CLIENT_ID"] = admin?.apiClientID
        environment["PRIVX_API_CLIENT_SECRET"] = admin?.apiClientSecret
        environment["PRIVX_API_OAUTH_CLIENT_ID"] = admin?.oauthClientID
        environment["PRIVX_API_OAUTH_CLIENT_SECRET"] = admin?.oauthClientSecret
        if let caFile { environment["PRIVX_API_CA_CERT_FILE"] = caFile }
        return environment
    }

    /// Role-list requests the simulator has logged so far.
    func roleListRequests() -> Int {
        ProcFile.read(logFile).split(separator: "\n").filter { $0.contains("GET /role-store/api/v1/roles ") }.count
    }

    /// Stops the simulator and removes its log.
    func stop() {
        child.stop()
        try? FileManager.default.removeItem(atPath: logFile)
        if let caFile { try? FileManager.default.removeItem(atPath: caFile) }
    }
}
