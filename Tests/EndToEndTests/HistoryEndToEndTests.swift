import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// `:history` and `u` through the real binary in tmux (issue 19, item 9).
extension ConsoleEndToEndTests {
    /// Starts the console on `server` and saves helpdesk with `suffix` added to its comment (the change later undone).
    func saveCommentSuffix(_ server: SimulatorServer, _ suffix: String) throws -> TmuxSession {
        let tmux = try console(server)
        try tmux.waitFor("Roles (60 of 60)", timeout: 40)
        try openEditor(tmux, "helpdesk")
        try tmux.send("Tab", "End")
        try tmux.type(suffix)
        try tmux.send("F2")
        try tmux.waitFor("Save helpdesk?")
        try tmux.send("y")
        try tmux.waitFor("Saved helpdesk", timeout: 20)
        return tmux
    }

    @Test func historyListsAnEditAndUUndoesItThere() async throws {
        try await Self.withServer { server, client in
            let found = try #require(try await client.allRoles().first { $0.name == "helpdesk" })
            let before = try await client.role(id: found.id)
            let tmux = try saveCommentSuffix(server, " history-e2e")
            // Esc clears the message; the command line then opens on its own key (not read as Alt-: after Esc).
            try tmux.send("Escape")
            _ = try tmux.waitUntil("the message to clear") { !$0.contains("Saved helpdesk") }
            try tmux.send(":")
            try tmux.waitFor(" history ")
            try tmux.type("history")
            try tmux.send("Enter")
            let listed = try tmux.waitFor("History (1 change)")
            #expect(listed.contains("role saved") && listed.contains("helpdesk") && listed.contains("next: u undoes it"))
            try tmux.send("u")
            try tmux.waitFor("Undo #1: save helpdesk?")
            try tmux.send("y")
            let undone = try tmux.waitFor("undone ", timeout: 20)
            #expect(undone.contains("History (1 change)"))
            #expect(try await client.role(id: found.id).comment == before.comment)
            try tmux.send("q")
            try waitForExit(tmux)
        }
    }
}
