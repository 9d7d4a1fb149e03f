import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// The role form in the real binary in tmux, every write checked through the API.
extension ConsoleEndToEndTests {
    /// Opens the form on `name` (through the filter) and waits for it.
    func openEditor(_ tmux: TmuxSession, _ name: String) throws {
        try tmux.send("/")
        try tmux.type(name)
        try tmux.send("Enter")
        try tmux.send("e")
        try tmux.waitFor("Edit role \(name)")
    }

    func clearField(_ tmux: TmuxSession) throws {
        try tmux.send("End")
        for _ in 0..<3 { try tmux.send("C-u") }
    }

    @Test func editTheContextChangesExactlyThoseFields() async throws {
        try await Self.withServer { server, client in
            let found = try #require(try await client.allRoles().first { $0.name == "helpdesk" })
            var stored = try await client.role(id: found.id)
            stored.document["x_future_key"] = .string("survives")
            try await client.updateRole(stored)
            let before = try await client.role(id: found.id)

            let tmux = try console(server)
            try tmux.waitFor("Roles (60 of 60)", timeout: 40)
            try openEditor(tmux, "helpdesk")
            for _ in 0..<6 { try tmux.send("Tab") }                      // context limits
            if before.context?.enabled != true { try tmux.send("Space") }
            try tmux.send("Tab", "Tab", "w", "Tab")                      // days Mon–Fri, then start
            try clearField(tmux)
            try tmux.type("21:30")
            try tmux.send("Tab")
            try clearField(tmux)
            try tmux.type("05:00")
            try tmux.waitFor("past midnight")
            try tmux.send("Tab")
            try clearField(tmux)
            try tmux.type("america/new_y")
            try tmux.send("Tab")                                         // completes the zone
            try tmux.waitFor("America/New_York")
            try tmux.send("Tab", "a")
            try tmux.type("192.168.10.0/24")
            try tmux.send("Enter")
            try tmux.waitFor("Active Mon–Fri 21:30–05:00 (past midnight) America/New_York")
            try tmux.send("F2")
            let diff = try tmux.waitFor("Save helpdesk?")
            #expect(diff.contains("start:") && diff.contains("21:30"))
            try tmux.send("y")
            try tmux.waitFor("Saved helpdesk", timeout: 20)

            let after = try await client.role(id: found.id)
            let context = try #require(after.context)
            #expect(context.enabled && context.validity == ["MON", "TUE", "WED", "THU", "FRI"])
            #expect(context.startTime == "21:30" && context.endTime == "05:00" && context.timezone == "America/New_York")
            #expect(context.ipMasks == (before.context?.ipMasks ?? []) + ["192.168.10.0/24"])
            #expect(after.document["x_future_key"] == .string("survives"))
            for key in before.document.keys where !["context", "updated", "updatedby", "updated_by"].contains(key) {
                #expect(after.document[key] == before.document[key], "\(key) changed")
            }
            for key in (before.context?.document.keys.map { $0 } ?? []) where !["enabled", "validity", "start_time", "end_time", "timezone", "ip_masks"].contains(key) {
                #expect(context.document[key] == before.context?.document[key], "context.\(key) changed")
            }
            try tmux.send("q")
            try waitForExit(tmux)
        }
    }

    @Test func aFailedSaveKeepsTheFormThenAConflictIsShownAndReloadReapplies() async throws {
        try await Self.withServer { server, client in
            let found = try #require(try await client.allRoles().first { $0.name == "db-readonly" })
            let tmux = try console(server)
            try tmux.waitFor("Roles (60 of 60)", timeout: 40)
            try openEditor(tmux, "db-readonly")
            try tmux.send("Tab", "End")
            try tmux.type(" (e2e)")

            var faults = FaultOptions()
            faults.rate = 1
            faults.kinds = [.http500]
            faults.pathPrefix = "/role-store/api/v1/roles/\(found.id)"
            await server.setFaults(faults)
            try tmux.send("F2")
            try tmux.waitFor("Save db-readonly?")
            try tmux.send("y")
            try tmux.waitFor("your edits are kept", timeout: 30)
            #expect(try tmux.capture().contains("(e2e)"))
            await server.setFaults(FaultOptions())

            var theirs = try await client.role(id: found.id)
            theirs.tags = ["changed-in-e2e"]
            try await client.updateRole(theirs)
            try tmux.send("F2")
            try tmux.waitFor("Save db-readonly?")
            try tmux.send("y")
            let conflict = try tmux.waitFor("Role changed meanwhile", timeout: 20)
            #expect(conflict.contains("changed-in-e2e"))
            try tmux.send("r")
            try tmux.send("F2")
            try tmux.waitFor("Save db-readonly?")
            try tmux.send("y")
            try tmux.waitFor("Saved db-readonly", timeout: 20)
            let after = try await client.role(id: found.id)
            #expect(after.tags == ["changed-in-e2e"])
            #expect(after.comment?.hasSuffix(" (e2e)") == true)
            try tmux.send("q")
            try waitForExit(tmux)
        }
    }

    @Test func evaluateFromTheRolesScreenAndFromTheFormMatchesTheServer() async throws {
        try await Self.withServer { server, client in
            let role = try #require(try await client.allRoles().first { $0.name == "linux-admins" })
            let expected = try await client.evaluate(role)
            let members = try await client.allMembers(roleID: role.id, progress: nil)
            let tmux = try console(server)
            try tmux.waitFor("Roles (60 of 60)", timeout: 40)
            try tmux.send("/")
            try tmux.type("linux-admins")
            try tmux.send("Enter")
            try tmux.send("v")
            let noun = expected.count == 1 ? "user" : "users"
            let screen = try tmux.waitFor("\(expected.count) \(noun) would match", timeout: 20)
            #expect(screen.contains("Evaluate linux-admins"))
            #expect(screen.contains("0 would gain the role, 0 would lose it (of \(members.count) current members)"))
            if let first = expected.users?.first {
                #expect(screen.contains(first.principal))
                try tmux.send("Enter")
                try tmux.waitFor("Department")
                try tmux.send("Escape")
                try tmux.waitFor("Principal")
            }
            try tmux.send("Escape")
            _ = try tmux.waitUntil("the inspector to close") { !$0.contains("Evaluate linux-admins") }
            try tmux.send("e")
            try tmux.waitFor("Edit role linux-admins")
            try tmux.send("Tab", "End")
            try tmux.type(" unsaved")
            try tmux.send("F5")
            try tmux.waitFor("\(expected.count) \(noun) would match", timeout: 20)
            try tmux.send("Escape")
            try tmux.waitFor("Edit role linux-admins")
            #expect(try await client.role(id: role.id).comment == role.comment)
            try tmux.send("Escape")
            try tmux.waitFor("Esc again discards")
            try tmux.send("Escape")
            _ = try tmux.waitUntil("the form to close") { !$0.contains("Edit role linux-admins") }
            try tmux.send("q")
            try waitForExit(tmux)
        }
    }

    @Test func createDuplicateAndDeleteARole() async throws {
        try await Self.withServer { server, client in
            let tmux = try console(server)
            try tmux.waitFor("Roles (60 of 60)", timeout: 40)
            try tmux.send("n")
            try tmux.waitFor("New role")
            try tmux.type("e2e-created")
            try tmux.send("F2")
            try tmux.waitFor("Save e2e-created?")
            try tmux.send("y")
            try tmux.waitFor("Created e2e-created", timeout: 20)
            let created = try #require(try await client.allRoles().first { $0.name == "e2e-created" })
            #expect(created.context?.enabled == false)

            try tmux.send("c")
            try tmux.waitFor("Duplicate of e2e-created")
            try tmux.send("F2")
            try tmux.waitFor("Save e2e-created-copy?")
            try tmux.send("y")
            try tmux.waitFor("Created e2e-created-copy as a copy of e2e-created", timeout: 20)
            let copy = try #require(try await client.allRoles().first { $0.name == "e2e-created-copy" })
            #expect(copy.id != created.id && copy.permissions == created.permissions)

            try tmux.send("d")
            try tmux.waitFor("Delete the role e2e-created-copy?")
            try tmux.send("y")
            try tmux.waitFor("Deleted the role e2e-created-copy", timeout: 20)
            #expect(try await client.allRoles().contains { $0.id == copy.id } == false)
            #expect(try await client.allRoles().contains { $0.id == created.id })
            try tmux.send("q")
            try waitForExit(tmux)
        }
    }

    @Test func undoOfAnEditRestoresTheRole() async throws {
        try await Self.withServer { server, client in
            let found = try #require(try await client.allRoles().first { $0.name == "helpdesk" })
            let before = try await client.role(id: found.id)
            let tmux = try saveCommentSuffix(server, " undo-e2e")
            #expect(try await client.role(id: found.id).comment?.hasSuffix(" undo-e2e") == true)
            try tmux.send("u")
            let inverse = try tmux.waitFor("Undo #1: save helpdesk?")
            #expect(inverse.contains("comment:"))
            try tmux.send("y")
            _ = try tmux.waitUntil(timeout: 20, "the undo to be saved") { !$0.contains("Undo #1: save helpdesk?") && !$0.contains("Edit role helpdesk") }
            var restored = false
            for _ in 0..<100 where !restored {
                restored = try await client.role(id: found.id).comment == before.comment
                if !restored { try await Task.sleep(nanoseconds: 100_000_000) }
            }
            #expect(restored)
            try tmux.send("q")
            try waitForExit(tmux)
        }
    }
}
