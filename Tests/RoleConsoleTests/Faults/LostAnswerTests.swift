import Foundation
import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import TerminalUI
import Testing

/// Role save and create after a write whose answer was lost (issue 13, item 5): the console re-reads the
/// server through the shared `WriteVerifier` and says "saved" exactly when the server holds the edits.
/// Faults are injected by the real simulator over HTTP, one request at a time (`skip`, `limit`).
@Suite(.serialized) struct LostAnswerTests {
    static let api = "/role-store/api/v1"

    /// Fails the `methods` requests under `path` with `kind`: `skip` pass first, then `limit` fail.
    func inject(_ rig: FaultRig, _ kind: FaultKind, path: String, methods: Set<String>, skip: Int = 0, limit: Int) async {
        await rig.server.setFaults(.failing(kind, path: path, methods: methods, skip: skip, limit: limit))
    }

    /// A console with the form open on linux-admins and `suffix` typed at the end of its comment.
    func editComment(_ rig: FaultRig, adding suffix: String) async throws -> (ConsoleDriver, RoleRow, String) {
        var console = ConsoleDriver(api: rig.client)
        await console.start()
        await console.select("linux-admins")
        let role = try #require(console.state.roles.list.selected)
        await console.press(.character("e"), .tab, .end)
        await console.type(suffix)
        return (console, role, try #require(console.state.editor?.draft.comment))
    }

    func roles(named name: String, _ rig: FaultRig) async throws -> [RoleRef] {
        try await rig.client.resolveRoles(names: [name])
    }

    @Test func aSaveWhoseAnswerIsTruncatedIsReportedSaved() async throws {
        try await FaultRig.with { rig in
            var (console, role, wanted) = try await editComment(rig, adding: " (truncated answer)")
            await inject(rig, .truncated, path: Self.api + "/roles/\(role.id)", methods: ["PUT"], limit: 1)
            await console.press(.function(2), .character("y"))
            #expect(console.state.editor == nil, "saved: \(console.state.editor?.error ?? "")")
            #expect(console.state.errors.isEmpty, "\(console.state.errors.map(\.text))")
            #expect(console.state.toasts.toasts.contains { $0.message.hasPrefix("Saved linux-admins") })
            #expect(try await rig.client.role(id: role.id).comment == wanted)
            #expect(rig.calls.writes("PUT").count == 1, "the write is never repeated")
        }
    }

    @Test func aSaveWhoseReadBackGets500IsReadAgainAndReportedSaved() async throws {
        try await FaultRig.with { rig in
            var (console, role, wanted) = try await editComment(rig, adding: " (read-back 500)")
            // The GET just before the PUT passes; the read-back after it gets a 500 once.
            await inject(rig, .http500, path: Self.api + "/roles/\(role.id)", methods: ["GET"], skip: 1, limit: 1)
            await console.press(.function(2), .character("y"))
            let gets = rig.calls.all.filter { $0.method == "GET" && $0.path == Self.api + "/roles/\(role.id)" }
            #expect(gets.map(\.status).contains(500), "the read-back did fail: \(gets.map(\.status))")
            #expect(console.state.editor == nil, "saved: \(console.state.editor?.error ?? "")")
            #expect(console.state.errors.isEmpty, "\(console.state.errors.map(\.text))")
            #expect(console.state.roles.list.selected?.role.comment == wanted)
            #expect(rig.calls.writes("PUT").count == 1)
        }
    }

    @Test func aCreateWhoseAnswerIsLostIsFoundByNameAndReportedCreated() async throws {
        try await FaultRig.with { rig in
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            let count = console.state.roles.list.catalog.rows.count
            await console.press(.character("n"))
            await console.type("lost-answer-role")
            await inject(rig, .truncated, path: Self.api + "/roles", methods: ["POST"], limit: 1)
            await console.press(.function(2), .character("y"))
            #expect(console.state.editor == nil, "created: \(console.state.editor?.error ?? "")")
            #expect(console.state.errors.isEmpty, "\(console.state.errors.map(\.text))")
            #expect(console.state.toasts.toasts.contains { $0.message.hasPrefix("Created lost-answer-role") })
            let found = try await roles(named: "lost-answer-role", rig)
            #expect(found.count == 1)
            #expect(console.state.roles.list.catalog.rows.count == count + 1)
            #expect(console.state.roles.list.selected?.id == found.first?.id)
            #expect(rig.calls.writes("POST").count == 1, "created once")
        }
    }

    @Test func aCreateRetriedAfterAnUncheckableLostAnswerNeverGivesDuplicate() async throws {
        try await FaultRig.with { rig in
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await console.press(.character("n"))
            await console.type("uncheckable-role")
            // The POST and every look-up by name after it (POST /roles/resolve, read three times) lose their answers.
            await inject(rig, .truncated, path: Self.api + "/roles", methods: ["POST"], limit: 4)
            await console.press(.function(2), .character("y"))
            let editor = try #require(console.state.editor, "the form stays: nobody can tell yet whether it was created")
            #expect(editor.error?.contains("may or may not have been applied") == true, "\(editor.error ?? "")")
            #expect(try await roles(named: "uncheckable-role", rig).count == 1, "the lost POST was applied")
            await rig.heal()
            await console.press(.function(2), .character("y"))
            #expect(console.state.editor == nil, "F2 again finds the created role: \(console.state.editor?.error ?? "")")
            #expect(console.state.toasts.toasts.contains { $0.message.hasPrefix("Created uncheckable-role") })
            #expect(try await roles(named: "uncheckable-role", rig).count == 1, "created once")
            #expect(console.state.roles.list.catalog.rows.filter { $0.role.name == "uncheckable-role" }.count == 1)
        }
    }

    @Test func aCreatedRoleMissingAFieldTurnsTheFormIntoAnEditOfIt() throws {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character("n"))
        for character in "half-made" { Fixtures.press(&state, .character(character)) }
        Fixtures.press(&state, .tab)
        for character in "a comment" { Fixtures.press(&state, .character(character)) }
        let save = try #require(Fixtures.press(&state, .function(2), .character("y")).first?.operationID)
        // The server created the role with every field of the form but the comment.
        let form = try #require(state.editor)
        var created = form.draft.applied(to: form.base)
        created.document["comment"] = nil
        created.document["id"] = .string("r-half")
        created.document["updated"] = .string("2026-11-26T02:00:00Z")
        _ = Console.update(&state, .finished(save, .roleCreatedIncomplete(created, missing: ["comment"])))
        let editor = state.editor
        #expect(editor?.base.id == "r-half", "the form now edits the created role")
        #expect(editor?.changes.map(\.field) == ["comment"], "the edit the server lacks is kept")
        #expect(editor?.error?.contains("Created half-made, but the server does not hold comment") == true)
        #expect(state.operations.isEmpty)
        #expect(state.roles.list.catalog.rows.contains { $0.id == "r-half" })
        Fixtures.press(&state, .function(2))
        guard case .confirming(let changes)? = state.editor?.stage else { Issue.record("no diff"); return }
        #expect(!changes.contains { $0.field == "create" }, "F2 saves onto the created role, it does not create again")
    }
}
