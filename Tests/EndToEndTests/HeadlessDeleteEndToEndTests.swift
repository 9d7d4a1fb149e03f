import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// `roles delete` on a real terminal (tmux): without --yes it asks for the typed name, as the console's dialog does.
@Suite(.serialized) struct HeadlessDeleteEndToEndTests {
    @Test func deleteOnATerminalAsksForTheTypedName() async throws {
        try await ConsoleEndToEndTests.withServer { server, client in
            var role = Role(name: "delete-me-e2e")
            role.comment = "made by the tmux test"
            let id = try await client.createRole(role)
            let shell = try ConsoleShell(baseURL: server.baseURL)
            defer { shell.removeState() }
            let command = "\(TmuxSession.quote(shell.binary)) roles delete delete-me-e2e"

            // A wrong name keeps the role.
            try start(shell, command, marker: "first")
            let question = try shell.tmux.waitForAll("Delete the role delete-me-e2e?", "Type the name delete-me-e2e", timeout: 30)
            #expect(question.contains("Nobody has it"), "\(question)")
            try shell.tmux.type("delete-me")
            try shell.tmux.send("Enter")
            let refused = try finish(shell, marker: "first")
            #expect(refused.status == 1)
            #expect(refused.screen.contains("not confirmed; kept"), "\(refused.screen)")
            #expect(try await client.role(id: id).name == "delete-me-e2e")

            // The exact name deletes it.
            try start(shell, command, marker: "second")
            _ = try shell.tmux.waitFor("Type the name delete-me-e2e", timeout: 30)
            try shell.tmux.type("delete-me-e2e")
            try shell.tmux.send("Enter")
            let deleted = try finish(shell, marker: "second")
            #expect(deleted.status == 0)
            #expect(deleted.screen.contains("delete-me-e2e: delete applied"), "\(deleted.screen)")
            let gone = await #expect(throws: PrivXError.self) { _ = try await client.role(id: id) }
            #expect(gone?.status == 404)
        }
    }

    /// Clears the screen and runs `command` between two markers, so nothing of an earlier run is mistaken for this one.
    func start(_ shell: ConsoleShell, _ command: String, marker: String) throws {
        try shell.tmux.type("clear; echo START-\(marker); \(command); echo END-\(marker)-$?")
        try shell.tmux.send("Enter")
        _ = try shell.tmux.waitUntil(timeout: 30, "the start of the \(marker) run") { $0.contains("START-\(marker)\n") || $0.hasPrefix("START-\(marker)") }
    }

    /// Waits for the end marker and returns the exit status and the screen.
    func finish(_ shell: ConsoleShell, marker: String) throws -> (status: Int, screen: String) {
        let pattern = "END-\(marker)-[0-9]+"
        let screen = try shell.tmux.waitUntil(timeout: 30, "the end of the \(marker) run") { $0.range(of: pattern, options: .regularExpression) != nil }
        let found = screen.range(of: pattern, options: .regularExpression).map { String(screen[$0]) } ?? ""
        return (Int(found.split(separator: "-").last ?? "") ?? -1, screen)
    }
}
