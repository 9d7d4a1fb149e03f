import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// The rules tab and the `$EDITOR` escape hatch in the real binary in tmux, every write checked through the API.
extension ConsoleEndToEndTests {
    /// The console against `server` with extra environment (e.g. `EDITOR`).
    func console(_ server: SimulatorServer, adding extra: [String: String]) throws -> TmuxSession {
        let admin = DemoCredentials.admin
        let environment = logEnvironment.merging([
            "PRIVX_API_BASE_URL": server.baseURL,
            "PRIVX_API_OAUTH_CLIENT_ID": admin.oauthClientID, "PRIVX_API_OAUTH_CLIENT_SECRET": admin.oauthClientSecret,
            "PRIVX_API_CLIENT_ID": admin.apiClientID, "PRIVX_API_CLIENT_SECRET": admin.apiClientSecret,
            "XDG_CONFIG_HOME": "/nonexistent-privx-e2e",
        ]) { $1 }.merging(extra) { $1 }
        return try TmuxSession(width: 120, height: 32, command: "\(TmuxSession.quote(binary)) 2>>\(TmuxSession.quote(Self.stderrFile))",
                               environment: environment)
    }

    /// Checks that only `changed` keys (and the server's bookkeeping) differ between two versions of a role.
    func expectOnly(_ changed: Set<String>, between before: Role, and after: Role) {
        let bookkeeping: Set<String> = ["updated", "updatedby", "updated_by", "member_count", "explicit_count"]
        for key in Set(before.document.keys + after.document.keys) where !changed.contains(key) && !bookkeeping.contains(key) {
            #expect(after.document[key] == before.document[key], "\(key) changed")
        }
    }

    @Test func evaluateAnUnsavedRuleThenSaveTheTreeOnlySourceRulesChange() async throws {
        try await Self.withServer { server, client in
            let found = try #require(try await client.allRoles().first { $0.name == "helpdesk" })
            var stored = try await client.role(id: found.id)
            var tree = stored.sourceRules ?? .group()
            tree.document["x_tree_key"] = .string("kept")
            stored.sourceRules = tree
            stored.document["x_future_key"] = .string("survives")
            try await client.updateRole(stored)
            let before = try await client.role(id: found.id)
            let sources = try await client.sources().sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
            let adIndex = try #require(sources.firstIndex { $0.name.hasPrefix("Corporate AD") })

            let tmux = try console(server)
            try tmux.waitFor("Roles (60 of 60)", timeout: 40)
            try openEditor(tmux, "helpdesk")
            try tmux.send("F3")
            try tmux.waitFor("Mapping rules ·")
            try tmux.send("Home", "a")
            try tmux.waitFor("Directory of the new rule")
            for _ in 0..<adIndex { try tmux.send("Down") }
            try tmux.send("Enter")
            try tmux.type("(cn=a*")
            try tmux.waitFor("unbalanced parentheses")                   // checked as typed, shown at the rule
            try tmux.type(")")
            _ = try tmux.waitUntil("the inline error to go") { !$0.contains("unbalanced parentheses") }
            try tmux.send("Enter")

            var probe = before
            var expectedTree = before.sourceRules ?? .group()
            expectedTree.rules = expectedTree.rules + [.rule(source: sources[adIndex].id, searchString: "(cn=a*)")]
            probe.sourceRules = expectedTree
            let expected = try await client.evaluate(probe)
            try tmux.send("F5")
            let noun = expected.count == 1 ? "user" : "users"
            try tmux.waitFor("\(expected.count) \(noun) would match", timeout: 20)
            #expect(try await client.role(id: found.id).sourceRules == before.sourceRules)   // nothing written by evaluate
            try tmux.send("Escape")
            try tmux.waitFor("Mapping rules ·")

            try tmux.send("F2")
            let diff = try tmux.waitFor("Save helpdesk?")
            #expect(diff.contains("mapping rules:") && diff.contains("(cn=a*)"))
            try tmux.send("y")
            try tmux.waitFor("Saved helpdesk", timeout: 20)

            let after = try await client.role(id: found.id)
            #expect(after.sourceRules?.rules.last?.searchString == "(cn=a*)")
            #expect(after.sourceRules?.rules.last?.source == sources[adIndex].id)
            #expect(after.sourceRules?.document["x_tree_key"] == .string("kept"))
            #expect(after.sourceRules?.rules.dropLast() == before.sourceRules?.rules[...])
            #expect(after.document["x_future_key"] == .string("survives"))
            expectOnly(["source_rules"], between: before, and: after)
            try tmux.send("q")
            try waitForExit(tmux)
        }
    }

    @Test func externalEditorEditsTheRoleAndBrokenJSONIsRefusedWithoutLosingTheForm() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("privx-e2e-editor-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let mode = directory.appendingPathComponent("mode")
        let script = directory.appendingPathComponent("editor.sh")
        try """
        #!/bin/sh
        if [ "$(cat \(mode.path))" = broken ]; then printf '{"name": "db-readonly", "tags": [' > "$1"; exit 0; fi
        sed -i 's/"comment": "[^"]*"/"comment": "edited in the external editor"/' "$1"
        """.write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        let appTemp = directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: appTemp, withIntermediateDirectories: true)

        try await Self.withServer { server, client in
            let found = try #require(try await client.allRoles().first { $0.name == "db-readonly" })
            let before = try await client.role(id: found.id)
            let tmux = try console(server, adding: ["EDITOR": script.path, "VISUAL": "", "TMPDIR": appTemp.path])
            try tmux.waitFor("Roles (60 of 60)", timeout: 40)
            try openEditor(tmux, "db-readonly")
            try tmux.send("Tab", "End")
            try tmux.type(" typed")

            try "broken".write(to: mode, atomically: true, encoding: .utf8)
            try tmux.send("F4")
            let refused = try tmux.waitFor("The external edit was not taken", timeout: 20)
            #expect(refused.contains("not valid JSON"))
            try tmux.send("d")
            try tmux.waitFor("External edit discarded")
            #expect(try tmux.capture().contains(" typed"))                  // the previous draft is intact

            try "sed".write(to: mode, atomically: true, encoding: .utf8)
            try tmux.send("F4")
            try tmux.waitFor("Took the edit from the editor (comment)", timeout: 20)
            #expect(try tmux.capture().contains("edited in the external editor"))
            try tmux.send("F2")
            let diff = try tmux.waitFor("Save db-readonly?")
            #expect(diff.contains("edited in the external editor"))
            try tmux.send("y")
            try tmux.waitFor("Saved db-readonly", timeout: 20)

            let after = try await client.role(id: found.id)
            #expect(after.comment == "edited in the external editor")
            expectOnly(["comment"], between: before, and: after)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: appTemp.path)
            #expect(leftovers.isEmpty, "temp files left: \(leftovers)")
            try tmux.send("q")
            try waitForExit(tmux)
        }
    }
}
