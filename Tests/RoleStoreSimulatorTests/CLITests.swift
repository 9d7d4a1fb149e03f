import Dispatch
import Foundation
import RoleStoreSimulator
import Testing

@Suite("privx-rolestore-sim command line")
struct CLITests {
    /// Runs the executable to completion and returns (exit status, stdout, stderr).
    static func run(_ arguments: [String]) async throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = try SimulatorProcess.executableURL()
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let box = UncheckedBox((process, output, errors))
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let (process, output, errors) = box.value
                let out = output.fileHandleForReading.readDataToEndOfFile()
                let err = errors.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, String(decoding: out, as: UTF8.self),
                                                String(decoding: err, as: UTF8.self)))
            }
        }
    }

    @Test func printsTheDemoCredentials() async throws {
        let (status, output, _) = try await Self.run(["--print-demo-credentials"])
        #expect(status == 0)
        for credential in DemoCredentials.all {
            #expect(output.contains("# \(credential.name)"))
            #expect(output.contains("PRIVX_API_CLIENT_ID=\(credential.apiClientID)"))
            #expect(output.contains("PRIVX_API_CLIENT_SECRET=\(credential.apiClientSecret)"))
        }
        #expect(output.contains("PRIVX_API_OAUTH_CLIENT_ID=privx-external"))
        for user in DemoUsers.all {
            #expect(output.contains("# user \(user.name) (\(user.fullName)), \(user.summary)"))
            #expect(output.contains("privx-roles --user \(user.name)    (password: \(user.password))"))
        }
        #expect(output.contains("roles: role-managers; permissions: roles-view, roles-manage, sources-view, users-view"))
    }

    @Test func demoPasswordsAppearOnlyInThePrintedCredentials() async throws {
        // Demo passwords are printed by --print-demo-credentials only: not by --help, not in the startup lines.
        let (_, help, _) = try await Self.run(["--help"])
        #expect(help.contains("--print-demo-credentials"))
        for user in DemoUsers.all {
            #expect(!help.contains(user.password))
            #expect(!String(describing: user).contains(user.password))
        }
    }

    @Test(arguments: [["--seed", "lots"], ["--fault-kinds", "500,gremlins"], ["--ca-out", "/tmp/x.pem"], ["--port", "70000"]])
    func rejectsBadFlagsWithAMessage(arguments: [String]) async throws {
        let (status, _, errors) = try await Self.run(arguments)
        #expect(status != 0)
        #expect(errors.contains("Error:"), "\(errors)")
    }

    @Test func tlsPrintsAnHTTPSURLAndWritesTheCA() async throws {
        let directory = try temporaryDirectory()
        let ca = directory.appendingPathComponent("ca.pem").path
        let process = try await SimulatorProcess(arguments: ["--port", "0", "--tls", "--ca-out", ca])
        #expect(process.baseURL.hasPrefix("https://127.0.0.1:"))
        #expect(try String(contentsOfFile: ca, encoding: .utf8).contains("BEGIN CERTIFICATE"))
        #expect(await process.signal(SIGTERM) == 0)
    }
}
