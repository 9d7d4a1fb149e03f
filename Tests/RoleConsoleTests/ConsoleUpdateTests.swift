import Foundation
import PrivXAPI
import RoleConsole
import TerminalUI
import Testing

/// Messages in, state out: navigation, filter, sort, command line, read-only and 403 handling.
@Suite struct ConsoleUpdateTests {
    func selectedName(_ state: AppState) -> String? { state.roles.list.selected?.role.name }

    @Test func startAsksForRolesAWSRolesSourcesAndWhoIsLoggedIn() {
        var state = AppState(settings: ConsoleSettings(endpoint: "h", identity: "i", readOnly: false), size: Size(width: 100, height: 30))
        let effects = Console.start(&state)
        #expect(effects == [.loadRoles, .loadSources, .loadIdentity])
        #expect(state.roles.list.loading && state.awsRoles.list.loading)
        _ = Console.update(&state, .rolesProgress(loaded: 1000, total: 3000))
        #expect(state.roles.list.progress?.loaded == 1000)
        _ = Console.update(&state, .rolesLoaded(Fixtures.roles))
        #expect(!state.roles.list.loading && state.roles.list.loaded && state.roles.list.progress == nil)
        #expect(state.roles.list.catalog.view.count == Fixtures.roles.count)
    }

    @Test func movingFollowsVimKeysAndArrows() {
        var state = Fixtures.loadedState()
        #expect(selectedName(state) == "privx-admin")
        Fixtures.press(&state, .character("j"), .down)
        #expect(selectedName(state) == "db-readonly")
        Fixtures.press(&state, .character("k"))
        #expect(selectedName(state) == "linux-admins")
        Fixtures.press(&state, .character("G"))
        #expect(state.roles.list.table.selected == Fixtures.roles.count - 1)
        Fixtures.press(&state, .character("g"))
        #expect(state.roles.list.table.selected == 0)
    }

    @Test func filterNarrowsWithTermsAndEscClears() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character("/"))
        #expect(state.filterEditing)
        Fixtures.type(&state, "tag:ops")
        #expect(state.roles.list.catalog.view.count == 2)
        Fixtures.type(&state, " !ctx:off")
        #expect(state.roles.list.catalog.view.compactMap { state.roles.list.catalog.rows[$0].role.name } == ["linux-admins", "ops-oncall"])
        Fixtures.press(&state, .enter)
        #expect(!state.filterEditing)
        #expect(ConsoleView.statusBar(state).right.map(\.text).joined().contains("filter tag:ops !ctx:off: 2"))
        Fixtures.press(&state, .escape)
        #expect(state.roles.list.catalog.filterText.isEmpty)
        #expect(state.roles.list.catalog.view.count == Fixtures.roles.count)
    }

    @Test func permissionFilterMatchesByPrefix() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character("/"))
        Fixtures.type(&state, "perm:roles-man")
        #expect(state.roles.list.catalog.view.map { state.roles.list.catalog.rows[$0].role.name } == ["privx-admin"])
    }

    @Test func selectionFollowsTheRoleAcrossSortAndRefresh() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down, .down)
        #expect(selectedName(state) == "db-readonly")
        Fixtures.press(&state, .character("s"))
        #expect(state.roles.list.table.sortColumn == 0 && state.roles.list.table.sortAscending)
        #expect(selectedName(state) == "db-readonly")
        #expect(state.roles.list.catalog.row(at: 0)?.role.name == "db-readonly")
        Fixtures.press(&state, .character("S"))
        #expect(!state.roles.list.table.sortAscending)
        #expect(selectedName(state) == "db-readonly")
        Fixtures.press(&state, .character("s"))
        #expect(state.roles.list.table.sortColumn == 1)
        let effects = Fixtures.press(&state, .ctrl("r"))
        #expect(effects == [.loadRoles, .loadAWSRoles(refresh: false), .loadSources])
        _ = Console.update(&state, .rolesLoaded(Fixtures.roles.reversed()))
        #expect(selectedName(state) == "db-readonly")
    }

    @Test func commandLineCompletesAndJumpsToARole() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "ops")
        Fixtures.press(&state, .tab)
        guard let line = state.commandLine?.line else { Issue.record("no command line"); return }
        #expect(line.input.text == "ops-oncall")
        Fixtures.press(&state, .enter)
        #expect(state.modal == nil && state.commandLine == nil)
        #expect(selectedName(state) == "ops-oncall")
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "aw")
        Fixtures.press(&state, .tab, .enter)
        #expect(state.screen == .awsRoles)
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "log")
        Fixtures.press(&state, .enter)
        #expect(state.stack == [.awsRoles, .log])
        Fixtures.press(&state, .escape)
        #expect(state.screen == .awsRoles)
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "nonsense")
        Fixtures.press(&state, .enter)
        #expect(state.toasts.toasts.last?.message.contains("Unknown command or role") == true)
    }

    @Test func quitNeedsNoQuestionWhenNothingIsPending() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character("q"))
        #expect(state.shouldQuit)
    }

    @Test func quitAsksWhileAWriteIsInFlight() {
        var state = Fixtures.loadedState()
        _ = state.operations.start(.awsRole(name: "aws-prod-admin"))
        Fixtures.press(&state, .character("q"))
        #expect(!state.shouldQuit)
        guard case .confirm(.quit, _)? = state.modal else { Issue.record("no quit question"); return }
        Fixtures.press(&state, .character("y"))
        #expect(state.shouldQuit)
    }

    @Test func readOnlyRefusesChangingActionsInTheDispatcher() {
        var state = Fixtures.loadedState(readOnly: true)
        Fixtures.press(&state, .character("2"))
        let effects = Fixtures.press(&state, .character("m"), .character("d"))
        #expect(effects.isEmpty)
        #expect(state.modal == nil)
        #expect(state.toasts.toasts.last?.message.contains("read-only mode") == true)
        let hints = ActionRegistry.items(for: .awsRoles, readOnly: true, unavailable: [:], hintsOnly: true)
        #expect(hints.first { $0.title == "map roles" }?.enabled == false)
        Fixtures.press(&state, .character("1"), .character("a"))
        #expect(state.modal == nil)
    }

    @Test func aForbiddenWriteMarksTheActionUnavailableWithThePermission() {
        var state = Fixtures.loadedState()
        let body = ServerErrorBody(code: "PERMISSION_DENIED", message: "this request needs the permission 'role-target-resources-manage'",
                                   details: [ServerErrorBody(code: "PERMISSION_DENIED", property: "role-target-resources-manage")])
        _ = Console.update(&state, .failed(.applyMapping(awsRoleName: "aws-prod-admin"),
                                           .http(status: 403, method: "PUT", path: "/x", body: body)))
        #expect(state.unavailable[.mapRoles] == "role-target-resources-manage")
        #expect(state.errors.last?.text.contains("the API client lacks the permission role-target-resources-manage") == true)
        #expect(state.errors.last?.text.contains("Nothing was changed") == true)
        // A person logged in is told about their own roles, not about an API client.
        var person = Fixtures.loadedState()
        person.settings.identity = "user bob"
        _ = Console.update(&person, .failed(.applyMapping(awsRoleName: "aws-prod-admin"),
                                            .http(status: 403, method: "PUT", path: "/x", body: body)))
        let told = person.errors.last?.text ?? ""
        #expect(told.contains("your PrivX user lacks the permission role-target-resources-manage") && !told.contains("API client"), "\(told)")
        Fixtures.press(&state, .escape)
        #expect(state.toasts.toasts.isEmpty)
        Fixtures.press(&state, .character("2"), .character("m"))
        #expect(state.modal == nil)
        #expect(state.toasts.toasts.last?.message.contains("role-target-resources-manage") == true)
        let help = ActionRegistry.items(for: .awsRoles, readOnly: false, unavailable: state.unavailable, hintsOnly: false)
        #expect(help.first { $0.title.hasPrefix("Toggle") }?.reason?.contains("role-target-resources-manage") == true)
    }

    @Test func tabMovesFocusAndKeysScrollTheDetail() {
        var state = Fixtures.loadedState(width: 100, height: 20)
        Fixtures.press(&state, .down, .tab)
        #expect(state.focus == .detail)
        Fixtures.press(&state, .down, .down)
        #expect(state.detail.offset == 2)
        #expect(state.roles.list.table.selected == 1)
        Fixtures.press(&state, .escape)
        #expect(state.focus == .table)
    }

    @Test func membersOpenAsAPagedScreen() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down)
        let effects = Fixtures.press(&state, .character("m"))
        #expect(effects == [.loadMembers(roleID: "r-linux", roleName: "linux-admins", offset: 0)])
        #expect(state.stack == [.roles, .members])
        let users = (0..<100).map { User(document: Fixtures.json(#"{"id":"u\#($0)","principal":"user\#($0)","source":"\#(Fixtures.sourceID)"}"#)) }
        _ = Console.update(&state, .membersLoaded(roleID: "r-linux", offset: 0, page: Page(count: 150, items: users)))
        #expect(state.members?.users.count == 100)
        #expect(state.members?.list.catalog.row(at: 0)?.cells[3] == "Corporate AD")
        #expect(state.members?.list.catalog.row(at: 0)?.cells[4] == "mapped")
        let more = Fixtures.press(&state, .character("G"))
        #expect(more == [.loadMembers(roleID: "r-linux", roleName: "linux-admins", offset: 100)])
        Fixtures.press(&state, .escape)
        #expect(state.screen == .roles)
    }

    @Test func apiCallsAreKeptForTheLog() {
        var state = Fixtures.loadedState()
        let record = APICallRecord(method: "GET", path: "/role-store/api/v1/roles", status: 200, errorKind: nil,
                                   durationMilliseconds: 12, attempt: 1, startedAt: .init(timeIntervalSince1970: 0))
        _ = Console.update(&state, .apiCall(record))
        #expect(state.apiLog == [record])
    }
}
