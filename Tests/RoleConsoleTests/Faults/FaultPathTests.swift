import Foundation
import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import TerminalUI
import Testing

/// Every console path under every injected fault, against a real simulator over HTTP: the person gets
/// a clear message, reads are retried by the client but writes never are, nothing is half applied and
/// no edit is lost. The fault hits only the request the path is about (path prefix and method).
@Suite(.serialized) struct FaultPathTests {
    static let api = "/role-store/api/v1"

    func errorText(_ console: ConsoleDriver) -> String { console.state.errors.map(\.text).joined(separator: "\n") }

    @Test func onlyAWriteWithoutAnAnswerIsCalledMaybeApplied() {
        var state = Fixtures.loadedState()
        _ = Console.update(&state, .failed(.loadSources, .timeout(method: "POST", path: "/auth/api/v1/oauth/token", seconds: 30)))
        #expect(state.errors.last?.text.contains("may or may not") == false)
        _ = Console.update(&state, .failed(.deleteRole(name: "db-readonly"), .timeout(method: "GET", path: Self.api + "/roles/r-db", seconds: 30)))
        #expect(state.errors.last?.text.contains("may or may not") == false)
        _ = Console.update(&state, .failed(.deleteRole(name: "db-readonly"), .timeout(method: "DELETE", path: Self.api + "/roles/r-db", seconds: 30)))
        #expect(state.errors.last?.text.contains("The change may or may not have been applied: reload (ctrl-r)") == true)
    }

    @Test(arguments: FaultCase.allCases)
    func initialLoad(_ fault: FaultCase) async throws {
        try await FaultRig.with { rig in
            await rig.inject(fault, path: Self.api + "/roles", methods: ["GET"])
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            #expect(console.state.awsRoles.list.loaded, "the other loads are not affected")
            #expect(!console.state.roles.list.loading, "the spinner stops either way")
            if fault.fails {
                #expect(!console.state.roles.list.loaded)
                #expect(errorText(console).contains("Loading roles failed"), "\(errorText(console))")
                await rig.heal()
                await console.press(.ctrl("r"))
            }
            #expect(console.state.roles.list.loaded)
            #expect(console.state.roles.list.catalog.rows.count == SimulatorSeed.small.roleCount)
            #expect(rig.calls.writes().isEmpty)
        }
    }

    @Test(arguments: FaultCase.allCases)
    func refresh(_ fault: FaultCase) async throws {
        try await FaultRig.with { rig in
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await console.select("linux-admins")
            await rig.inject(fault, path: Self.api + "/roles", methods: ["GET"])
            await console.press(.ctrl("r"))
            #expect(!console.state.roles.list.loading)
            #expect(console.state.roles.list.catalog.rows.count == SimulatorSeed.small.roleCount, "the rows shown before stay")
            #expect(console.state.roles.list.selected?.role.name == "linux-admins", "and so does the selection")
            if fault.fails {
                #expect(errorText(console).contains("Loading roles failed"))
                // Reads are retried by the client (503, timeouts, broken connections), never more than twice.
                let retried = rig.calls.all.filter { $0.method == "GET" && $0.path.hasPrefix(Self.api + "/roles?") && $0.attempt > 1 }
                #expect(retried.count <= 2 * 2)
            } else {
                #expect(console.state.errors.isEmpty)
            }
        }
    }

    @Test(arguments: FaultCase.allCases)
    func members(_ fault: FaultCase) async throws {
        try await FaultRig.with { rig in
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await console.select("linux-admins")
            let role = try #require(console.state.roles.list.selected)
            await rig.inject(fault, path: Self.api + "/roles/\(role.id)/members", methods: ["GET"])
            await console.press(.character("m"))
            #expect(console.state.screen == .members)
            #expect(console.state.members?.loadingPage == false)
            if fault.fails {
                #expect(errorText(console).contains("Loading the members of linux-admins failed"))
                await rig.heal()
                await console.press(.ctrl("r"))
            }
            #expect(console.state.members?.list.loaded == true)
            #expect((console.state.members?.users.count ?? 0) > 0)
            await console.press(.escape)
            if fault.fails { await console.press(.escape) }   // the first Esc dismisses the error shown
            #expect(console.state.screen == .roles)
        }
    }

    @Test(arguments: FaultCase.allCases)
    func evaluate(_ fault: FaultCase) async throws {
        try await FaultRig.with { rig in
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await console.select("linux-admins")
            await rig.inject(fault, path: Self.api + "/roles/evaluate", methods: ["POST"])
            await console.press(.character("v"))
            #expect(!console.state.operations.isRunning(.evaluation))
            if fault.fails {
                #expect(console.state.inspector == nil)
                #expect(errorText(console).contains("Evaluating the role linux-admins failed"))
                // Evaluate is a POST: the client never repeats it on its own.
                #expect(rig.calls.all.filter { $0.path.hasSuffix("/roles/evaluate") }.count == 1)
            } else {
                #expect(console.state.inspector != nil)
            }
        }
    }

    @Test(arguments: FaultCase.allCases)
    func saveKeepsTheFormAndRetriesOnlyOnF2(_ fault: FaultCase) async throws {
        try await FaultRig.with { rig in
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await console.select("linux-admins")
            let role = try #require(console.state.roles.list.selected)
            let before = try await rig.client.role(id: role.id)
            await console.press(.character("e"), .tab, .end)
            await console.type(" (fault test)")
            let wanted = (before.comment ?? "") + " (fault test)"
            #expect(console.state.editor?.draft.comment == wanted)
            await rig.inject(fault, path: Self.api + "/roles/\(role.id)", methods: ["PUT"])
            await console.press(.function(2), .character("y"))
            #expect(rig.calls.writes("PUT").count == 1, "one PUT, never repeated by the client")
            #expect(console.state.operations.writes == 0)
            let stored = try await rig.client.role(id: role.id)
            // A truncated answer: the PUT was applied; re-reading finds the edits, so it is reported saved.
            if fault.fails && fault != .truncated {
                let editor = try #require(console.state.editor, "the form stays open")
                #expect(editor.draft.comment == wanted, "every edit is kept")
                #expect(editor.stage == .editing)
                #expect(editor.error?.contains("Not saved, your edits are kept (F2 retries)") == true, "\(editor.error ?? "no error")")
                #expect(stored.comment == before.comment, "nothing was written")
                await rig.heal()
                await console.press(.function(2), .character("y"))
            }
            #expect(console.state.editor == nil, "saved: \(console.state.editor?.error ?? "")")
            #expect(try await rig.client.role(id: role.id).comment == wanted)
            #expect(console.state.errors.isEmpty == !(fault.fails && fault != .truncated), "\(errorText(console))")
            let expectedPUTs = fault.fails && fault != .truncated ? 2 : 1
            #expect(rig.calls.writes("PUT").count == expectedPUTs)
            #expect(console.state.roles.list.selected?.role.comment == wanted)
        }
    }

    @Test(arguments: FaultCase.allCases)
    func awsChecklistApply(_ fault: FaultCase) async throws {
        try await FaultRig.with { rig in
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await console.press(.character("2"))
            await console.select("staging-ReadOnlyAccess")
            let aws = try #require(console.state.awsRoles.list.selected)
            let before = Set(try await rig.client.awsRoleLinkedRoles(id: aws.id).map(\.name))
            let target = before.contains("security-auditors") ? "helpdesk" : "security-auditors"
            await console.press(.character("m"))
            await console.type(target)
            await console.press(.character(" "), .enter)
            await rig.inject(fault, path: Self.api + "/awsroles/\(aws.id)/roles", methods: ["PUT"])
            await console.press(.character("y"))
            #expect(rig.calls.writes("PUT").count == 1)
            #expect(console.state.operations.isEmpty)
            let after = Set(try await rig.client.awsRoleLinkedRoles(id: aws.id).map(\.name))
            let shown = Set(console.state.awsRoles.list.selected?.awsRole.roles.map(\.name) ?? [])
            if fault.fails && fault != .truncated {
                #expect(after == before, "nothing half applied")
                #expect(errorText(console).contains("Changing the mapping of staging-ReadOnlyAccess failed"), "\(errorText(console))")
                #expect(shown == before)
            } else {
                // A truncated answer: the read-back shows the write happened, and the console says so.
                #expect(after == before.union([target]))
                #expect(shown == after)
                #expect(console.state.errors.isEmpty, "\(errorText(console))")
            }
        }
    }

    @Test(arguments: FaultCase.allCases)
    func grantsFailingOnTheSecondOfThreeReportExactlyWhatWasApplied(_ fault: FaultCase) async throws {
        try await FaultRig.with { rig in
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await console.select("test-automation")
            let role = try #require(console.state.roles.list.selected)
            let names = ["dev-BillingViewer", "prod-BillingViewer", "staging-BillingViewer"]
            await console.press(.character("a"))
            for name in names {
                await console.type(name)
                await console.press(.character(" "))
                for _ in name { await console.press(.backspace) }
            }
            await console.press(.enter)
            guard case .confirm(.applyGrants(let plan), _)? = console.state.modal else { Issue.record("no confirmation"); return }
            #expect(plan.targets.map(\.awsRoleName).sorted() == names)
            let second = try #require(plan.targets.dropFirst().first)
            await rig.inject(fault, path: Self.api + "/awsroles/\(second.awsRoleID)/roles", methods: ["PUT"])
            await console.press(.character("y"))
            #expect(rig.calls.writes("PUT").count == 3, "one PUT per AWS role, none repeated")
            guard case .message(let title, let text, _)? = console.state.modal else { Issue.record("no result box"); return }
            for target in plan.targets {
                let holds = try await rig.client.awsRoleLinkedRoles(id: target.awsRoleID).contains { $0.id == role.id }
                let line = text.split(separator: "\n").first { ($0.hasPrefix("ok") || $0.hasPrefix("FAILED")) && $0.contains(target.awsRoleName) }
                    .map(String.init) ?? ""
                if target == second && fault.fails && fault != .truncated {
                    #expect(!holds)
                    #expect(line.contains("FAILED") || line.lowercased().contains("fail"), "\(line)")
                } else {
                    #expect(holds)
                    #expect(!line.lowercased().contains("fail"), "\(line)")
                }
            }
            #expect(title == (fault.fails && fault != .truncated ? "Mapping partly applied" : "Mapping applied"))
        }
    }

    @Test(arguments: FaultCase.allCases)
    func deleteRole(_ fault: FaultCase) async throws {
        try await FaultRig.with { rig in
            let id = try await rig.client.createRole(Role(name: "fault-victim"))
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await console.select("fault-victim")
            #expect(console.state.roles.list.selected?.id == id)
            await rig.inject(fault, path: Self.api + "/roles/\(id)", methods: ["DELETE"])
            await console.press(.character("d"), .character("y"))
            #expect(rig.calls.writes("DELETE").count == 1)
            #expect(console.state.operations.isEmpty)
            let exists = (try? await rig.client.role(id: id)) != nil
            let shown = console.state.roles.list.catalog.rows.contains { $0.id == id }
            if fault.fails && fault != .truncated {
                #expect(exists && shown, "not deleted, and the table still shows it")
                #expect(errorText(console).contains("Deleting the role fault-victim failed"), "\(errorText(console))")
            } else {
                #expect(!exists && !shown)
                #expect(console.state.errors.isEmpty, "\(errorText(console))")
            }
        }
    }
}
