import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// A built-in role in the exact shape real PrivX servers send (a disabled context with `""` times and zone,
/// `author` "Superuser", no `created`) is edited in the real binary in tmux: only the comment changes.
extension ConsoleEndToEndTests {
    @Test func theBuiltInShapedRoleSavesACommentAndKeepsItsContext() async throws {
        try await Self.withServer { server, client in
            let found = try #require(try await client.allRoles().first { $0.name == "privx-user" })
            let before = try await client.role(id: found.id)
            #expect(before.context?.startTime == "" && before.context?.timezone == "" && before.author == "Superuser")

            let tmux = try console(server)
            try tmux.waitFor("Roles (60 of 60)", timeout: 40)
            try openEditor(tmux, "privx-user")
            let form = try tmux.waitFor("No contextual limitation")
            #expect(!form.contains("problem(s)"), "the untouched context is shown as problems:\n\(form)")
            try tmux.send("Tab", "End")
            try tmux.type(" (edited in tmux)")
            try tmux.send("F2")
            let diff = try tmux.waitFor("Save privx-user?")
            #expect(diff.contains("comment:") && !diff.contains("start:") && !diff.contains("time zone:"))
            try tmux.send("y")
            try tmux.waitFor("Saved privx-user", timeout: 20)

            let after = try await client.role(id: found.id)
            #expect(after.comment == (before.comment ?? "") + " (edited in tmux)")
            #expect(after.document["context"] == before.document["context"], "the context was touched")
            for key in before.document.keys where !["comment", "updated", "updatedby"].contains(key) {
                #expect(after.document[key] == before.document[key], "\(key) changed")
            }
            try tmux.send("q")
            try waitForExit(tmux)
        }
    }
}
