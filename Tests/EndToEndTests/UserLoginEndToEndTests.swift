import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// The password prompt a person sees, in tmux: a headless command and the console's start, with echo off (the
/// password never appears in any capture), a wrong password asked again, Ctrl-C at the prompt leaving a working
/// terminal, and `privx-roles status` naming who is logged in.
@Suite(.serialized) struct UserLoginEndToEndTests {
    /// An HTTPS simulator whose CA the shell trusts through PRIVX_API_CA_CERT_FILE.
    static func withServer(_ body: (SimulatorServer, [String: String]) async throws -> Void) async throws {
        var options = SimulatorOptions()
        options.tls = true
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("privx-e2e-login-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        options.caOutFile = directory.appendingPathComponent("ca.pem").path
        let server = try await SimulatorServer.start(options)
        let environment = ["PRIVX_API_BASE_URL": server.baseURL, "PRIVX_API_CA_CERT_FILE": options.caOutFile ?? ""]
        do {
            try await body(server, environment)
        } catch {
            await server.stop()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        await server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Every screen the test saw must be free of `password`.
    static func expectNoPassword(_ screens: [String], _ password: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!screens.contains { $0.contains(password) }, "the password was echoed", sourceLocation: sourceLocation)
    }

    @Test func aHeadlessCommandAsksForThePasswordWithoutEchoAndStatusSaysWhoIsLoggedIn() async throws {
        try await Self.withServer { server, environment in
            let shell = try ConsoleShell(adding: environment)
            defer { shell.removeState() }
            let password = DemoUsers.bob.password
            try shell.launch("status --user bob")
            var screens = [try shell.tmux.waitFor("PrivX password for bob at", timeout: 30)]
            try shell.tmux.type("wrong-password-Hq27")
            try shell.tmux.send("Enter")
            screens.append(try shell.tmux.waitFor("not accepted; try again"))
            // Type only once the second prompt shows: echo goes off (dropping typeahead) just before it.
            screens.append(try shell.tmux.waitUntil(timeout: 30, "the second prompt") {
                $0.components(separatedBy: "PrivX password for bob at").count - 1 == 2
            })
            try shell.tmux.type(password)
            screens.append(try shell.tmux.capture())
            try shell.tmux.send("Enter")
            let done = try shell.tmux.waitFor("logged in as", timeout: 30)
            screens.append(done)
            #expect(done.contains("user Bob Rolemanager (bob)"), "\(done)")
            #expect(done.contains("Local users (LOCAL)"), "\(done)")
            #expect(try shell.exitStatus() == 0)
            Self.expectNoPassword(screens, password)
            Self.expectNoPassword(screens, "wrong-password-Hq27")
            try shell.expectRestored()
        }
    }

    @Test func ctrlCOrEndOfInputAtThePromptGivesTheTerminalBackWithEcho() async throws {
        try await Self.withServer { _, environment in
            let shell = try ConsoleShell(adding: environment)
            defer { shell.removeState() }
            try shell.launch("roles list --user carol")
            try shell.tmux.waitFor("PrivX password for carol at", timeout: 30)
            try shell.tmux.type("half-typed")
            try shell.tmux.send("C-c")
            #expect(try shell.exitStatus() == 130)
            try shell.expectRestored()
            #expect(!(try shell.tmux.capture()).contains("half-typed"))
            // End of input (Ctrl-D) at the prompt: the login is cancelled with a message, the terminal is back.
            // A fresh shell, so the first run's prompt on the screen cannot be mistaken for the second's.
            let second = try ConsoleShell(adding: environment)
            defer { second.removeState() }
            try second.launch("roles list --user carol")
            try second.tmux.waitFor("PrivX password for carol at", timeout: 30)
            try second.tmux.send("C-d")
            #expect(try second.exitStatus() == 1)
            try second.expectRestored()
            let stderr = (try? String(contentsOfFile: second.stateHome.path + "/stderr", encoding: .utf8)) ?? ""
            #expect(stderr.contains("PrivX needs the password of carol (the login was cancelled) and none was given"), "\(stderr)")
        }
    }

    @Test func theDemoConsoleAsksADemoUserForThePasswordBeforeTheScreenOpens() async throws {
        let shell = try ConsoleShell()
        defer { shell.removeState() }
        let password = DemoUsers.alice.password
        try shell.launch("--demo --demo-user alice")
        var screens = [try shell.tmux.waitFor("PrivX password for alice at demo 127.0.0.1:", timeout: 40)]
        try shell.tmux.type(password)
        screens.append(try shell.tmux.capture())
        try shell.tmux.send("Enter")
        screens.append(try shell.tmux.waitFor("Roles (60 of 60)", timeout: 40))
        // The status bar names the person and the source once /users/current answered.
        screens.append(try shell.tmux.waitFor("user Alice Admin (alice) from Local users", timeout: 20))
        try shell.tmux.send("q")
        #expect(try shell.exitStatus() == 0)
        Self.expectNoPassword(screens, password)
        try shell.expectRestored()
    }

    @Test func aConsoleStartWithAWrongPasswordEndsBeforeTheScreenWithAClearMessage() async throws {
        try await Self.withServer { _, environment in
            let shell = try ConsoleShell(adding: environment.merging(["PRIVX_API_USERNAME": "carol"]) { $1 })
            defer { shell.removeState() }
            try shell.launch("")
            for attempt in 0..<3 {
                try shell.tmux.waitUntil(timeout: 30, "prompt \(attempt + 1)") {
                    $0.components(separatedBy: "PrivX password for carol at").count - 1 == attempt + 1
                }
                try shell.tmux.type("nope-\(attempt)")
                try shell.tmux.send("Enter")
            }
            #expect(try shell.exitStatus() == 1)
            let stderr = (try? String(contentsOfFile: shell.stateHome.path + "/stderr", encoding: .utf8)) ?? ""
            #expect(stderr.contains("Login to PrivX as carol failed with HTTP 401"), "\(stderr)")
            #expect(!stderr.contains("nope-"))
            #expect(!(try shell.tmux.capture()).contains("nope-"), "a password was echoed")
            try shell.expectRestored()
        }
    }
}
