import Foundation
import RoleStoreSimulator

/// `privx-rolestore-sim` as its own process (so its memory and CPU are not the client's), plain HTTP on loopback.
final class SimulatorProcess: @unchecked Sendable {
    let child: ChildProcess
    let baseURL: String
    let logFile: String

    /// Starts the simulator seeded with `roles` roles (and `awsRoles` AWS roles when given).
    init(binDir: String, roles: Int, awsRoles: Int? = nil) throws {
        logFile = NSTemporaryDirectory() + "privx-bench-sim-\(getpid())-\(roles).log"
        var arguments = ["--port", "0", "--seed", String(roles), "--log", logFile]
        if let awsRoles { arguments += ["--aws-roles", String(awsRoles)] }
        child = try ChildProcess(binDir + "/privx-rolestore-sim", arguments)
        guard let line = child.waitForLine(prefix: "listening on ") else {
            throw BenchError("privx-rolestore-sim --seed \(roles) did not start; run it by hand to see why")
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
    }
}
