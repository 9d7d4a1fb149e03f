import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// Drives the real `privx-roles` binary in tmux: `--demo`, or against a simulator the test starts itself
/// (configured through the environment) so every write can be checked through the API.
@Suite(.serialized) struct ConsoleEndToEndTests {
    let binary: String
    /// A state directory per test: a test that ends with an unsaved form (tmux's kill-server is a SIGHUP)
    /// leaves a recovery file, and the next start would offer it to an unrelated test.
    let stateHome = FileManager.default.temporaryDirectory.appendingPathComponent("privx-e2e-state-\(UUID().uuidString)").path

    init() throws {
        guard let path = TestBinaries.path(of: "privx-roles") else {
            throw TmuxSession.Failure(description: "privx-roles is not built: run `swift build --build-tests` first")
        }
        binary = path
    }

    var logEnvironment: [String: String] {
        ["LANG": "C.UTF-8", "XDG_STATE_HOME": stateHome]
    }

    /// Where the app's standard error goes (shown when a test fails).
    static let stderrFile = FileManager.default.temporaryDirectory.appendingPathComponent("privx-e2e-\(getpid()).stderr").path

    func demo(_ arguments: String = "", environment: [String: String] = [:], width: Int = 120, height: Int = 32) throws -> TmuxSession {
        try TmuxSession(width: width, height: height,
                        command: "\(TmuxSession.quote(binary)) --demo \(arguments) 2>>\(TmuxSession.quote(Self.stderrFile))",
                        environment: logEnvironment.merging(environment) { $1 })
    }

    /// The console against `server`, logged in as `credential` through environment settings.
    func console(_ server: SimulatorServer, _ credential: DemoCredential = DemoCredentials.admin) throws -> TmuxSession {
        let environment = logEnvironment.merging([
            "PRIVX_API_BASE_URL": server.baseURL,
            "PRIVX_API_OAUTH_CLIENT_ID": credential.oauthClientID, "PRIVX_API_OAUTH_CLIENT_SECRET": credential.oauthClientSecret,
            "PRIVX_API_CLIENT_ID": credential.apiClientID, "PRIVX_API_CLIENT_SECRET": credential.apiClientSecret,
            "XDG_CONFIG_HOME": "/nonexistent-privx-e2e",
        ]) { $1 }
        return try TmuxSession(width: 120, height: 32, command: "\(TmuxSession.quote(binary)) 2>>\(TmuxSession.quote(Self.stderrFile))",
                               environment: environment)
    }

    static func startServer() async throws -> (SimulatorServer, PrivXClient) {
        var options = SimulatorOptions()
        options.scanDelay = 0.2
        let server = try await SimulatorServer.start(options)
        let admin = DemoCredentials.admin
        let client = try PrivXClient(configuration: ClientConfiguration(
            baseURL: server.baseURL,
            credentials: .apiClient(oauthClientID: admin.oauthClientID, oauthClientSecret: admin.oauthClientSecret,
                                    apiClientID: admin.apiClientID, apiClientSecret: admin.apiClientSecret)))
        return (server, client)
    }

    /// Runs `body` with a fresh simulator and an admin client, and stops both however `body` ends.
    static func withServer(_ body: (SimulatorServer, PrivXClient) async throws -> Void) async throws {
        let (server, client) = try await startServer()
        do {
            try await body(server, client)
        } catch {
            await client.shutdown(); await server.stop()
            throw error
        }
        await client.shutdown(); await server.stop()
    }

    func selectedLine(_ screen: String) -> String? {
        screen.split(separator: "\n").first { $0.contains("│›") || $0.contains("|>") }.map(String.init)
    }

    /// Waits for the app to end and checks it exited with 0. tmux sometimes marks a pane dead without
    /// having collected the exit status (both formats empty); then the app's own stderr must be clean.
    func waitForExit(_ tmux: TmuxSession) throws {
        let pid = Int32(try tmux.value("#{pane_pid}")) ?? 0
        try tmux.waitUntil(timeout: 30, "exit") { _ in (try? tmux.value("#{pane_dead}")) == "1" || Self.hasEnded(pid) }
        var status = ""
        for _ in 0..<40 {
            status = (try tmux.value("#{pane_dead_status}") + " " + (try tmux.value("#{pane_dead_signal}")))
                .trimmingCharacters(in: .whitespaces)
            if !status.isEmpty { break }
            usleep(50_000)
        }
        let errors = (try? String(contentsOfFile: Self.stderrFile, encoding: .utf8)) ?? ""
        #expect(status == "0" || (status.isEmpty && errors.isEmpty), "exit status/signal \(status); stderr: \(errors.suffix(2000))")
    }

    /// True when the pane's process is gone or a zombie, or it is a shell whose children (the app)
    /// have all ended: tmux does not always notice such a pane's end in time.
    static func hasEnded(_ pid: Int32) -> Bool {
        func state(_ pid: Int32) -> Character? {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        }
        guard pid > 0, let own = state(pid), own != "Z" else { return true }
        let children = ((try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? "")
            .split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let command = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
        return command.hasPrefix("bash") || command.hasPrefix("sh")
            ? children.allSatisfy { state($0) == nil || state($0) == "Z" }
            : false
    }

    @Test func browseFilterSortDetailMembersAWSAndQuit() throws {
        let tmux = try demo()
        let first = try tmux.waitFor("Roles (60 of 60)", timeout: 40)
        #expect(first.contains("READ-ONLY") == false)
        // The status bar names the caller once /users/current answered.
        try tmux.waitFor("client Demo API client admin from Local users", timeout: 20)
        try tmux.send("/")
        try tmux.type("name:linux")
        try tmux.waitFor("Roles (2 of 60)")
        try tmux.send("Enter")
        try tmux.send("s")
        let sorted = try tmux.waitFor("Name▲")
        #expect(selectedLine(sorted)?.contains("linux-admins") == true)
        try tmux.send("Down")
        let detail = try tmux.waitUntil("detail of linux-operators") { $0.contains("Permissions (") && self.selectedLine($0)?.contains("linux-operators") == true }
        #expect(detail.contains("Mapping rules") || detail.contains("Members"))
        try tmux.send("m")
        try tmux.waitFor("Members of linux-operators")
        try tmux.send("Escape")
        try tmux.waitFor("Roles (2 of 60)")
        try tmux.send("Escape")
        try tmux.waitFor("Roles (60 of 60)")
        try tmux.send("2")
        let aws = try tmux.waitFor("AWS roles (")
        #expect(aws.contains("Account"))
        try tmux.send("?")
        try tmux.waitFor("Keys on AWS roles")
        try tmux.send("Escape")
        try tmux.waitUntil("help closed") { !$0.contains("Keys on AWS roles") }
        try tmux.send("q")
        try waitForExit(tmux)
    }

    @Test func mapAndUnmapChangeTheServer() async throws {
        try await Self.withServer { server, client in
            let aws = try #require(try await client.awsRoles(refresh: false).first { $0.name == "staging-ReadOnlyAccess" })
            let before = Set(try await client.awsRoleLinkedRoles(id: aws.id).map(\.name))
            let target = before.contains("security-auditors") ? "helpdesk" : "security-auditors"
            let tmux = try console(server)
            try tmux.waitFor("Roles (60 of 60)", timeout: 40)
            try tmux.send("2")
            try tmux.waitFor("AWS roles (")
            try tmux.send("/")
            try tmux.type("staging-ReadOnlyAccess")
            try tmux.send("Enter")
            try tmux.send("m")
            try tmux.waitFor("PrivX roles that grant staging-ReadOnlyAccess")
            try tmux.type(target)
            try tmux.send("Space")
            try tmux.waitFor("Change: staging-ReadOnlyAccess: +\(target)")
            try tmux.send("Enter")
            try tmux.waitFor("Apply mapping change")
            try tmux.send("y")
            try tmux.waitFor("Applied staging-ReadOnlyAccess", timeout: 20)
            #expect(Set(try await client.awsRoleLinkedRoles(id: aws.id).map(\.name)) == before.union([target]))

            try tmux.send("m")
            try tmux.waitFor("PrivX roles that grant")
            try tmux.type(target)
            try tmux.send("Space")
            try tmux.waitFor("Change: staging-ReadOnlyAccess: \u{2212}\(target)")
            try tmux.send("Enter")
            try tmux.send("y")
            try tmux.waitFor("Applied staging-ReadOnlyAccess: \u{2212}", timeout: 20)
            #expect(Set(try await client.awsRoleLinkedRoles(id: aws.id).map(\.name)) == before)
            try tmux.send("q")
            try waitForExit(tmux)
        }
    }

    @Test func conflictWhileTheChecklistIsOpenIsShown() async throws {
        try await Self.withServer { server, client in
            let aws = try #require(try await client.awsRoles(refresh: false).first { $0.name == "dev-PowerUserAccess" })
            let mappedBefore = Set(try await client.awsRoleLinkedRoles(id: aws.id).map(\.name))
            let target = try #require(["helpdesk", "soc-analysts", "web-admins"].first { !mappedBefore.contains($0) })
            let tmux = try console(server)
            try tmux.waitFor("Roles (60 of 60)", timeout: 40)
            try tmux.send("2")
            try tmux.send("/")
            try tmux.type("dev-PowerUserAccess")
            try tmux.send("Enter")
            try tmux.send("m")
            try tmux.waitFor("PrivX roles that grant dev-PowerUserAccess")
            try tmux.type(target)
            try tmux.send("Space")
            try tmux.waitFor("Change: dev-PowerUserAccess: +\(target)")

            let current = try await client.awsRoleLinkedRoles(id: aws.id)
            let other = try #require(try await client.resolveRoles(names: ["release-managers"]).first)
            try await client.setAWSRoleLinkedRoles(id: aws.id, roles: current + [RoleRef(id: other.id, name: other.name)])

            try tmux.send("Enter")
            try tmux.send("y")
            let conflict = try tmux.waitFor("Mapping changed meanwhile", timeout: 20)
            #expect(conflict.contains("+release-managers"))
            try tmux.send("y")
            try tmux.waitFor("Applied dev-PowerUserAccess", timeout: 20)
            let after = Set(try await client.awsRoleLinkedRoles(id: aws.id).map(\.name))
            #expect(after == mappedBefore.union(["release-managers", target]))
            try tmux.send("q")
            try waitForExit(tmux)
        }
    }

    /// The viewer's permissions (from /users/current) grey out the mapping keys and refuse them before any
    /// request; the 403 fallback is covered against the simulator in `SimulatorBackedTests`.
    @Test func viewerIsRefusedWithAClearMessage() throws {
        let tmux = try demo("--demo-user viewer")
        try tmux.waitFor("Roles (60 of 60)", timeout: 40)
        try tmux.waitFor("client Demo API client viewer from Local users", timeout: 20)
        try tmux.send("2")
        try tmux.waitFor("AWS roles (")
        try tmux.waitFor("m d  (needs role-target-resources-manage)")
        try tmux.send("m")
        let refused = try tmux.waitFor("is not available", timeout: 20)
        #expect(refused.contains("resources-manage") && !refused.contains("PrivX roles that grant"), "\(refused)")
        try tmux.send("q")
        try waitForExit(tmux)
    }

    @Test func resizesTo80x24And60x16() throws {
        let tmux = try demo()
        try tmux.waitFor("Roles (60 of 60)", timeout: 40)
        try tmux.resize(width: 80, height: 24)
        let medium = try tmux.waitUntil("80x24 layout") { $0.split(separator: "\n").count <= 24 && $0.contains("Roles (60 of 60)") && $0.contains("Role · Tab") }
        #expect(!medium.contains("too small"))
        try tmux.resize(width: 60, height: 16)
        let small = try tmux.waitUntil("60x16 layout") { $0.contains("Roles (60 of 60)") && !$0.contains("Role · Tab") }
        #expect(small.split(separator: "\n").allSatisfy { $0.count <= 60 })
        try tmux.send("Tab")
        try tmux.waitFor("Role · Tab")
        try tmux.resize(width: 40, height: 10)
        try tmux.waitFor("too small")
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("Roles (60 of 60)")
        try tmux.send("q")
        try waitForExit(tmux)
    }

    @Test func noColorUsesAttributesOnly() throws {
        let tmux = try demo(environment: ["NO_COLOR": "1"])
        let screen = try tmux.waitUntil(escapes: true, "monochrome screen") { $0.contains("Roles (60 of 60)") }
        #expect(!screen.contains("38;5;") && !screen.contains("48;5;"))
        #expect(!GalleryEndToEndTests.hasColorCode(screen))
        #expect(screen.contains("\u{1B}[7m") || screen.contains(";7m") || screen.contains("[7;"))
        try tmux.send("q")
        try waitForExit(tmux)
    }

    @Test func quitLeavesACleanTerminal() throws {
        var env = logEnvironment
        env["PS1"] = "$ "
        let tmux = try TmuxSession(width: 100, height: 30, command: "bash --norc --noprofile", environment: env)
        try tmux.waitFor("$")
        try tmux.type("echo BEFORE-MARK; \(TmuxSession.quote(binary)) --demo; echo \"exit=$?\"")
        try tmux.send("Enter")
        try tmux.waitFor("Roles (60 of 60)", timeout: 40)
        #expect(try tmux.value("#{alternate_on}") == "1")
        try tmux.send("q")
        let after = try tmux.waitFor("exit=0")
        #expect(after.contains("BEFORE-MARK"))
        #expect(try tmux.value("#{alternate_on}") == "0")
        try tmux.type("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo")
        try tmux.send("Enter")
        try tmux.waitFor("echo icanon")
    }

    @Test func missingConfigurationSaysWhatToSet() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent-privx-e2e", "XDG_CONFIG_HOME": "/nonexistent-privx-e2e",
                               "TERM": "xterm-256color", "LANG": "C.UTF-8"]
        let errors = Pipe()
        process.standardOutput = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("PRIVX_API_BASE_URL=https://privx.example.com"))
        #expect(message.contains("privx-roles --demo"))
    }

    @Test func keysMarkdownPrintsTheTable() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["keys", "--markdown"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.hasPrefix("| Keys | Action |"))
        #expect(text.contains("role-target-resources-manage"))
    }
}
