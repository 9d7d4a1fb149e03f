import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// The console's password dialog in tmux (issue 17): a person's session runs out while the role form has an
/// unsaved edit; F2 opens the dialog over the form, a wrong password is said and asked again, the right one
/// lets the waiting save through. Everything the terminal was sent (recorded by tmux), every capture, the
/// console's log and its stderr are searched for the passwords: none may appear.
@Suite(.serialized) struct PasswordDialogEndToEndTests {
    @Test func theDialogKeepsTheFormAndNeverShowsThePassword() async throws {
        var options = SimulatorOptions()
        options.tls = true
        // Long enough for the console to start and load; then the access and the refresh token both run out.
        options.tokenTTL = 10
        options.refreshTokenTTL = 10
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("privx-e2e-dialog-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        options.caOutFile = directory.appendingPathComponent("ca.pem").path
        let server = try await SimulatorServer.start(options)
        let password = DemoUsers.bob.password
        let wrong = "wrong-dialog-Pw-51"
        let log = directory.appendingPathComponent("console.log").path
        let raw = directory.appendingPathComponent("terminal.raw")
        do {
            let shell = try ConsoleShell(adding: ["PRIVX_API_BASE_URL": server.baseURL, "PRIVX_API_CA_CERT_FILE": options.caOutFile ?? ""])
            defer { shell.removeState() }
            try shell.tmux.recordOutput(to: raw)
            try shell.launch("--user bob --log \(log)")
            var screens = [try shell.tmux.waitFor("PrivX password for bob at", timeout: 30)]
            try shell.tmux.type(password)
            try shell.tmux.send("Enter")
            screens.append(try shell.tmux.waitFor("Roles (60 of 60)", timeout: 40))
            screens.append(try shell.tmux.waitFor("Bob Rolemanager (bob)", timeout: 20))
            try shell.tmux.send("/")
            try shell.tmux.type("db-readonly")
            try shell.tmux.send("Enter")
            try shell.tmux.send("e")
            screens.append(try shell.tmux.waitFor("Edit role db-readonly"))
            try shell.tmux.send("Tab", "End")
            try shell.tmux.type(" (dialog)")
            screens.append(try shell.tmux.waitFor("(dialog)"))
            try await Task.sleep(for: .seconds(11))

            try shell.tmux.send("F2")
            screens.append(try shell.tmux.waitFor("Save db-readonly?"))
            try shell.tmux.send("y")
            let dialog = try shell.tmux.waitFor("Log in to PrivX", timeout: 30)
            screens.append(dialog)
            #expect(dialog.contains("Your PrivX session has ended"), "\(dialog)")
            #expect(dialog.contains("Edit role db-readonly"), "the form stays below the dialog: \(dialog)")
            try shell.tmux.type(wrong)
            screens.append(try shell.tmux.waitFor(String(repeating: "\u{2022}", count: wrong.count)))
            try shell.tmux.send("Enter")
            screens.append(try shell.tmux.waitFor("was not accepted; try again", timeout: 30))
            try shell.tmux.type(password)
            screens.append(try shell.tmux.waitFor(String(repeating: "\u{2022}", count: password.count)))
            try shell.tmux.send("Enter")
            screens.append(try shell.tmux.waitFor("Saved db-readonly", timeout: 30))
            try shell.tmux.send("q")
            #expect(try shell.exitStatus() == 0)
            try shell.expectRestored()
            try shell.tmux.stopRecording()
            screens.append(try shell.tmux.capture())

            #expect(try await Self.comment(server, "db-readonly")?.hasSuffix(" (dialog)") == true, "the waiting save went through")
            let recorded = (try? String(contentsOf: raw, encoding: .utf8)) ?? ""
            #expect(recorded.count > 1000, "tmux recorded too little to mean anything")
            let logText = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            #expect(!logText.isEmpty)
            let stderr = (try? String(contentsOfFile: shell.stateHome.path + "/stderr", encoding: .utf8)) ?? ""
            for secret in [password, wrong] {
                #expect(!screens.contains { $0.contains(secret) }, "a capture holds a password")
                #expect(!recorded.contains(secret), "the terminal was sent a password")
                #expect(!logText.contains(secret) && !stderr.contains(secret), "the log or stderr holds a password")
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// The comment of the role named `name`, read by the demo admin API client.
    static func comment(_ server: SimulatorServer, _ name: String) async throws -> String? {
        let configuration = ClientConfiguration(baseURL: server.baseURL, credentials: .apiClient(
            oauthClientID: DemoCredentials.admin.oauthClientID, oauthClientSecret: DemoCredentials.admin.oauthClientSecret,
            apiClientID: DemoCredentials.admin.apiClientID, apiClientSecret: DemoCredentials.admin.apiClientSecret),
            additionalCACertificatesPEM: server.caCertificatePEM.map { [$0] } ?? [])
        let client = try PrivXClient(configuration: configuration)
        let role = try? await client.allRoles().first { $0.name == name }
        await client.shutdown()
        return role?.comment
    }
}
