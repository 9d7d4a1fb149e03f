import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import TerminalUI
import Testing

/// The console core against the real simulator over HTTP: every write is checked on the server.
@Suite struct SimulatorBackedTests {
    func mapped(_ client: PrivXClient, _ awsID: String) async throws -> Set<String> {
        Set(try await client.awsRoleLinkedRoles(id: awsID).map(\.name))
    }

    @Test func loadsRolesAWSRolesAndSources() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            #expect(console.state.roles.list.loaded && console.state.awsRoles.list.loaded)
            #expect(console.state.roles.list.catalog.rows.count == SimulatorSeed.small.roleCount)
            #expect(!console.state.sourceNames.isEmpty)
            #expect(console.state.errors.isEmpty)
            #expect(console.state.roles.list.catalog.rows.contains { $0.role.system })
        }
    }

    @Test func mapAndUnmapAnAWSRoleThroughTheChecklist() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.press(.character("2"))
            await console.select("staging-ReadOnlyAccess")
            let aws = try #require(console.state.awsRoles.list.selected)
            let before = try await mapped(sim.client, aws.id)
            let target = before.contains("security-auditors") ? "helpdesk" : "security-auditors"
            #expect(!before.contains(target))

            await console.press(.character("m"))
            await console.type(target)
            await console.press(.character(" "), .enter)
            guard case .confirm(.applyMapping(let plan), _)? = console.state.modal else { Issue.record("no confirmation"); return }
            #expect(plan.summary == "staging-ReadOnlyAccess: +\(target)")
            await console.press(.character("y"))
            #expect(try await mapped(sim.client, aws.id) == before.union([target]))
            #expect(console.state.awsRoles.list.selected?.awsRole.roles.contains { $0.name == target } == true)
            #expect(console.state.toasts.toasts.last?.message.contains("Applied") == true)

            await console.press(.character("m"))
            await console.type(target)
            await console.press(.character(" "), .enter, .character("y"))
            #expect(try await mapped(sim.client, aws.id) == before)
            #expect(console.state.operations.writes == 0)
        }
    }

    /// Issue 19 item 7: copying a role whose `-copy` name is taken picked that name again and PrivX refused the
    /// save with a 400. The copy now gets the first free name, and both copies are created.
    @Test func aCopyGetsAFreeNameSoItsSaveIsNotRefused() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            for expected in ["db-admins-copy", "db-admins-copy-2"] {
                await console.select("db-admins")
                await console.press(.character("c"))
                #expect(console.state.editor?.draft.name == expected)
                await console.press(.function(2), .character("y"))
                #expect(console.state.editor == nil, "the copy was not saved: \(console.state.errors.map(\.text))")
                #expect(console.state.roles.list.catalog.rows.contains { $0.role.name == expected })
            }
            let onServer = try await sim.client.searchRoles(names: ["db-admins-copy", "db-admins-copy-2"],
                                                            page: PageRequest(offset: 0, limit: 10)).items.map(\.name)
            #expect(Set(onServer) == ["db-admins-copy", "db-admins-copy-2"])
            #expect(!console.state.errors.contains { $0.text.contains("400") })
        }
    }

    @Test func aConcurrentChangeIsShownAndAskedAbout() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.press(.character("2"))
            await console.select("dev-PowerUserAccess")
            let aws = try #require(console.state.awsRoles.list.selected)
            let before = try await sim.client.awsRoleLinkedRoles(id: aws.id)
            let target = try #require(["helpdesk", "soc-analysts", "web-admins"].first { name in !before.contains { $0.name == name } })
            await console.press(.character("m"))
            await console.type(target)
            await console.press(.character(" "), .enter)

            // Someone else maps another role while the confirmation is open.
            let other = try #require(try await sim.client.resolveRoles(names: ["release-managers"]).first)
            try await sim.client.setAWSRoleLinkedRoles(id: aws.id, roles: before + [RoleRef(id: other.id, name: other.name)])

            await console.press(.character("y"))
            guard case .confirm(.conflict(let plan, let current), _)? = console.state.modal else { Issue.record("no conflict question"); return }
            #expect(plan.drift(to: current) == "dev-PowerUserAccess: +release-managers")
            #expect(try await mapped(sim.client, aws.id) == Set(before.map(\.name)).union(["release-managers"]))

            await console.press(.character("y"))
            #expect(try await mapped(sim.client, aws.id) == Set(before.map(\.name)).union(["release-managers", target]))
        }
    }

    @Test func cancellingAConflictKeepsTheOtherChange() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.press(.character("2"))
            await console.select("dev-ReadOnlyAccess")
            let aws = try #require(console.state.awsRoles.list.selected)
            await console.press(.character("m"))
            await console.type("helpdesk")
            await console.press(.character(" "), .enter)
            try await sim.client.setAWSRoleLinkedRoles(id: aws.id, roles: [])
            await console.press(.character("y"))
            await console.press(.character("n"))
            #expect(try await mapped(sim.client, aws.id).isEmpty)
            #expect(console.state.awsRoles.list.selected?.awsRole.roles.isEmpty == true)
        }
    }

    @Test func viewerIsRefusedAndTheActionBecomesUnavailable() async throws {
        try await SimulatorHarness.with(DemoCredentials.viewer) { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.press(.character("2"))
            let aws = try #require(console.state.awsRoles.list.selected)
            let before = try await mapped(sim.client, aws.id)
            // The viewer's permissions (from /users/current) refuse `m` before any request ...
            await console.press(.character("m"))
            #expect(console.state.modal == nil)
            #expect(console.state.toasts.toasts.last?.message.contains("it needs role-target-resources-manage") == true)
            // ... and without them (a server that does not answer /users/current) the server's 403 refuses it.
            console.state.session.identity = nil
            await console.press(.character("m"), .character(" "), .enter, .character("y"))
            #expect(console.state.unavailable[.mapRoles] == "role-target-resources-manage")
            #expect(console.state.errors.last?.text.contains("lacks the permission role-target-resources-manage") == true)
            #expect(try await mapped(sim.client, aws.id) == before)
            await console.press(.escape, .character("m"))
            #expect(console.state.modal == nil && console.state.checklist == nil)

            // The 403 switched off every key needing role-target-resources-manage, the roles screen's `a` too (issue 19 item 6).
            #expect(console.state.unavailable[.grantAWSRoles] == "role-target-resources-manage")
            await console.press(.character("1"), .character("a"))
            #expect(console.state.checklist == nil && console.state.modal == nil)
            #expect(console.state.toasts.toasts.last?.message.contains("the server refused it (HTTP 403): it needs role-target-resources-manage") == true)
        }
    }

    @Test func grantingFromARoleUpdatesEachAWSRoleAndReports() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select("test-automation")
            let role = try #require(console.state.roles.list.selected)
            #expect(role.role.name == "test-automation")
            await console.press(.character("a"))
            await console.type("prod-Billing")
            await console.press(.character(" "))
            for _ in 0..<12 { await console.press(.backspace) }
            await console.type("staging-Billing")
            await console.press(.character(" "), .enter)
            guard case .confirm(.applyGrants(let plan), _)? = console.state.modal else { Issue.record("no confirmation"); return }
            #expect(plan.targets.count == 2)
            await console.press(.character("y"))
            guard case .message(let title, let text, _)? = console.state.modal else { Issue.record("no result"); return }
            #expect(title == "Mapping applied")
            #expect(text.contains("+prod-BillingViewer") && text.contains("+staging-BillingViewer"))
            for target in plan.targets {
                #expect(try await mapped(sim.client, target.awsRoleID).contains("test-automation"))
            }
        }
    }

    @Test func deletingACachedAWSRoleRemovesIt() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.press(.character("2"))
            let aws = try #require(console.state.awsRoles.list.selected)
            let count = console.state.awsRoles.list.catalog.rows.count
            await console.press(.character("d"), .character("y"))
            #expect(console.state.awsRoles.list.catalog.rows.count == count - 1)
            #expect(try await sim.client.awsRoles(refresh: false).allSatisfy { $0.id != aws.id })
        }
    }

    @Test func rescanAndMembersLoad() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.press(.character("2"), .character("R"))
            #expect(!console.state.operations.isRunning(.awsRescan))
            #expect(console.state.toasts.toasts.last?.message.contains("AWS re-scan") == true)
            // Nothing opens by itself when the scan ends: the next key reaches the screen.
            await console.press(.character("1"))
            #expect(console.state.screen == .roles)
            await console.select("privx-admin")
            await console.press(.character("m"))
            #expect(console.state.screen == .members)
            let members = try #require(console.state.members)
            #expect(members.total >= members.users.count && members.list.loaded)
        }
    }
}
