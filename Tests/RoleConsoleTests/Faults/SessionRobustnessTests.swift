import Foundation
import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import TerminalUI
import Testing

/// Token expiry in a long session and duplicate submissions, against a real simulator.
@Suite(.serialized) struct SessionRobustnessTests {
    @Test func actionsAfterTheTokenExpiredWorkWithoutAnError() async throws {
        try await FaultRig.with(tokenTTL: 2) { rig in
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await console.select("linux-admins")
            // Outlive two token lifetimes, then browse, evaluate, save and map: the client renews in time.
            try await Task.sleep(for: .seconds(2.5))
            await console.press(.character("m"))
            await console.press(.escape)
            try await Task.sleep(for: .seconds(2.5))
            await console.press(.character("v"))
            #expect(console.state.inspector != nil)
            await console.press(.escape)
            await console.press(.character("e"), .tab, .end)
            await console.type(" renewed")
            try await Task.sleep(for: .seconds(2.5))
            await console.press(.function(2), .character("y"))
            #expect(console.state.editor == nil)
            try await Task.sleep(for: .seconds(2.5))
            await console.press(.ctrl("r"))
            #expect(console.state.errors.isEmpty, "\(console.state.errors.map(\.text))")
            #expect(console.state.toasts.toasts.allSatisfy { $0.kind != .error })
            #expect(console.state.roles.list.selected?.role.comment?.hasSuffix(" renewed") == true)
            let tokenCalls = rig.calls.all.filter { $0.path.contains("/oauth/token") }
            #expect(tokenCalls.count >= 2, "the token was renewed (\(tokenCalls.count) token calls)")
        }
    }

    @Test func aRestoredDraftStillMeetsTheLostUpdateCheck() async throws {
        try await FaultRig.with { rig in
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await console.select("helpdesk")
            let role = try #require(console.state.roles.list.selected)
            await console.press(.character("e"), .tab, .end)
            await console.type(" recovered")
            // SIGHUP: the run loop writes the form to a recovery file.
            _ = Console.update(&console.state, .signal(SIGHUP))
            let editor = try #require(Console.unsavedForm(console.state))
            let store = RecoveryStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(UUID().uuidString)").path)
            defer { try? FileManager.default.removeItem(atPath: store.directory) }
            try store.write(RecoveryDraft(editor: editor, now: Date().timeIntervalSince1970))

            // Someone changes the role before the next start.
            var theirs = try await rig.client.role(id: role.id)
            theirs.document["tags"] = .array([.string("changed-meanwhile")])
            try await rig.client.updateRole(theirs)

            var next = ConsoleDriver(api: rig.client)
            await next.start()
            await next.settle(Console.update(&next.state, .recoveryFound(try #require(store.load().first))))
            await next.press(.character("r"))
            #expect(store.load().isEmpty, "the file is gone once restored")
            await next.press(.function(2), .character("y"))
            guard case .conflict(let changes, _)? = next.state.editor?.stage else { Issue.record("no lost-update question"); return }
            #expect(changes.map(\.field).contains("tags"))
            #expect(try await rig.client.role(id: role.id).comment == role.role.comment, "nothing written over their change")
            await next.press(.character("r"), .function(2), .character("y"))
            let saved = try await rig.client.role(id: role.id)
            #expect(saved.comment == (role.role.comment ?? "") + " recovered")
            #expect(saved.tags == ["changed-meanwhile"])
        }
    }

    @Test func deletingTheObjectOfAChangeMeansItCannotBeUndoneAndUSaysSo() {
        var state = Fixtures.loadedState()
        let plan = MappingPlan(awsRoleID: "a-prod", awsRoleName: "aws-prod-admin", baseline: [], add: [RoleRef(id: "r-ops", name: "ops-oncall")], remove: [])
        _ = Console.update(&state, .mappingApplied(plan, after: [RoleRef(id: "r-ops", name: "ops-oncall")]))
        _ = Console.update(&state, .awsRoleDeleted(id: "a-prod", name: "aws-prod-admin"))
        // The delete is the newest change and cannot be undone; once left aside, the mapping of the gone AWS role cannot either.
        Fixtures.press(&state, .character("2"), .character("u"))
        guard case .confirm(.undo(let offer), _)? = state.modal else { Issue.record("no question"); return }
        #expect(offer.action == .setAside && offer.number == 2)
        Fixtures.press(&state, .character("y"), .character("u"))
        guard case .confirm(.undo(let next), _)? = state.modal else { Issue.record("no second question"); return }
        #expect(next.action == .setAside && next.number == 1 && next.text.contains("no longer has the AWS role"))
        let effects = Fixtures.press(&state, .character("y"))
        #expect(effects.isEmpty, "nothing is sent for a change that cannot be undone")
        Fixtures.press(&state, .character("u"))
        #expect(state.toasts.toasts.last?.message.hasPrefix("Nothing left to undo") == true)
    }

    @Test func saveConfirmedTwiceSendsOnePUT() async throws {
        try await FaultRig.with { rig in
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await console.select("linux-admins")
            let role = try #require(console.state.roles.list.selected)
            await console.press(.character("e"), .tab, .end)
            await console.type(" twice")
            await rig.inject(.latency, path: "/role-store/api/v1/roles/\(role.id)", methods: ["PUT"])
            // The effect is held back while more keys arrive, as when the PUT is slow.
            var effects = Console.update(&console.state, .key(.function(2)))
            effects += Console.update(&console.state, .key(.character("y")))
            effects += Console.update(&console.state, .key(.function(2)))
            effects += Console.update(&console.state, .key(.character("y")))
            effects += Console.update(&console.state, .key(.enter))
            #expect(effects.count == 1)
            await console.settle(effects)
            #expect(console.state.editor == nil)
            #expect(rig.calls.writes("PUT").count == 1)
            #expect(rig.loggedWrites().count == 1, "\(rig.loggedWrites())")
        }
    }

    @Test func mappingApplyConfirmedTwiceSendsOnePUT() async throws {
        try await FaultRig.with { rig in
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await console.press(.character("2"))
            await console.select("staging-ReadOnlyAccess")
            let aws = try #require(console.state.awsRoles.list.selected)
            let before = Set(try await rig.client.awsRoleLinkedRoles(id: aws.id).map(\.name))
            let target = before.contains("security-auditors") ? "helpdesk" : "security-auditors"
            func openAndReview(_ state: inout AppState) -> [Effect] {
                var effects: [Effect] = []
                for key in [Key.character("m")] + target.map({ Key.character($0) }) + [.character(" "), .enter] {
                    effects += Console.update(&state, .key(key))
                }
                return effects
            }
            var effects = openAndReview(&console.state)
            effects += Console.update(&console.state, .key(.character("y")))
            // While the first PUT is in flight the same change is made and confirmed again.
            console.state.awsRoles.list.catalog.replace(console.state.awsRoles.list.catalog.rows)
            effects += Console.update(&console.state, .key(.escape))
            effects += openAndReview(&console.state)
            effects += Console.update(&console.state, .key(.character("y")))
            #expect(effects.count == 1, "\(effects)")
            #expect(console.state.toasts.toasts.contains { $0.message.contains("still being written") })
            await console.settle(effects)
            #expect(rig.calls.writes("PUT").count == 1)
            #expect(rig.loggedWrites().count == 1)
            #expect(Set(try await rig.client.awsRoleLinkedRoles(id: aws.id).map(\.name)) == before.union([target]))
        }
    }

    @Test func deleteConfirmedTwiceSendsOneDELETE() async throws {
        try await FaultRig.with { rig in
            _ = try await rig.client.createRole(Role(name: "delete-twice"))
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await console.select("delete-twice")
            var effects = Console.update(&console.state, .key(.character("d")))
            effects += Console.update(&console.state, .key(.character("y")))
            effects += Console.update(&console.state, .key(.character("d")))
            effects += Console.update(&console.state, .key(.character("y")))
            #expect(effects.count == 1)
            await console.settle(effects)
            #expect(rig.calls.writes("DELETE").count == 1)
            #expect(rig.loggedWrites("DELETE").count == 1, "\(rig.loggedWrites())")
            #expect(console.state.errors.isEmpty)
            #expect(!console.state.roles.list.catalog.rows.contains { $0.role.name == "delete-twice" })
        }
    }
}
