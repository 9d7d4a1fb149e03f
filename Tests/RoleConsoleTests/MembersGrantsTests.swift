import Foundation
import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import TerminalUI
import Testing

/// The members screen's grants (issue 18) through `Console.update` against the real simulator over HTTP:
/// every grant and revoke is checked in the user's role list on the server.
@Suite struct MembersGrantsTests {
    static let roleName = "security-auditors"

    /// The role, a user who does not hold it at all, and a member the rules map (not granted).
    func fixture(_ client: PrivXClient) async throws -> (role: RoleRef, outsider: User, mapped: User) {
        let role = try #require(try await client.resolveRoles(names: [Self.roleName]).first)
        let members = try await client.allMembers(roleID: role.id, progress: nil)
        let mapped = try #require(members.first { !$0.isExplicitMember })
        let memberIDs = Set(members.map(\.id))
        let users = try await client.searchUsers(UserSearch(), page: PageRequest(offset: 0, limit: 200)).items
        let outsider = try #require(users.first { !memberIDs.contains($0.id) })
        return (role, outsider, mapped)
    }

    /// The role's handle in the user's list when it is an explicit grant.
    func grant(_ client: PrivXClient, _ role: RoleRef, _ user: User) async throws -> RoleHandle? {
        try await client.userRoles(userID: user.id).first { $0.id == role.id && $0.isExplicit }
    }

    /// The members screen of the role, filtered to one principal (the filter reads every page).
    func openMembers(_ console: inout ConsoleDriver, filter: String) async {
        await console.select(Self.roleName)
        await console.press(.character("m"))
        await console.press(.character("/"))
        await console.type(filter)
        await console.press(.enter)
    }

    func tick(_ console: inout ConsoleDriver, _ now: Double) async {
        let effects = Console.update(&console.state, .tick(now))
        await console.settle(effects)
    }

    @Test func theFilterReadsEveryPageAndRowsSayHowTheRoleIsHeld() async throws {
        try await SimulatorHarness.with { sim in
            let (role, outsider, mapped) = try await fixture(sim.client)
            let start = Date().addingTimeInterval(-3600), end = Date().addingTimeInterval(86_400)
            _ = try await sim.client.grantRole(role, to: outsider.id, terms: .timeRestricted(start: start, end: end))
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await tick(&console, Date().timeIntervalSince1970)   // the run loop's clock: "until" is judged against now
            await openMembers(&console, filter: outsider.principal)
            let members = try #require(console.state.members)
            #expect(members.users.count == members.total, "a filter reads every page")
            let row = try #require(members.list.selected)
            #expect(row.id == outsider.id)
            #expect(row.cells[4].hasPrefix("explicit · until "), "\(row.cells[4])")
            #expect(members.title.hasPrefix("Members of \(Self.roleName) (\(members.list.catalog.view.count) of \(members.total))"))

            await console.press(.escape, .character("/"))
            await console.type(mapped.principal)
            await console.press(.enter)
            #expect(console.state.members?.list.selected?.cells[4] == "mapped")
            // The Source column is searched: the directory's name finds members.
            let source = try #require(console.state.members?.list.selected?.cells[3])
            await console.press(.escape, .character("/"))
            await console.type(source)
            #expect((console.state.members?.list.catalog.view.count ?? 0) > 0)
            await console.press(.escape)
            await console.press(.enter)
            guard case .message(let title, _, _)? = console.state.modal else { Issue.record("Enter shows no detail"); return }
            #expect(title.hasPrefix("Member "))
        }
    }

    @Test func revokeAsksNamingUserAndRoleWritesAndUndoRestoresTheTerms() async throws {
        try await SimulatorHarness.with { sim in
            let (role, outsider, _) = try await fixture(sim.client)
            _ = try await sim.client.grantRole(role, to: outsider.id, terms: .floating(hours: 6))
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await openMembers(&console, filter: outsider.principal)
            await console.press(.character("d"))
            guard case .confirm(.revokeGrant(let asked, let user, let detail), _)? = console.state.modal else {
                Issue.record("no revoke question"); return
            }
            #expect(asked.name == Self.roleName && user.principal == outsider.principal)
            #expect(detail.contains("floating 6h"))
            await console.press(.character("y"))
            #expect(try await grant(sim.client, role, outsider) == nil, "revoked on the server")
            #expect(console.state.operations.writes == 0)
            #expect(console.state.toasts.toasts.contains { $0.message.contains("\(outsider.principal) revoked") })

            // Undo works from another screen too, and says what it did there.
            await console.press(.character("3"), .escape, .character("u"))
            guard case .confirm(.undo(let offer), _)? = console.state.modal, case .memberGrants = offer.action else { Issue.record("no undo question"); return }
            await console.press(.character("y"))
            let restored = try #require(try await grant(sim.client, role, outsider))
            #expect(restored.grantType == "FLOATING" && restored.floatingHours == 6)
            #expect(console.state.toasts.toasts.contains { $0.message.hasPrefix("Undone: \(Self.roleName): \(outsider.principal) granted") })
        }
    }

    /// A filter typed before the first page arrived still reads every page once it does.
    @Test func aFilterTypedWhileTheFirstPageLoadsReadsTheRest() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down, .character("m"), .character("/"), .character("u"))
        let users = (0..<100).map { User(document: Fixtures.json(#"{"id":"u\#($0)","principal":"user\#($0)"}"#)) }
        let effects = Console.update(&state, .membersLoaded(roleID: "r-linux", offset: 0, page: Page(count: 150, items: users)))
        #expect(effects.contains(.loadMembers(roleID: "r-linux", roleName: "linux-admins", offset: 100)))
        #expect(state.members?.title.contains("reading all 100/150 for the filter") == true)
    }

    @Test func aMappedMemberIsNotRevokedAndTheConsoleSaysWhy() async throws {
        try await SimulatorHarness.with { sim in
            let (_, _, mapped) = try await fixture(sim.client)
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await openMembers(&console, filter: mapped.principal)
            await console.press(.character("d"))
            #expect(console.state.modal == nil)
            let notice = try #require(console.state.toasts.toasts.last?.message)
            #expect(notice.contains("mapped") && notice.contains("rules") && notice.contains("directory"))
        }
    }

    @Test func addMembersSearchesWhenTypingRestsAndGrantsTimeRestrictedInUTC() async throws {
        try await SimulatorHarness.with { sim in
            let (role, outsider, _) = try await fixture(sim.client)
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select(Self.roleName)
            await console.press(.character("m"), .character("a"))
            #expect(console.state.members?.adding != nil)
            for character in outsider.principal {
                let effects = Console.update(&console.state, .key(.character(character)))
                #expect(effects.isEmpty, "no search while typing")
            }
            let typedAt = console.state.now
            await tick(&console, typedAt + 0.1)
            #expect(console.state.members?.adding?.search.sent == "", "the pause is not over yet")
            await tick(&console, typedAt + 1)
            let results = try #require(console.state.members?.adding?.results)
            #expect(results.contains { $0.id == outsider.id })
            let index = try #require(results.firstIndex { $0.id == outsider.id })
            for _ in 0..<index { await console.press(.down) }
            await console.press(.character(" "), .enter)
            #expect(console.state.members?.adding?.stage == .terms)
            await console.press(.right)   // time-restricted
            await console.press(.tab)
            let zone = try #require(console.state.members?.adding?.zone)
            let start = Date().addingTimeInterval(-600), end = Date().addingTimeInterval(7200)
            func text(_ date: Date) -> String {
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = zone
                formatter.dateFormat = "yyyy-MM-dd HH:mm"
                return formatter.string(from: date)
            }
            for _ in 0..<30 { await console.press(.backspace) }
            await console.type(text(start))
            await console.press(.tab)
            await console.type(text(end))
            await console.press(.enter)
            #expect(console.state.members?.adding?.stage == .review, "\(console.state.members?.adding?.problem ?? "")")
            await console.press(.character("y"))
            let handle = try #require(try await grant(sim.client, role, outsider))
            #expect(handle.grantType == "TIME_RESTRICTED")
            let period = try #require(handle.periods.first)
            #expect(abs((period.endDate?.timeIntervalSince1970 ?? 0) - (GrantTerms.parse(GrantTerms.format(end))!.timeIntervalSince1970)) < 61)
            #expect(period.end.hasSuffix("Z"), "sent as UTC")
            #expect(console.state.members?.adding == nil)
        }
    }

    @Test func readOnlyRefusesAddingAndRevokingInTheDispatcher() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client, readOnly: true)
            await console.start()
            await console.select(Self.roleName)
            await console.press(.character("m"), .character("a"))
            #expect(console.state.members?.adding == nil)
            #expect(console.state.toasts.toasts.last?.message.contains("read-only") == true)
            await console.press(.character("d"))
            #expect(console.state.modal == nil)
        }
    }

    /// A caller without users-manage or roles-manage (known from `/users/current`) is refused revoke and add up
    /// front, naming the permission; nothing is sent.
    @Test func aCallerWithoutTheGrantPermissionIsRefusedUpFront() async throws {
        try await SimulatorHarness.with { sim in
            let (role, outsider, _) = try await fixture(sim.client)
            _ = try await sim.client.grantRole(role, to: outsider.id, terms: .permanent)
            let viewer = DemoCredentials.viewer
            let client = try PrivXClient(configuration: ClientConfiguration(
                baseURL: sim.server.baseURL,
                credentials: .apiClient(oauthClientID: viewer.oauthClientID, oauthClientSecret: viewer.oauthClientSecret,
                                        apiClientID: viewer.apiClientID, apiClientSecret: viewer.apiClientSecret)))
            var console = ConsoleDriver(api: client)
            await console.start()
            await openMembers(&console, filter: outsider.principal)
            await console.press(.character("d"))
            #expect(console.state.modal == nil, "no revoke question")
            #expect(console.state.toasts.toasts.last?.message.contains("users-manage or roles-manage") == true,
                    "\(console.state.toasts.toasts.last?.message ?? "")")
            #expect(try await grant(sim.client, role, outsider) != nil, "nothing was revoked")
            await console.press(.character("a"))
            #expect(console.state.members?.adding == nil)
            await client.shutdown()
        }
    }

    /// A revoke whose PUT fails is not applied and says so; a truncated answer (the PUT was applied) is decided by the
    /// re-read and reported done. The client never repeats the PUT.
    @Test(arguments: FaultCase.allCases)
    func revokeUnderAFault(_ fault: FaultCase) async throws {
        try await FaultRig.with { rig in
            let (role, outsider, _) = try await fixture(rig.client)
            _ = try await rig.client.grantRole(role, to: outsider.id, terms: .permanent)
            var console = ConsoleDriver(api: rig.client)
            await console.start()
            await openMembers(&console, filter: outsider.principal)
            await rig.inject(fault, path: "/role-store/api/v1/users/\(outsider.id)/roles", methods: ["PUT"])
            let putsBefore = rig.calls.writes("PUT").count   // the grant made above
            await console.press(.character("d"), .character("y"))
            #expect(rig.calls.writes("PUT").count == putsBefore + 1, "one PUT, never repeated by the client")
            #expect(console.state.operations.isEmpty)
            await rig.heal()
            let after = try await grant(rig.client, role, outsider)
            let errors = console.state.errors.map(\.text).joined(separator: "\n")
            if fault.fails && fault != .truncated {
                #expect(after != nil, "nothing was revoked")
                #expect(errors.contains("Changing the grant of \(Self.roleName) for \(outsider.principal) failed"), "\(errors)")
            } else {
                #expect(after == nil)
                #expect(errors.isEmpty, "\(errors)")
            }
        }
    }

    @Test func theUsersScreenNamesTheRuleThatMapsAUser() async throws {
        try await SimulatorHarness.with { sim in
            let (role, _, mapped) = try await fixture(sim.client)
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.press(.character("3"))
            #expect(console.state.screen == .users)
            await console.type(mapped.principal)
            await tick(&console, console.state.now + 1)
            let users = try #require(console.state.users)
            #expect(users.list.catalog.rows.contains { $0.id == mapped.id })
            await console.press(.enter)
            let position = try #require(console.state.users?.list.catalog.position(of: mapped.id))
            for _ in 0..<position { await console.press(.down) }
            await console.press(.enter)
            let opened = try #require(console.state.users)
            let row = try #require(opened.roles.first { $0.handle.id == role.id })
            #expect(row.holding == "mapped")
            guard case .matched(let rules)? = opened.explanations[role.id] else {
                Issue.record("no rule named: \(String(describing: opened.explanations[role.id]))"); return
            }
            #expect(!rules.isEmpty && rules.allSatisfy { $0.source == mapped.source })
            #expect(opened.mappedBy(row, sourceNames: console.state.sourceNames).contains(" in "))
            await console.press(.ctrl("r"))
            #expect(console.state.users?.explanations[role.id] == opened.explanations[role.id], "ctrl-r reads the roles and rules again")
            #expect(console.state.users?.loadingRoles == false)
        }
    }
}
