import Foundation
import RoleStoreSimulator
import Testing

/// Runs the real binaries the ways a person would (console in tmux, headless commands, `--help`,
/// `config show`, error paths, secrets as flags, a config file with secrets) and then searches everything
/// they produced (the simulator's request log, the console's log file, stdout/stderr, every tmux screen
/// this test process captured, the e2e stderr and state files) for every secret the run used: 0 hits.
@Suite(.serialized) struct SecretsScanEndToEndTests {
    let binary: String
    let work: URL

    init() throws {
        guard let path = TestBinaries.path(of: "privx-roles") else {
            throw TmuxSession.Failure(description: "privx-roles is not built: run `swift build --build-tests` first")
        }
        binary = path
        work = FileManager.default.temporaryDirectory.appendingPathComponent("privx-secrets-scan-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    /// Runs `privx-roles arguments...` with stdout and stderr together; keeps the output in `work`.
    func run(_ arguments: [String], environment: [String: String], name: String) throws -> Subprocess.Result {
        let line = ([binary] + arguments).map(TmuxSession.quote).joined(separator: " ") + " 2>&1"
        let result = try Subprocess.run(["/bin/sh", "-c", line], environment: environment)
        try result.output.write(to: work.appendingPathComponent("\(name).out"), atomically: true, encoding: .utf8)
        return result
    }

    /// Every file under `directory` (recursively).
    static func files(under directory: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }

    @Test func noSecretInAnyOutputOfTheRun() async throws {
        var options = SimulatorOptions()
        options.logFile = work.appendingPathComponent("simulator.log").path
        let server = try await SimulatorServer.start(options)
        // A server whose sessions run out quickly: the console's password dialog is part of the run.
        var shortOptions = SimulatorOptions()
        shortOptions.logFile = work.appendingPathComponent("simulator-short-sessions.log").path
        shortOptions.tokenTTL = 10
        shortOptions.refreshTokenTTL = 10
        let shortServer: SimulatorServer
        do {
            shortServer = try await SimulatorServer.start(shortOptions)
        } catch {
            await server.stop()
            throw error
        }
        let admin = DemoCredentials.admin
        let fileSecret = "config-file-secret-Zq81"
        let home = work.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("privx-roles"), withIntermediateDirectories: true)
        let base = ["HOME": home.path, "XDG_CONFIG_HOME": home.path, "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                    "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let credentials = ["PRIVX_API_BASE_URL": server.baseURL,
                           "PRIVX_API_OAUTH_CLIENT_ID": admin.oauthClientID, "PRIVX_API_OAUTH_CLIENT_SECRET": admin.oauthClientSecret,
                           "PRIVX_API_CLIENT_ID": admin.apiClientID, "PRIVX_API_CLIENT_SECRET": admin.apiClientSecret]
        let statuses: [String: Int32]
        // Every base64 line of the private keys the run imports.
        let privateKeyLines: [String]
        let binary = self.binary
        let work = self.work
        do {
            (statuses, privateKeyLines) = try await offPool { () throws -> ([String: Int32], [String]) in
                var statuses: [String: Int32] = [:]
                var privateKeyLines: [String] = []
                // The console in tmux, logging to a file: browse, members, quit.
                let log = work.appendingPathComponent("console.log").path
                let tmux = try TmuxSession(width: 120, height: 32,
                                           command: "\(TmuxSession.quote(binary)) console --log \(TmuxSession.quote(log)) 2>>\(TmuxSession.quote(work.appendingPathComponent("console.stderr").path))",
                                           environment: base.merging(credentials) { $1 })
                try tmux.waitFor("Roles (60 of 60)", timeout: 40)
                try tmux.send("Down")
                try tmux.send("m")
                try tmux.waitFor("Members of")
                try tmux.send("Escape")
                try tmux.send("q")
                // The console with a wrong secret: the login error is on screen.
                let wrong = try TmuxSession(width: 120, height: 32, command: "\(TmuxSession.quote(binary)) console",
                                            environment: base.merging(credentials) { $1 }.merging(["PRIVX_API_CLIENT_SECRET": "wrong-secret-Xy12"]) { $1 })
                try wrong.waitUntil(timeout: 40, "the login error") { $0.contains("401") || $0.lowercased().contains("login") && $0.lowercased().contains("fail") }
                try wrong.send("q")
                // A person: the console's password prompt in tmux, then headless runs with the password from the
                // environment (right and wrong) and from a file descriptor.
                let person = try TmuxSession(width: 120, height: 32,
                                             command: "\(TmuxSession.quote(binary)) console --user alice --log \(TmuxSession.quote(log))",
                                             environment: base.merging(["PRIVX_API_BASE_URL": server.baseURL]) { $1 })
                try person.waitFor("PrivX password for alice at", timeout: 40)
                try person.type(DemoUsers.alice.password)
                try person.send("Enter")
                try person.waitFor("Roles (60 of 60)", timeout: 40)
                try person.send("q")
                // The password dialog: the session (access and refresh token) runs out, ctrl-r asks for the password.
                let dialog = try TmuxSession(width: 120, height: 32,
                                             command: "\(TmuxSession.quote(binary)) console --user carol --log \(TmuxSession.quote(log))",
                                             environment: base.merging(["PRIVX_API_BASE_URL": shortServer.baseURL]) { $1 })
                try dialog.recordOutput(to: work.appendingPathComponent("dialog-terminal.raw"))
                try dialog.waitFor("PrivX password for carol at", timeout: 40)
                try dialog.type(DemoUsers.carol.password)
                try dialog.send("Enter")
                try dialog.waitFor("Roles (60 of 60)", timeout: 40)
                Thread.sleep(forTimeInterval: 11)
                try dialog.send("C-r")
                try dialog.waitFor("Log in to PrivX", timeout: 30)
                try dialog.type("wrong-password-Pq44")
                try dialog.send("Enter")
                try dialog.waitFor("was not accepted", timeout: 30)
                try dialog.type(DemoUsers.carol.password)
                try dialog.send("Enter")
                try dialog.waitUntil(timeout: 30, "the dialog to close") { !$0.contains("Log in to PrivX") && $0.contains("Roles (60 of 60)") }
                try dialog.send("q")
                try dialog.stopRecording()
                let asUser = base.merging(["PRIVX_API_BASE_URL": server.baseURL, "PRIVX_API_USERNAME": "bob"]) { $1 }
                statuses["user-env-password"] = try run(["roles", "list", "--verbose"],
                                                        environment: asUser.merging(["PRIVX_API_PASSWORD": DemoUsers.bob.password]) { $1 },
                                                        name: "user-env-password").status
                statuses["user-wrong-password"] = try run(["status", "--verbose"],
                                                          environment: asUser.merging(["PRIVX_API_PASSWORD": "wrong-password-Pq44"]) { $1 },
                                                          name: "user-wrong-password").status
                let secretDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("privx-pw-\(UUID().uuidString.prefix(8))")
                try FileManager.default.createDirectory(at: secretDirectory, withIntermediateDirectories: true)
                let passwordFile = secretDirectory.appendingPathComponent("password")
                try (DemoUsers.carol.password + "\n").write(to: passwordFile, atomically: true, encoding: .utf8)
                let fdRun = try Subprocess.run(["/bin/sh", "-c", "\(TmuxSession.quote(binary)) status --verbose --user carol --password-fd 3 "
                                                + "3<\(TmuxSession.quote(passwordFile.path)) 2>&1"], environment: base.merging(["PRIVX_API_BASE_URL": server.baseURL]) { $1 })
                try? FileManager.default.removeItem(at: secretDirectory)
                try fdRun.output.write(to: work.appendingPathComponent("user-password-fd.out"), atomically: true, encoding: .utf8)
                statuses["user-password-fd"] = fdRun.status

                // Headless: help, config show (environment, flags, a config file), commands, error paths.
                let everything = base.merging(credentials) { $1 }
                statuses["help"] = try run(["--help"], environment: base, name: "help").status
                statuses["console-help"] = try run(["console", "--help"], environment: base, name: "console-help").status
                statuses["config-show-env"] = try run(["config", "show"], environment: everything, name: "config-show-env").status
                statuses["roles-list-flags"] = try run(
                    ["roles", "list", "--verbose", "--base-url", server.baseURL, "--client-id", admin.apiClientID,
                     "--client-secret", admin.apiClientSecret, "--oauth-client-secret", admin.oauthClientSecret],
                    environment: base, name: "roles-list-flags").status
                statuses["status-wrong-secret"] = try run(["status", "--verbose"], environment: everything.merging(["PRIVX_API_CLIENT_SECRET": "wrong-secret-Xy12"]) { $1 },
                                                          name: "status-wrong-secret").status
                statuses["unreachable"] = try run(["roles", "list"], environment: everything.merging(["PRIVX_API_BASE_URL": "http://127.0.0.1:1"]) { $1 },
                                                  name: "unreachable").status
                let config = home.appendingPathComponent("privx-roles/config.toml")
                let toml = "[api]\nbase_url = \"\(server.baseURL)\"\n[auth]\napi_client_id = \"\(admin.apiClientID)\"\n"
                    + "api_client_secret = \"\(fileSecret)\"\noauth_client_secret = \"\(admin.oauthClientSecret)\"\n"
                try toml.write(to: config, atomically: true, encoding: .utf8)
                chmod(config.path, 0o644)
                statuses["loose-config"] = try run(["config", "show"], environment: base, name: "loose-config").status
                chmod(config.path, 0o600)
                statuses["config-show-file"] = try run(["config", "show"], environment: base, name: "config-show-file").status
                statuses["status-file-secret"] = try run(["status"], environment: base, name: "status-file-secret").status
                try FileManager.default.removeItem(at: config)
                guard let token = server.issuedTokens.first else { throw TmuxSession.Failure(description: "the simulator issued no token") }
                statuses["bearer-flag"] = try run(["config", "show", "--bearer-token", token, "--base-url", server.baseURL],
                                                  environment: base, name: "bearer-flag").status
                statuses["bearer-roles"] = try run(["roles", "show", "oracle-dba", "--bearer-token", token, "--base-url", server.baseURL, "--verbose"],
                                                   environment: base, name: "bearer-roles").status
                // Principal keys: private keys imported from files (accepted, and refused as unsupported), kept
                // outside `work`; their PEM text is a secret the scan looks for below.
                let keyDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("privx-pk-\(UUID().uuidString.prefix(8))")
                try FileManager.default.createDirectory(at: keyDirectory, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: keyDirectory) }
                for (type, format) in [("ed25519", ""), ("rsa", "PEM"), ("ecdsa", "PEM")] {
                    let file = keyDirectory.appendingPathComponent(type).path
                    let made = try Subprocess.run(["/usr/bin/ssh-keygen", "-q", "-t", type, "-N", "", "-f", file] + (format.isEmpty ? [] : ["-m", format]),
                                                  environment: base)
                    guard made.status == 0 else { throw TmuxSession.Failure(description: "ssh-keygen: \(made.output)") }
                    privateKeyLines += try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
                        .filter { !$0.hasPrefix("-----") && $0.count >= 20 }.map(String.init)
                    statuses["keys-import-\(type)"] = try run(["roles", "keys", "db-admins", "--import", file, "--verbose"],
                                                              environment: everything, name: "keys-import-\(type)").status
                }
                statuses["keys-list"] = try run(["roles", "keys", "db-admins", "--json"], environment: everything, name: "keys-list").status
                // The console's import (K, i, the path completed with Tab, Enter), logging to a file, with everything
                // it writes to the terminal recorded (pipe-pane) in `work`: neither may hold the key.
                let consoleKey = keyDirectory.appendingPathComponent("console-ed25519").path
                let madeConsoleKey = try Subprocess.run(["/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", consoleKey], environment: base)
                guard madeConsoleKey.status == 0 else { throw TmuxSession.Failure(description: "ssh-keygen: \(madeConsoleKey.output)") }
                privateKeyLines += try String(contentsOfFile: consoleKey, encoding: .utf8).split(separator: "\n")
                    .filter { !$0.hasPrefix("-----") && $0.count >= 20 }.map(String.init)
                let importer = try TmuxSession(width: 120, height: 32,
                                               command: "\(TmuxSession.quote(binary)) console --log \(TmuxSession.quote(log)) 2>>\(TmuxSession.quote(work.appendingPathComponent("console.stderr").path))",
                                               environment: base.merging(credentials) { $1 })
                try importer.recordOutput(to: work.appendingPathComponent("console-keys.terminal"))
                try importer.waitFor("Roles (60 of 60)", timeout: 40)
                try importer.send("/")
                try importer.type("break-glass")
                try importer.send("Enter")
                try importer.send("K")
                try importer.waitFor("Principal keys of break-glass")
                try importer.send("i")
                try importer.type(keyDirectory.path + "/console-ed")
                try importer.send("Tab")
                try importer.waitFor("console-ed25519")
                try importer.type(".pub")
                try importer.send("Enter")
                try importer.waitFor("Import principal key")
                try importer.send("y")
                // The public half is refused by the server (naming private_key), then the private key is imported.
                try importer.waitFor("private_key", timeout: 20)
                try importer.waitFor("Private key file: \(consoleKey).pub")
                try importer.send("Escape")
                // Esc and the next key sent together would arrive as Alt-i: wait for the prompt to close first.
                try importer.waitUntil("the prompt closed") { !$0.contains("Private key file:") }
                try importer.send("i")
                try importer.type(consoleKey)
                try importer.send("Enter")
                try importer.waitFor("Import principal key")
                try importer.send("y")
                try importer.waitFor("Imported the key in", timeout: 20)
                try importer.stopRecording()
                try importer.send("Escape")
                try importer.send("q")
                return (statuses, privateKeyLines)
            }
        } catch {
            await server.stop()
            await shortServer.stop()
            throw error
        }
        let tokens = server.issuedTokens + shortServer.issuedTokens
        await server.stop()
        await shortServer.stop()
        // The dialog run renewed nothing (both tokens expired) but logged in twice: its tokens are scanned too.
        #expect(shortServer.issuedTokens.count >= 4, "the password dialog run did not log in again")

        #expect(statuses["help"] == 0 && statuses["config-show-env"] == 0 && statuses["roles-list-flags"] == 0, "\(statuses)")
        #expect(statuses["status-wrong-secret"] == 1 && statuses["unreachable"] == 1, "\(statuses)")
        #expect(statuses["loose-config"] == 2, "a config file with a secret and mode 0644 must be refused: \(statuses)")
        #expect(statuses["config-show-file"] == 0 && statuses["bearer-roles"] == 0, "\(statuses)")
        #expect(statuses["status-file-secret"] == 1, "the file's wrong API secret must fail the login: \(statuses)")
        #expect(statuses["user-env-password"] == 0 && statuses["user-password-fd"] == 0, "\(statuses)")
        #expect(statuses["user-wrong-password"] == 1, "a wrong password must fail the login: \(statuses)")
        #expect(statuses["keys-import-ed25519"] == 0 && statuses["keys-import-rsa"] == 0 && statuses["keys-list"] == 0, "\(statuses)")
        #expect(statuses["keys-import-ecdsa"] == 1, "an ECDSA key is refused by the server: \(statuses)")
        #expect(privateKeyLines.count > 20, "the imported keys' lines were not collected")
        let fdOutput = try String(contentsOf: work.appendingPathComponent("user-password-fd.out"), encoding: .utf8)
        #expect(fdOutput.contains("Carol Auditor (carol)"), "\(fdOutput)")
        let flagsOutput = try String(contentsOf: work.appendingPathComponent("roles-list-flags.out"), encoding: .utf8)
        #expect(flagsOutput.contains("ps"), "a secret on the command line must warn")
        let loose = try String(contentsOf: work.appendingPathComponent("loose-config.out"), encoding: .utf8)
        #expect(loose.contains("chmod 600"), "\(loose)")

        // Scan: this run's files, every tmux screen this process captured, and the other e2e suites' leftovers.
        let temporary = FileManager.default.temporaryDirectory
        var scanned = Self.files(under: work) + Self.files(under: TmuxSession.captureDirectory)
        let entries = (try? FileManager.default.contentsOfDirectory(at: temporary, includingPropertiesForKeys: nil)) ?? []
        for state in entries where state.lastPathComponent.hasPrefix("privx-e2e-state") { scanned += Self.files(under: state) }
        scanned += entries.filter { $0.lastPathComponent.hasPrefix("privx-e2e-") && $0.pathExtension == "stderr" }
        // Issued tokens are the access and the (rotated) refresh tokens of every login, persons included.
        let secrets = DemoCredentials.all.flatMap { [$0.apiClientSecret, $0.oauthClientSecret] } + [fileSecret, "wrong-secret-Xy12"] + tokens
            + DemoUsers.all.map(\.password) + ["wrong-password-Pq44"] + privateKeyLines
        var bytes = 0
        var hits: [String] = []
        for file in Set(scanned) {
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            bytes += data.count
            let text = String(decoding: data, as: UTF8.self)
            for secret in Set(secrets) where text.contains(secret) {
                hits.append("\(file.lastPathComponent) holds a secret (\(secret.prefix(4))…)")
            }
        }
        let captures = Self.files(under: TmuxSession.captureDirectory).count
        print("secrets scan: \(Set(scanned).count) files (\(captures) tmux capture logs), \(bytes) bytes, "
            + "\(Set(secrets).count) secrets (\(tokens.count) issued tokens), \(hits.count) hits")
        #expect(bytes > 10_000, "the scan found too little output to mean anything")
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("simulator.log").path))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("console.log").path))
        let recorded = (try? Data(contentsOf: work.appendingPathComponent("console-keys.terminal")))?.count ?? 0
        #expect(recorded > 5_000, "the console import's terminal output was not recorded (\(recorded) bytes)")
        #expect(hits.isEmpty, "\(hits)")
    }
}
