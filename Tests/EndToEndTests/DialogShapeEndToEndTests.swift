import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// Issue 19 item 20 in the real binary: a question's buttons are named by their keys, Tab moves the
/// highlight that Enter presses, and Enter on the default saves.
extension ConsoleEndToEndTests {
    @Test func theSaveQuestionsButtonsTabAndEnterInTmux() async throws {
        try await Self.withServer { server, client in
            let found = try #require(try await client.allRoles().first { $0.name == "helpdesk" })
            let tmux = try console(server)
            try tmux.waitFor("Roles (60 of 60)", timeout: 40)
            try openEditor(tmux, "helpdesk")
            try tmux.send("Tab")                                          // comment
            try tmux.send("End")
            try tmux.type(" dialog")
            try tmux.send("F2")
            let asked = try tmux.waitFor("[ y Save ]  [ n Cancel ]")
            #expect(asked.contains("y saves") && asked.contains("n/Esc back to the form") && asked.contains("Enter: Save"), "\(asked)")
            #expect(asked.contains("y save") && asked.contains("Enter save"), "the hint bar says the same keys: \(asked)")
            try tmux.send("Tab")
            try tmux.waitFor("Enter: Cancel")
            try tmux.send("Enter")                                        // presses Cancel: back to the form, edit kept
            try tmux.waitFor("Edit role helpdesk")
            #expect(try await client.role(id: found.id).comment?.hasSuffix(" dialog") != true)
            try tmux.send("F2")
            try tmux.waitFor("Enter: Save")
            try tmux.send("Enter")                                        // the default: save
            try tmux.waitFor("Saved helpdesk", timeout: 20)
            #expect(try await client.role(id: found.id).comment?.hasSuffix(" dialog") == true)
            try tmux.send("q")
            try waitForExit(tmux)
        }
    }
}
