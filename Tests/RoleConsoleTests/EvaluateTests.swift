import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import TerminalUI
import Testing

/// Evaluate from the roles screen and from the form, against the real simulator.
@Suite struct EvaluateTests {
    @Test func evaluatingASavedRoleMatchesTheServerAndItsMembers() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select("linux-admins")
            let role = try #require(console.state.roles.list.selected?.role)
            await console.press(.character("v"))
            let inspector = try #require(console.state.inspector)
            let expected = try await sim.client.evaluate(role)
            #expect(inspector.count == expected.count)
            #expect(inspector.users?.map(\.id) == expected.users?.map(\.id))
            #expect(inspector.gaining.isEmpty)
            #expect(inspector.losing.isEmpty)
            #expect(!console.state.operations.isRunning(.evaluation))
            await console.press(.enter)
            #expect(console.state.inspector?.showingDetail == true)
            await console.press(.escape, .escape)
            #expect(console.state.inspector == nil)
        }
    }

    @Test func evaluatingAnUnsavedDefinitionShowsWhoWouldLoseTheRole() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select("linux-admins")
            let role = try #require(console.state.roles.list.selected?.role)
            let members = try await sim.client.allMembers(roleID: role.id, progress: nil)
            await console.press(.character("e"))
            // A definition that maps nobody: delete every node under the top group in the rules tab (F3).
            await console.press(.function(3))
            while let children = console.state.editor?.draft.sourceRules?.rules, !children.isEmpty {
                await console.press(.home, .down, .character("d"))
                if console.state.editor?.rules.mode == .confirmingDelete { await console.press(.character("y")) }
            }
            await console.press(.function(5))
            let inspector = try #require(console.state.inspector)
            #expect(inspector.count == 0)
            #expect(inspector.gaining.isEmpty)
            let mapped = members.filter { $0.document["explicit"]?.boolValue != true }
            #expect(Set(inspector.losing.map(\.id)) == Set(mapped.map(\.id)))
            #expect(inspector.summary.contains("\(mapped.count) would lose it"))
            #expect(console.state.editor?.stage == .editing)
            #expect(try await sim.client.role(id: role.id).sourceRules == role.sourceRules)
            await console.press(.escape)
            #expect(console.state.inspector == nil && console.state.editor != nil)
        }
    }

    /// `v` needs what the server asks for POST /roles/evaluate: the viewer (roles-view only) is refused, the
    /// 403 names the permission, and the help, the hint and the action table name the same one.
    @Test func theHelpTheServerAndThe403AgreeOnEvaluatesPermission() async throws {
        try await SimulatorHarness.with(DemoCredentials.viewer) { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select("linux-admins")
            let role = try #require(console.state.roles.list.selected?.role)
            var refused: String?
            do {
                _ = try await sim.client.evaluate(role)
            } catch let error as PrivXError {
                #expect(error.status == 403)
                if case .http(_, _, _, let body) = error, body?.code == "PERMISSION_DENIED" {
                    refused = body?.details.first { $0.property != nil }?.property ?? body?.property
                }
            }
            let permission = try #require(refused, "the viewer was not refused evaluate")
            let action = try #require(ActionRegistry.all.first { $0.id == .evaluateRole })
            #expect(action.permission == permission)
            #expect(ActionRegistry.evaluatePermission == permission)
            // The viewer's permissions (from /users/current) refuse `v` up front, naming the same permission.
            await console.press(.character("v"))
            #expect(console.state.inspector == nil)
            #expect(console.state.toasts.toasts.last?.message.contains("it needs \(permission)") == true)
            // Without them (a server that does not answer /users/current) the server's 403 is the fallback.
            console.state.session.identity = nil
            await console.press(.character("v"))
            let shown = try #require(console.state.errors.last?.text)
            #expect(shown.contains("lacks the permission \(permission)"), "\(shown)")
            let help = ActionRegistry.items(for: .roles, readOnly: false, unavailable: console.state.unavailable, hintsOnly: false)
            let item = try #require(help.first { $0.keys == "v" })
            #expect(!item.enabled && item.reason?.contains(permission) == true, "\(item)")
        }
    }

    @Test func theCountOnlyCaseIsSaidAsSuch() {
        let inspector = EvaluateInspector(roleName: "everyone", count: 5000, users: nil, members: [])
        #expect(inspector.isCountOnly)
        #expect(inspector.summary.hasPrefix("5000 users would match: too many to list (count only)"))
        #expect(inspector.rows.isEmpty)
    }
}
