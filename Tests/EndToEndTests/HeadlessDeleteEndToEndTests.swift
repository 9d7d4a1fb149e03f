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
            try shell.tmux.type("clear; echo BEFORE-MARK; \(command); echo EXIT-$?")
            try shell.tmux.send("Enter")
            let question = try shell.tmux.waitForAll("Delete the role delete-me-e2e?", "Type the name delete-me-e2e", timeout: 30)
            #expect(question.contains("Nobody has it"), "\(question)")
            try shell.tmux.type("delete-me")
            try shell.tmux.send("Enter")
            #expect(try shell.exitStatus(timeout: 30) == 1)
            #expect(try shell.tmux.capture().contains("not confirmed; kept"))
            #expect(try await client.role(id: id).name == "delete-me-e2e")

            // The exact name deletes it.
            try shell.tmux.type("clear; \(command); echo EXIT-$?")
            try shell.tmux.send("Enter")
            _ = try shell.tmux.waitFor("Type the name delete-me-e2e", timeout: 30)
            try shell.tmux.type("delete-me-e2e")
            try shell.tmux.send("Enter")
            #expect(try shell.exitStatus(timeout: 30) == 0)
            #expect(try shell.tmux.capture().contains("delete-me-e2e: delete applied"))
            let gone = await #expect(throws: PrivXError.self) { _ = try await client.role(id: id) }
            #expect(gone?.status == 404)
        }
    }
}
