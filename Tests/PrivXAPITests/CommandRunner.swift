import Foundation
import RoleStoreSimulator

/// What a run of the `privx-roles` binary produced.
struct CommandResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `privx-roles` executable (found next to the test bundle) as a subprocess.
enum PrivXRolesBinary {
    static var url: URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("privx-roles")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/privx-roles")
    }

    /// The environment of a demo API client against `server`, with an empty config home.
    static func environment(for server: SimulatorServer, as credential: DemoCredential = DemoCredentials.admin) throws -> [String: String] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("privx-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return [
            "HOME": home.path, "XDG_CONFIG_HOME": home.path, "PATH": "/usr/bin:/bin",
            "PRIVX_API_BASE_URL": server.baseURL,
            "PRIVX_API_CLIENT_ID": credential.apiClientID, "PRIVX_API_CLIENT_SECRET": credential.apiClientSecret,
            "PRIVX_API_OAUTH_CLIENT_ID": credential.oauthClientID,
            "PRIVX_API_OAUTH_CLIENT_SECRET": credential.oauthClientSecret,
        ]
    }

    /// Runs the binary; `input` (when given) is its standard input, else the null device.
    static func run(_ arguments: [String], environment: [String: String], input: String? = nil) async throws -> CommandResult {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = input.map { _ in Pipe() }
        process.standardInput = stdin ?? FileHandle.nullDevice
        try process.run()
        if let stdin, let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Blocking reads run on GCD threads, never on the cooperative pool the simulators need.
        let (o, e) = await withCheckedContinuation { (continuation: CheckedContinuation<(Data, Data), Never>) in
            DispatchQueue.global().async {
                let group = DispatchGroup()
                nonisolated(unsafe) var errData = Data()
                DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
                let outData = out.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                continuation.resume(returning: (outData, errData))
            }
        }
        let result = CommandResult(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                                   stderr: String(decoding: e, as: UTF8.self))
        TestTranscript.errorTexts.append(result.stderr)
        TestTranscript.logLines.append(result.stdout)
        return result
    }
}
