import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import TerminalUI
import Testing

/// The role form's save state machine against the real simulator over HTTP: diff, PUT of only the
/// edited keys, lost-update conflict, failure with edits kept, one-key retry.
@Suite struct RoleEditorSaveTests {
    /// Opens the form on `name` with the focus on `field`.
    func open(_ console: inout ConsoleDriver, _ name: String, at field: RoleEditor.Focus) async {
        await console.select(name)
        await console.press(.character("e"))
        while console.state.editor.map({ $0.focus != field }) == true { await console.press(.tab) }
    }

    /// db-readonly's comment gets " (mine)" in the form while someone else changes its tags on the server,
    /// then F2 and `y`: the console is left at the conflict dialog.
    static func saveOverSomeoneElsesChange(_ sim: SimulatorHarness) async throws -> ConsoleDriver {
        var console = ConsoleDriver(api: sim.client)
        await console.start()
        await console.select("db-readonly")
        await console.press(.character("e"))
        while console.state.editor.map({ $0.focus != .comment }) == true { await console.press(.tab) }
        await console.press(.end)
        await console.type(" (mine)")
        let id = try #require(console.state.editor?.base.id)
        var theirs = try await sim.client.role(id: id)
        theirs.tags = ["changed-by-someone"]
        try await sim.client.updateRole(theirs)
        await console.press(.function(2), .character("y"))
        return console
    }

    @Test func savesOnlyTheEditedContextFieldsAndKeepsUnknownKeys() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            let row = try #require(console.state.roles.list.catalog.rows.first { $0.role.name == "linux-admins" })
            var stored = try await sim.client.role(id: row.id)
            stored.document["x_future_key"] = .string("survives")
            try await sim.client.updateRole(stored)
            await console.press(.ctrl("r"))
            let before = try await sim.client.role(id: row.id)

            await open(&console, "linux-admins", at: .contextEnabled)
            if console.state.editor?.draft.context.enabled == false { await console.press(.character(" ")) }
            await console.press(.tab, .tab, .character("w"))            // days: Mon–Fri
            await console.press(.tab)
            for _ in 0..<8 { await console.press(.backspace) }
            await console.type("22:00")
            await console.press(.tab)
            for _ in 0..<8 { await console.press(.backspace) }
            await console.type("06:00")
            await console.press(.tab)
            for _ in 0..<40 { await console.press(.backspace) }
            await console.type("europe/hel")
            await console.press(.tab)                                    // completes
            #expect(console.state.editor?.text(.timeZone).text == "Europe/Helsinki")
            await console.press(.tab, .character("a"))
            await console.type("10.20.0.0/16")
            await console.press(.enter)
            #expect(console.state.editor?.problems.isEmpty == true)

            await console.press(.function(2))
            guard case .confirming(let changes)? = console.state.editor?.stage else { Issue.record("no diff shown"); return }
            #expect(changes.contains { $0.field == "start" && $0.after == "22:00" })
            await console.press(.character("y"))
            #expect(console.state.editor == nil)
            #expect(console.state.operations.writes == 0)

            let after = try await sim.client.role(id: row.id)
            #expect(after.document["x_future_key"] == .string("survives"))
            let context = try #require(after.context)
            #expect(context.enabled && context.startTime == "22:00" && context.endTime == "06:00")
            #expect(context.timezone == "Europe/Helsinki" && context.validity == ["MON", "TUE", "WED", "THU", "FRI"])
            #expect(context.ipMasks.contains("10.20.0.0/16"))
            for key in before.document.keys where !["context", "updated", "updatedby", "updated_by"].contains(key) {
                #expect(after.document[key] == before.document[key], "\(key) changed")
            }
        }
    }

    @Test func invalidFieldsAreRefusedBeforeAnythingIsSent() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await open(&console, "helpdesk", at: .start)
            await console.press(.backspace)
            await console.press(.function(2))
            #expect(console.state.editor?.stage == .editing)
            #expect(console.state.editor?.focus == .start)
            #expect(console.state.toasts.toasts.last?.message.contains("HH:MM") == true)
            #expect(!console.state.apiLog.contains { $0.method == "PUT" })
        }
    }

    @Test func aConcurrentChangeIsShownAndReloadReappliesMyEdits() async throws {
        try await SimulatorHarness.with { sim in
            var console = try await Self.saveOverSomeoneElsesChange(sim)
            let id = try #require(console.state.editor?.base.id)
            guard case .conflict(let their, _)? = console.state.editor?.stage else { Issue.record("no conflict shown"); return }
            #expect(their.map(\.field) == ["tags"])
            await console.press(.character("r"))
            #expect(console.state.editor?.stage == .editing)
            #expect(console.state.editor?.draft.tags == ["changed-by-someone"])
            await console.press(.function(2), .character("y"))
            #expect(console.state.editor == nil)
            let after = try await sim.client.role(id: id)
            #expect(after.tags == ["changed-by-someone"])
            #expect(after.comment?.hasSuffix(" (mine)") == true)
        }
    }

    @Test func overwriteAfterAConflictWritesTheForm() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await open(&console, "db-readonly", at: .comment)
            await console.type("X")
            let id = try #require(console.state.editor?.base.id)
            let originalTags = try #require(console.state.editor?.draft.tags)
            var theirs = try await sim.client.role(id: id)
            theirs.tags = ["theirs"]
            try await sim.client.updateRole(theirs)
            await console.press(.function(2), .character("y"), .character("o"))
            #expect(console.state.editor == nil)
            #expect(try await sim.client.role(id: id).tags == originalTags)
        }
    }

    @Test func aFailedSaveKeepsTheEditsAndRetryIsOneKey() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await open(&console, "helpdesk", at: .comment)
            await console.type("!")
            let id = try #require(console.state.editor?.base.id)
            var faults = FaultOptions()
            faults.rate = 1
            faults.kinds = [.http500]
            faults.pathPrefix = "/role-store/api/v1/roles/\(id)"
            await sim.server.setFaults(faults)
            await console.press(.function(2), .character("y"))
            #expect(console.state.editor?.stage == .editing)
            #expect(console.state.editor?.error?.contains("your edits are kept") == true)
            #expect(console.state.editor?.draft.comment.hasSuffix("!") == true)
            #expect(console.state.operations.writes == 0)

            await sim.server.setFaults(FaultOptions())
            await console.press(.function(2), .character("y"))
            #expect(console.state.editor == nil)
            #expect(try await sim.client.role(id: id).comment?.hasSuffix("!") == true)
        }
    }

    @Test func aServerValidationErrorIsShownAtTheFieldItNames() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await open(&console, "helpdesk", at: .name)
            await console.press(.ctrl("u"))
            await console.type("linux-admins")
            await console.press(.tab)
            await console.press(.function(2), .character("y"))
            #expect(console.state.editor?.stage == .editing)
            #expect(console.state.editor?.focus == .name)
            #expect(console.state.editor?.problems["name"]?.contains("already exists") == true)
            #expect(console.state.editor?.draft.name == "linux-admins")
        }
    }

    @Test func aSecondSaveWhileOneIsInFlightSendsNothing() {
        var state = AppState(settings: ConsoleSettings(endpoint: "h", identity: "i", readOnly: false), size: Size(width: 100, height: 30))
        _ = Console.update(&state, .rolesLoaded(Fixtures.roles))
        _ = Console.update(&state, .key(.character("j")))
        _ = Console.update(&state, .key(.character("e")))
        _ = Console.update(&state, .key(.tab))
        _ = Console.update(&state, .key(.character("z")))
        #expect(Console.update(&state, .key(.function(2))).isEmpty)
        let first = Console.update(&state, .key(.character("y")))
        #expect(first.count == 1)
        #expect(state.editor?.stage == .saving)
        #expect(Console.update(&state, .key(.function(2))).isEmpty)
        #expect(Console.update(&state, .key(.character("y"))).isEmpty)
    }

    @Test func readOnlyRefusesToOpenTheForm() {
        var state = AppState(settings: ConsoleSettings(endpoint: "h", identity: "i", readOnly: true), size: Size(width: 100, height: 30))
        _ = Console.update(&state, .rolesLoaded(Fixtures.roles))
        _ = Console.update(&state, .key(.character("e")))
        #expect(state.editor == nil)
    }
}

/// Create and duplicate through the same form and save path.
@Suite struct RoleCreateTests {
    @Test func createANewRoleWithDefaults() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            let count = console.state.roles.list.catalog.rows.count
            await console.press(.character("n"))
            await console.press(.function(2))
            #expect(console.state.editor?.stage == .editing)          // a name is required
            await console.type("e2e-new-role")
            await console.press(.function(2))
            guard case .confirming(let changes)? = console.state.editor?.stage else { Issue.record("no diff"); return }
            #expect(changes.first?.field == "create")
            await console.press(.character("y"))
            #expect(console.state.editor == nil)
            #expect(console.state.roles.list.catalog.rows.count == count + 1)
            let created = try #require(console.state.roles.list.selected?.role)
            #expect(created.name == "e2e-new-role")
            let stored = try await sim.client.role(id: created.id)
            #expect(stored.context?.enabled == false)
            let rules = try #require(stored.sourceRules?.document)
            #expect(rules["type"] == .string("GROUP") && rules["match"] == .string("ANY") && rules["rules"] == .array([]))
            #expect(try await sim.client.evaluate(stored).count == 0)
        }
    }

    @Test func duplicateCopiesTheRoleUnderANewName() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select("linux-admins")
            let original = try #require(console.state.roles.list.selected?.role)
            await console.press(.character("c"))
            #expect(console.state.editor?.draft.name == "linux-admins-copy")
            await console.press(.function(2), .character("y"))
            #expect(console.state.editor == nil)
            let copy = try #require(console.state.roles.list.catalog.rows.first { $0.role.name == "linux-admins-copy" }?.role)
            #expect(copy.id != original.id)
            #expect(copy.permissions == original.permissions)
            #expect(copy.sourceRules == original.sourceRules)
            #expect(copy.context == original.context)
            #expect(try await sim.client.role(id: original.id).name == "linux-admins")
        }
    }
}

/// Delete: confirmation, typed name when people or AWS roles depend on the role, system roles refused.
@Suite struct RoleDeleteTests {
    @Test func deleteAskingForTheTypedNameWhenTheRoleHasMembers() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select("linux-admins")
            let role = try #require(console.state.roles.list.selected?.role)
            #expect((role.memberCount ?? 0) > 0)
            await console.press(.character("d"))
            guard case .typedConfirm(.deleteRole(_, _, let detail, true), _)? = console.state.modal else { Issue.record("no typed confirmation"); return }
            #expect(detail.contains("member"))
            await console.type("linux-admin")
            await console.press(.enter)
            #expect(console.state.modal != nil)
            await console.type("s")
            await console.press(.enter)
            #expect(console.state.modal == nil)
            #expect(!console.state.roles.list.catalog.rows.contains { $0.id == role.id })
            #expect(try await sim.client.allRoles().contains { $0.id == role.id } == false)
        }
    }

    @Test func aRoleNobodyUsesIsDeletedAfterAPlainConfirmation() async throws {
        try await SimulatorHarness.with { sim in
            let id = try await sim.client.createRole(Role(name: "unused-role"))
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select("unused-role")
            await console.press(.character("d"))
            guard case .confirm(.deleteRole(_, _, _, false), _)? = console.state.modal else { Issue.record("no confirmation"); return }
            await console.press(.character("y"))
            #expect(try await sim.client.allRoles().contains { $0.id == id } == false)
        }
    }

    @Test func systemRolesAreRefusedWithTheReason() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select("privx-admin")
            #expect(console.state.roles.list.selected?.role.system == true)
            await console.press(.character("d"))
            #expect(console.state.modal == nil)
            #expect(console.state.toasts.toasts.last?.message.contains("system role") == true)
        }
    }
}

/// `u` reverts the last change through the same safe path.
@Suite struct UndoTests {
    @Test func undoOfARoleEditShowsTheInverseAndRestoresTheRole() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.press(.character("u"))
            #expect(console.state.editor == nil)
            await console.select("helpdesk")
            let id = try #require(console.state.roles.list.selected?.id)
            let before = try await sim.client.role(id: id)
            await console.press(.character("e"), .tab, .end)
            await console.type(" undo-me")
            await console.press(.function(2), .character("y"))
            #expect(try await sim.client.role(id: id).comment?.hasSuffix(" undo-me") == true)

            await console.press(.character("u"))
            guard case .confirming(let changes)? = console.state.editor?.stage else { Issue.record("no inverse shown"); return }
            #expect(changes.map(\.field) == ["comment"])
            #expect(changes[0].before.hasSuffix(" undo-me") && changes[0].after == (before.comment ?? ""))
            await console.press(.character("y"))
            #expect(console.state.editor == nil)
            let after = try await sim.client.role(id: id)
            #expect(after.comment == before.comment)
        }
    }

    @Test func undoOfAMappingChangeAppliesTheInverse() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.press(.character("2"))
            await console.select("staging-ReadOnlyAccess")
            let aws = try #require(console.state.awsRoles.list.selected)
            let before = Set(try await sim.client.awsRoleLinkedRoles(id: aws.id).map(\.name))
            let target = before.contains("security-auditors") ? "helpdesk" : "security-auditors"
            await console.press(.character("m"))
            await console.type(target)
            await console.press(.character(" "), .enter, .character("y"))
            #expect(Set(try await sim.client.awsRoleLinkedRoles(id: aws.id).map(\.name)) == before.union([target]))
            await console.press(.character("u"))
            guard case .confirm(.undo(let offer), _)? = console.state.modal, case .mapping(let inverse) = offer.action else {
                Issue.record("no inverse shown"); return
            }
            #expect(inverse.remove.map(\.name) == [target])
            await console.press(.character("y"))
            #expect(Set(try await sim.client.awsRoleLinkedRoles(id: aws.id).map(\.name)) == before)
        }
    }
}
