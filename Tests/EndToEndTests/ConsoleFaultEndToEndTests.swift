import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// The real console under faults and signals, in tmux: a failed save keeps the form, a restarted
/// simulator is reconnected to, and every signal restores the terminal with a meaningful exit status.
/// Part of the serialized console suite: these tests block a thread while they wait on tmux, and an
/// in-process simulator in a parallel suite would be starved of threads.
extension ConsoleEndToEndTests {
    static let faultAPI = "/role-store/api/v1"

    func openFormByName(_ tmux: TmuxSession, _ name: String) throws {
        try tmux.send("/")
        try tmux.type("name:" + name)
        try tmux.send("Enter")
        try tmux.send("e")
        try tmux.waitFor("Edit role \(name)")
    }

    /// Latency on every role-store request, so a signal arrives while one is in flight.
    func slowDown(_ server: SimulatorServer, milliseconds: Int = 4000) async {
        var faults = FaultOptions()
        faults.pathPrefix = "/role-store"
        faults.latencyMilliseconds = milliseconds
        await server.setFaults(faults)
    }

    @Test func aFaultDuringSaveKeepsTheFormAndF2Retries() async throws {
        try await ConsoleEndToEndTests.withServer { server, client in
            let shell = try ConsoleShell(baseURL: server.baseURL)
            defer { shell.removeState() }
            try shell.launch()
            try shell.tmux.waitFor("Roles (60 of 60)", timeout: 40)
            let role = try #require(try await client.allRoles().first { $0.name == "linux-admins" })
            try openFormByName(shell.tmux, "linux-admins")
            try shell.tmux.send("Tab", "End")
            try shell.tmux.type(" faulted")
            try shell.tmux.send("F2")
            try shell.tmux.waitFor("Save linux-admins?")
            var faults = FaultOptions()
            faults.pathPrefix = Self.faultAPI + "/roles/" + role.id
            faults.methods = ["PUT"]
            faults.rate = 1
            faults.kinds = [.http500]
            await server.setFaults(faults)
            try shell.tmux.send("y")
            let failed = try shell.tmux.waitFor("Not saved, your edits are kept", timeout: 20)
            #expect(failed.contains("Edit role linux-admins"))
            #expect(failed.contains(" faulted"), "the edit is still in the form")
            #expect(try await client.role(id: role.id).comment == role.comment)
            await server.setFaults(FaultOptions())
            try shell.tmux.send("F2")
            try shell.tmux.waitFor("Save linux-admins?")
            try shell.tmux.send("y")
            try shell.tmux.waitFor("Saved linux-admins", timeout: 20)
            #expect(try await client.role(id: role.id).comment == (role.comment ?? "") + " faulted")
            try shell.tmux.send("q")
            #expect(try shell.exitStatus() == 0)
            try shell.expectRestored()
        }
    }

    @Test func aKilledAndRestartedSimulatorIsReconnectedOnRefresh() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("sim-restart-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let port = try SimulatorSubprocess.freePort()
        var sim = try SimulatorSubprocess.start(port: port, data: data)
        defer { sim.kill(SIGKILL) }
        let shell = try ConsoleShell(baseURL: "http://127.0.0.1:\(port)")
        defer { shell.removeState() }
        try shell.launch()
        try shell.tmux.waitFor("Roles (60 of 60)", timeout: 40)
        sim.kill(SIGKILL)
        try shell.tmux.send("C-r")
        let down = try shell.tmux.waitFor("Loading roles failed", timeout: 30)
        #expect(down.contains("refused") || down.contains("connection"), "\(down)")
        try shell.tmux.send("Escape")

        sim = try SimulatorSubprocess.start(port: port, data: data)
        let admin = DemoCredentials.admin
        let client = try PrivXClient(configuration: ClientConfiguration(
            baseURL: "http://127.0.0.1:\(port)",
            credentials: .apiClient(oauthClientID: admin.oauthClientID, oauthClientSecret: admin.oauthClientSecret,
                                    apiClientID: admin.apiClientID, apiClientSecret: admin.apiClientSecret)))
        _ = try await client.createRole(Role(name: "after-restart"))
        await client.shutdown()
        try shell.tmux.send("C-r")
        try shell.tmux.waitFor("Roles (61 of 61)", timeout: 30)
        #expect(try shell.appPID() > 0, "the same console process")
        try shell.tmux.send("q")
        #expect(try shell.exitStatus() == 0)
        try shell.expectRestored()
    }

    @Test func sigtermAndSighupDuringARequestRestoreTheTerminalAndKeepTheForm() async throws {
        for (sig, status) in [(SIGTERM, 143), (SIGHUP, 129)] {
            try await ConsoleEndToEndTests.withServer { server, client in
                let shell = try ConsoleShell(baseURL: server.baseURL)
                defer { shell.removeState() }
                try shell.launch()
                try shell.tmux.waitFor("Roles (60 of 60)", timeout: 40)
                let role = try #require(try await client.allRoles().first { $0.name == "linux-admins" })
                try openFormByName(shell.tmux, "linux-admins")
                try shell.tmux.send("Tab", "End")
                try shell.tmux.type(" kept")
                try shell.tmux.waitFor(" kept")
                await slowDown(server)
                try shell.tmux.send("F5")      // evaluate the unsaved form: a request now in flight
                usleep(300_000)
                kill(try shell.appPID(), sig)
                #expect(try shell.exitStatus() == status)
                try shell.expectRestored()
                let files = shell.recoveryFiles
                #expect(files.count == 1)
                if let file = files.first {
                    #expect(file.hasSuffix("recovery-\(role.id).json"))
                    let mode = (try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)?.intValue
                    #expect(mode == 0o600)
                    let text = try String(contentsOfFile: file, encoding: .utf8)
                    #expect(text.contains(" kept") && text.contains(role.updated ?? "no updated"))
                    #expect(!text.contains(DemoCredentials.admin.apiClientSecret) && !text.contains(DemoCredentials.admin.oauthClientSecret))
                }
                #expect(try await client.role(id: role.id).comment == role.comment, "nothing was written")
                await server.setFaults(FaultOptions())

                // The next start offers the draft; restoring opens the form, and it saves through the usual path.
                try shell.launch()
                try shell.tmux.waitFor("Recovered an unsaved edit of role linux-admins", timeout: 40)
                try shell.tmux.send("r")
                try shell.tmux.waitForAll("Edit role linux-admins", " kept")
                try shell.tmux.send("F2")
                try shell.tmux.waitFor("Save linux-admins?")
                try shell.tmux.send("y")
                try shell.tmux.waitFor("Saved linux-admins", timeout: 20)
                #expect(try await client.role(id: role.id).comment == (role.comment ?? "") + " kept")
                #expect(shell.recoveryFiles.isEmpty)
                try shell.tmux.send("q")
                #expect(try shell.exitStatus() == 0)
            }
        }
    }

    @Test func ctrlCAsksWithUnsavedEditsAndASecondCtrlCQuitsWith130() async throws {
        try await ConsoleEndToEndTests.withServer { server, _ in
            let shell = try ConsoleShell(baseURL: server.baseURL)
            defer { shell.removeState() }
            try shell.launch()
            try shell.tmux.waitFor("Roles (60 of 60)", timeout: 40)
            try openFormByName(shell.tmux, "helpdesk")
            try shell.tmux.send("Tab", "End")
            try shell.tmux.type(" ctrl-c")
            // A signal overtakes keys still waiting to be read: wait until the edit is on screen.
            try shell.tmux.waitFor(" ctrl-c")
            await slowDown(server)
            try shell.tmux.send("F5")
            try shell.tmux.send("C-c")
            try shell.tmux.waitFor("Quit with unsaved edits?")
            try shell.tmux.send("n")
            try shell.tmux.waitUntil("the question to close") { !$0.contains("Quit with unsaved edits?") && $0.contains("Edit role helpdesk") }
            try shell.tmux.send("C-c")
            try shell.tmux.waitFor("Quit with unsaved edits?")
            try shell.tmux.send("C-c")
            #expect(try shell.exitStatus() == 130)
            try shell.expectRestored()
            #expect(shell.recoveryFiles.count == 1, "forced quit keeps the edits too")
        }
    }

    @Test func ctrlCWithoutEditsQuitsWith130DuringARequest() async throws {
        try await ConsoleEndToEndTests.withServer { server, _ in
            let shell = try ConsoleShell(baseURL: server.baseURL)
            defer { shell.removeState() }
            try shell.launch()
            try shell.tmux.waitFor("Roles (60 of 60)", timeout: 40)
            await slowDown(server)
            try shell.tmux.send("C-r")
            usleep(200_000)
            try shell.tmux.send("C-c")
            #expect(try shell.exitStatus() == 130)
            try shell.expectRestored()
            #expect(shell.recoveryFiles.isEmpty)
        }
    }

    @Test func ctrlZSuspendsDuringARequestAndFgResumes() async throws {
        try await ConsoleEndToEndTests.withServer { server, _ in
            let shell = try ConsoleShell(baseURL: server.baseURL)
            defer { shell.removeState() }
            try shell.launch()
            try shell.tmux.waitFor("Roles (60 of 60)", timeout: 40)
            await slowDown(server, milliseconds: 1500)
            try shell.tmux.send("C-r")
            try shell.tmux.send("C-z")
            let stopped = try shell.tmux.waitFor("Stopped")
            #expect(stopped.contains("BEFORE-MARK"))
            #expect(try shell.tmux.value("#{alternate_on}") == "0")
            await server.setFaults(FaultOptions())
            // The shell already ran the rest of the launch line (EXIT-148 for the stop): print fg's status instead.
            try shell.tmux.type("clear; echo BEFORE-MARK; fg; echo EXIT-$?")
            try shell.tmux.send("Enter")
            try shell.tmux.waitFor("Roles (60 of 60)", timeout: 30)
            #expect(try shell.tmux.value("#{alternate_on}") == "1")
            try shell.tmux.send("2")
            try shell.tmux.waitFor("AWS roles (")
            try shell.tmux.send("q")
            #expect(try shell.exitStatus() == 0)
            try shell.expectRestored()
        }
    }

    @Test func aRuntimeTrapRestoresTheTerminalAndLogsOneLine() async throws {
        try await ConsoleEndToEndTests.withServer { server, _ in
            let shell = try ConsoleShell(baseURL: server.baseURL)
            defer { shell.removeState() }
            try shell.launch()
            try shell.tmux.waitFor("Roles (60 of 60)", timeout: 40)
            await slowDown(server)
            try shell.tmux.send("C-r")
            usleep(200_000)
            // A Swift runtime trap on x86_64 Linux is SIGILL (ud2); on arm64 it is SIGTRAP.
            kill(try shell.appPID(), SIGILL)
            let status = try shell.exitStatus()
            #expect(status == 128 + Int(SIGILL))
            try shell.expectRestored()
            #expect(shell.log.contains("privx-roles: stopped by fatal signal \(SIGILL) (a runtime trap or crash); the terminal was restored"),
                    "\(shell.log.suffix(500))")
        }
    }
}

/// The real `privx-rolestore-sim` executable on a fixed port with a state file, to kill and restart.
struct SimulatorSubprocess {
    let process: Process

    /// A port that was free a moment ago (bound to port 0, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TmuxSession.Failure(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func start(port: Int, data: String) throws -> SimulatorSubprocess {
        guard let binary = TestBinaries.path(of: "privx-rolestore-sim") else {
            throw TmuxSession.Failure(description: "privx-rolestore-sim is not built")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--port", String(port), "--data", data, "--log", data + ".log"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = output.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).contains("listening") else {
            process.terminate()
            throw TmuxSession.Failure(description: "the simulator did not start: \(String(decoding: line, as: UTF8.self))")
        }
        return SimulatorSubprocess(process: process)
    }

    func kill(_ sig: Int32) {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, sig)
        process.waitUntilExit()
    }
}
