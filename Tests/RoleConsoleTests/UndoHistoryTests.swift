import PrivXAPI
@testable import RoleConsole
import RoleStoreSimulator
import TerminalUI
import Testing

/// Issue 19 items 1 and 9: `u` follows this console's own changes newest first, from both sides of a mapping and
/// across every kind of change, and `:history` lists them. Against the real simulator over HTTP.
@Suite struct UndoHistoryTests {
    /// The screen as drawn (the renderer runs on the main actor).
    func screen(_ state: AppState) async -> String { await MainActor.run { snapshot(state) } }

    func mapped(_ client: PrivXClient, _ awsName: String) async throws -> Set<String> {
        let aws = try #require(try await client.awsRoles(refresh: false).first { $0.name == awsName })
        return Set(try await client.awsRoleLinkedRoles(id: aws.id).map(\.name))
    }

    /// The undo question on screen, or nil.
    func offer(_ console: ConsoleDriver) -> UndoOffer? {
        if case .confirm(.undo(let offer), _)? = console.state.modal { return offer }
        return nil
    }

    /// Item 1: `m` on dev-AnalyticsReader ticks linux-admins, then `a` on linux-admins unticks dev-AnalyticsReader and
    /// ticks prod-DatabaseAdmin. `u` offered the older `m` change (`dev-AnalyticsReader: −linux-admins`, already true)
    /// and its `y` met "Someone changed the mapping". Now `u` reverts the `a` change first, then the `m` change.
    @Test func undoFollowsThisConsolesMappingChangesFromBothSidesNewestFirst() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            let analytics = try await mapped(sim.client, "dev-AnalyticsReader")
            let database = try await mapped(sim.client, "prod-DatabaseAdmin")
            try #require(!analytics.contains("linux-admins") && !database.contains("linux-admins"))

            await console.press(.character("2"))
            await console.select("dev-AnalyticsReader")
            await console.press(.character("m"))
            await console.type("linux-admins")
            await console.press(.character(" "), .enter, .character("y"))
            #expect(try await mapped(sim.client, "dev-AnalyticsReader") == analytics.union(["linux-admins"]))

            await console.press(.character("1"))
            await console.select("linux-admins")
            await console.press(.character("a"))
            await console.type("dev-AnalyticsReader")
            await console.press(.character(" "))
            for _ in 0..<"dev-AnalyticsReader".count { await console.press(.backspace) }
            await console.type("prod-DatabaseAdmin")
            await console.press(.character(" "), .enter)
            guard case .confirm(.applyGrants(let plan), _)? = console.state.modal else { Issue.record("no grant question"); return }
            #expect(plan.summary == "linux-admins: +prod-DatabaseAdmin \u{2212}dev-AnalyticsReader")
            await console.press(.character("y"), .escape)
            #expect(try await mapped(sim.client, "dev-AnalyticsReader") == analytics)
            #expect(try await mapped(sim.client, "prod-DatabaseAdmin") == database.union(["linux-admins"]))

            // The newest change is the `a` change: the question names it and says what it writes.
            await console.press(.character("u"))
            let first = try #require(offer(console), "no undo question")
            guard case .awsGrants(let inverse) = first.action else { Issue.record("offered \(first.action)"); return }
            #expect(inverse.summary == "linux-admins: +dev-AnalyticsReader \u{2212}prod-DatabaseAdmin")
            #expect(first.text.contains("#2") && first.text.contains("linux-admins: +prod-DatabaseAdmin \u{2212}dev-AnalyticsReader"))
            #expect(first.text.contains("linux-admins: +dev-AnalyticsReader \u{2212}prod-DatabaseAdmin"))
            await console.press(.character("y"))
            #expect(try await mapped(sim.client, "dev-AnalyticsReader") == analytics.union(["linux-admins"]))
            #expect(try await mapped(sim.client, "prod-DatabaseAdmin") == database)
            #expect(console.state.history.entry(2)?.status.isUndone == true)

            // Then the `m` change, which now applies without any conflict.
            await console.press(.escape, .character("u"))
            let second = try #require(offer(console), "no second undo question")
            guard case .mapping(let back) = second.action else { Issue.record("offered \(second.action)"); return }
            #expect(back.summary == "dev-AnalyticsReader: \u{2212}linux-admins")
            await console.press(.character("y"))
            #expect(console.state.modal == nil, "no conflict question: the change it follows was this console's own")
            #expect(try await mapped(sim.client, "dev-AnalyticsReader") == analytics)
            #expect(console.state.history.entry(1)?.status.isUndone == true)
            #expect(console.state.errors.isEmpty)

            await console.press(.character("u"))
            #expect(console.state.modal == nil)
            #expect(console.state.toasts.toasts.last?.message.hasPrefix("Nothing left to undo") == true)
        }
    }

    /// Item 9: a save, a copy (`c`), a new role (`n`) and a delete (`d`) are undone newest first; the create whose role
    /// is gone is said to be impossible (never skipped silently) and left aside only on `y`; `:history` shows it all.
    @Test func undoWalksTheHistoryNewestFirstAndSaysWhatCannotBeUndone() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select("helpdesk")
            let helpdesk = try #require(console.state.roles.list.selected?.role)
            await console.press(.character("e"), .tab, .end)
            await console.type(" history")
            await console.press(.function(2), .character("y"))                                   // #1 save
            await console.press(.escape, .escape)                                                // the message, then the filter
            await console.select("db-admins")
            await console.press(.character("c"), .function(2), .character("y"))                  // #2 copy
            let copy = try #require(console.state.roles.list.catalog.rows.first { $0.role.name == "db-admins-copy" }?.role)
            await console.press(.character("n"))
            await console.type("undo-probe")
            await console.press(.function(2), .character("y"))                                   // #3 new
            let probe = try #require(console.state.roles.list.catalog.rows.first { $0.role.name == "undo-probe" }?.role)
            await console.select("undo-probe")
            await console.press(.character("d"))
            guard case .confirm(.deleteRole, _)? = console.state.modal else { Issue.record("no delete question"); return }
            await console.press(.character("y"))                                                 // #4 delete
            #expect(try await sim.client.allRoles().contains { $0.id == probe.id } == false)
            #expect(console.state.history.entries.map(\.number) == [1, 2, 3, 4])

            // :history lists them newest first, each with whether u can still revert it.
            await console.press(.escape, .character(":"))
            await console.type("history")
            await console.press(.enter)
            #expect(console.state.screen == .history)
            let drawn = await screen(console.state)
            let rows = drawn.split(separator: "\n").filter { !$0.contains("(UTC)") && ($0.contains("role deleted") || $0.contains("role created") || $0.contains("role saved")) }
            #expect(rows.count == 4, "\(drawn)")
            #expect(rows.first?.contains("undo-probe") == true && rows.first?.contains("next: u undoes it") == true)
            #expect(rows.last?.contains("helpdesk") == true)
            #expect(drawn.contains("cannot be undone"))

            // #4: the deleted role comes back from its document, with what cannot come back said first.
            await console.press(.character("u"))
            let recreate = try #require(offer(console))
            guard case .recreate = recreate.action else { Issue.record("offered \(recreate.action)"); return }
            #expect(recreate.text.contains("undo-probe") && recreate.text.contains("its ID (it gets a new one"))
            await console.press(.character("y"))
            let back = try #require(try await sim.client.allRoles().first { $0.name == "undo-probe" })
            #expect(back.id != probe.id && back.permissions == probe.permissions && back.context == probe.context)

            // #3 created the role under its old id, which is gone: u says so and only y leaves it aside.
            await console.press(.character("u"))
            let stuck = try #require(offer(console))
            #expect(stuck.action == .setAside && stuck.number == 3)
            #expect(stuck.text.contains("cannot be undone") && stuck.text.contains("#2"))
            await console.press(.character("n"))
            #expect(console.state.history.newestOpen?.number == 3, "n keeps it next")
            await console.press(.character("u"), .character("y"))
            #expect(console.state.history.newestOpen?.number == 2)

            // #2: the copy is deleted after a question naming it.
            await console.press(.character("u"))
            let delete = try #require(offer(console))
            #expect(delete.action == .deleteCreated(id: copy.id, name: "db-admins-copy"))
            #expect(delete.text.contains("db-admins-copy"))
            await console.press(.character("y"))
            #expect(try await sim.client.allRoles().contains { $0.id == copy.id } == false)

            // #1: the save's inverse opens in the form, titled as an undo, and restores the comment.
            await console.press(.character("u"))
            guard case .confirming(let changes)? = console.state.editor?.stage else { Issue.record("no inverse in the form"); return }
            #expect(console.state.editor?.undoOf?.number == 1)
            #expect(changes.map(\.field) == ["comment"])
            #expect(await screen(console.state).contains("Undo #1"))
            await console.press(.character("y"))
            #expect(try await sim.client.role(id: helpdesk.id).comment == helpdesk.comment)

            await console.press(.character("u"))
            #expect(console.state.toasts.toasts.last?.message.hasPrefix("Nothing left to undo") == true)
            let statuses = console.state.history.entries.map(\.status)
            #expect(statuses[0].isUndone && statuses[1].isUndone && statuses[3].isUndone)
            if case .setAside = statuses[2] {} else { Issue.record("#3 is \(statuses[2])") }
            #expect(console.state.history.entries.count == 4, "an undo is not a new change")
            #expect(console.state.errors.isEmpty)
        }
    }

    /// An undo is not written over someone else's later change: the mapping is re-read, nothing is written, and the
    /// change stays open with the reason on it.
    @Test func anUndoMeetingAnotherChangeWritesNothingAndSaysSo() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            let (aws, before, target) = try await console.mapOneMoreRole(sim.client)
            // Someone else adds a role meanwhile.
            let current = try await sim.client.awsRoleLinkedRoles(id: aws.id)
            let other = try #require(console.state.roles.list.catalog.rows.first { row in !current.contains { $0.id == row.id } && !row.role.system })
            try await sim.client.setAWSRoleLinkedRoles(id: aws.id, roles: current + [RoleRef(id: other.id, name: other.role.name)])

            await console.press(.character("u"), .character("y"))
            guard case .message(let title, let text, true)? = console.state.modal else { Issue.record("no refusal"); return }
            #expect(title == "Not undone" && text.contains("+\(other.role.name)"))
            #expect(try await mapped(sim.client, aws.awsRole.name) == before.union([target, other.role.name]), "nothing written")
            let entry = try #require(console.state.history.entry(1))
            #expect(entry.isOpen && entry.note?.contains("changed since") == true)

            // The next u says the last attempt failed and offers to leave the change as it is, so an undo that
            // keeps failing does not stand in front of older changes; l leaves it, writing nothing.
            await console.press(.enter, .character("u"))
            let question = try #require(Console.openQuestion(console.state)?.question)
            #expect(question.text.contains("The last attempt did not go through"), "\(question.text)")
            #expect(question.choices.map(\.label) == ["Undo", "Leave it", "Keep"])
            await console.press(.character("l"))
            guard case .setAside? = console.state.history.entry(1)?.status else {
                Issue.record("not left as it is: \(String(describing: console.state.history.entry(1)?.status))")
                return
            }
            #expect(try await mapped(sim.client, aws.awsRole.name) == before.union([target, other.role.name]), "nothing written")
        }
    }
}

/// An undo is a verified write: when its answer is lost, the server is re-read before anything is called failed.
@Suite(.serialized) struct UndoLostAnswerTests {
    @Test func anUndoWhoseAnswerIsLostIsDecidedByTheReRead() async throws {
        try await FaultRig.with { rig in
            var console = ConsoleDriver(api: rig.client)
            let (aws, before, target) = try await console.mapOneMoreRole(rig.client)
            #expect(Set(try await rig.client.awsRoleLinkedRoles(id: aws.id).map(\.name)) == before.union([target]))

            // The undo's PUT is applied by the server but its answer is cut off.
            await rig.server.setFaults(.failing(.truncated, path: "/role-store/api/v1/awsroles/\(aws.id)/roles", methods: ["PUT"], skip: 0, limit: 1))
            await console.press(.character("u"), .character("y"))
            #expect(Set(try await rig.client.awsRoleLinkedRoles(id: aws.id).map(\.name)) == before)
            #expect(console.state.history.entry(1)?.status.isUndone == true, "the re-read decided: \(console.state.errors.map(\.text))")
            #expect(console.state.errors.isEmpty)
            #expect(rig.calls.writes("PUT").count == 2, "the undo's PUT is not repeated")
        }
    }
}

/// `:history` without a server: the rows, the command line and help, Enter's detail.
@MainActor @Suite struct HistoryScreenTests {
    @Test func historyListsChangesNewestFirstWithTheirUndoState() throws {
        var state = Fixtures.loadedState(width: 140, height: 30)
        let ops = RoleRef(id: "r-ops", name: "ops-oncall")
        let plan = MappingPlan(awsRoleID: "a-prod", awsRoleName: "aws-prod-admin", baseline: [], add: [ops], remove: [])
        state.now = 3600
        _ = Console.update(&state, .mappingApplied(plan, after: [ops]))
        state.now = 3660
        _ = Console.update(&state, .awsRoleDeleted(id: "a-prod", name: "aws-prod-admin"))
        #expect(state.history.entries.count == 2)

        Fixtures.press(&state, .character(":"))
        #expect(state.commandLine?.line.completions.contains("history") == true)
        for character in "history" { Fixtures.press(&state, .character(character)) }
        Fixtures.press(&state, .enter)
        #expect(state.screen == .history)
        let lines = snapshot(state).split(separator: "\n").map(String.init)
        let deleted = try #require(lines.firstIndex { $0.contains("AWS role deleted") })
        let mapping = try #require(lines.firstIndex { $0.contains("mapping (m)") })
        #expect(deleted < mapping, "newest first")
        #expect(lines[deleted].contains("01:01:00") && lines[deleted].contains("aws-prod-admin"))
        #expect(lines[mapping].contains("+ops-oncall"))
        #expect(lines.joined().contains("cannot be undone"))

        Fixtures.press(&state, .enter)
        guard case .message(let title, let text, _)? = state.modal else { Issue.record("no detail"); return }
        #expect(title == "Change #2" && text.contains("re-scan"))
        Fixtures.press(&state, .escape)

        // u says why the newest cannot be undone and leaves it only on y; then the mapping's AWS role is gone too.
        Fixtures.press(&state, .character("u"))
        guard case .confirm(.undo(let offer), _)? = state.modal else { Issue.record("no question"); return }
        #expect(offer.action == .setAside && offer.text.contains("#1"))
        Fixtures.press(&state, .character("y"), .character("u"))
        guard case .confirm(.undo(let next), _)? = state.modal else { Issue.record("no second question"); return }
        #expect(next.number == 1 && next.text.contains("no longer has the AWS role"))
    }

    @Test func historyScreenGolden() {
        var state = Fixtures.loadedState(width: 100, height: 24)
        let ops = RoleRef(id: "r-ops", name: "ops-oncall")
        state.now = 3600
        _ = Console.update(&state, .mappingApplied(MappingPlan(awsRoleID: "a-prod", awsRoleName: "aws-prod-admin", baseline: [], add: [ops], remove: []),
                                                   after: [ops]))
        state.now = 3720
        _ = Console.update(&state, .grantsApplied(GrantPlan(role: ops, targets: [GrantPlan.Target(awsRoleID: "a-prod", awsRoleName: "aws-prod-admin", grant: false)]),
                                                  [GrantOutcome(target: GrantPlan.Target(awsRoleID: "a-prod", awsRoleName: "aws-prod-admin", grant: false), result: .applied([]))]))
        Fixtures.press(&state, .escape, .character(":"))
        for character in "history" { Fixtures.press(&state, .character(character)) }
        Fixtures.press(&state, .enter)
        Golden.check("history-screen", snapshot(state))
    }

    @Test func helpAndTheCommandLineNameHistory() {
        var state = Fixtures.loadedState(width: 160, height: 50)
        Fixtures.press(&state, .character("?"))
        #expect(snapshot(state).contains(":history"))
        let items = ActionRegistry.items(for: .history, readOnly: false, unavailable: [:], hintsOnly: false, systemRole: false, held: nil)
        #expect(items.contains { $0.keys == "u" } && items.contains { $0.keys == "Enter" })
    }
}

extension ConsoleDriver {
    /// Starts the console and, on the AWS roles screen, maps one more PrivX role on staging-ReadOnlyAccess through `m`
    /// (change #1): the AWS role, its mapping before, and the role added.
    mutating func mapOneMoreRole(_ client: PrivXClient) async throws -> (AWSRoleRow, Set<String>, String) {
        await start()
        await press(.character("2"))
        await select("staging-ReadOnlyAccess")
        let aws = try #require(state.awsRoles.list.selected)
        let before = Set(try await client.awsRoleLinkedRoles(id: aws.id).map(\.name))
        let target = before.contains("security-auditors") ? "helpdesk" : "security-auditors"
        await press(.character("m"))
        await type(target)
        await press(.character(" "), .enter, .character("y"))
        return (aws, before, target)
    }
}

extension ChangeRecord.Status {
    var isUndone: Bool { if case .undone = self { true } else { false } }
}
