import Foundation
import PrivXAPI
import RoleConsole
import TerminalUI
import Testing

/// Every screen and dialog rendered on a MemoryTerminal and compared with its golden file.
@MainActor @Suite struct GoldenScreenTests {
    @Test func rolesWithDetail() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down)
        Fixtures.rest(&state)
        Golden.check("roles-detail-100x30", snapshot(state))
    }

    @Test func rolesLoadingProgress() {
        var state = AppState(settings: ConsoleSettings(endpoint: "privx.example.com", identity: "client 5c1e6d0a", readOnly: false),
                             size: Size(width: 100, height: 30))
        _ = Console.start(&state)
        _ = Console.update(&state, .rolesProgress(loaded: 4000, total: 10000))
        Golden.check("roles-loading", snapshot(state))
    }

    @Test func rolesFilteredReadOnly() {
        var state = Fixtures.loadedState(readOnly: true)
        Fixtures.press(&state, .character("/"))
        Fixtures.type(&state, "ops")
        Golden.check("roles-filter-readonly", snapshot(state))
    }

    @Test func rolesDetailScrolledToContextAndRules() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down, .tab)
        for _ in 0..<9 { Fixtures.press(&state, .down) }
        Golden.check("roles-detail-scrolled", snapshot(state))
    }

    @Test func rolesDetailInASCII() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down, .tab)
        for _ in 0..<9 { Fixtures.press(&state, .down) }
        let screen = snapshot(state, glyphs: .ascii)
        #expect(screen.unicodeScalars.allSatisfy { $0.value < 0x80 })
        Golden.check("roles-detail-ascii", screen)
    }

    @Test func rolesAt80x24() {
        var state = Fixtures.loadedState(width: 80, height: 24)
        Fixtures.press(&state, .down)
        Fixtures.rest(&state)
        Golden.check("roles-80x24", snapshot(state))
    }

    @Test func rolesAt60x16InASCII() {
        var state = Fixtures.loadedState(width: 60, height: 16)
        Fixtures.press(&state, .down)
        Golden.check("roles-60x16-ascii", snapshot(state, glyphs: .ascii))
        Fixtures.press(&state, .tab)
        Golden.check("roles-60x16-detail", snapshot(state))
    }

    @Test func tooSmall() {
        let state = Fixtures.loadedState(width: 40, height: 10)
        Golden.check("too-small", snapshot(state))
    }

    @Test func awsRoles() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character("2"), .character("s"), .character("S"))
        Golden.check("aws-roles", snapshot(state))
    }

    @Test func mappingChecklist() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character("2"), .character("m"))
        Fixtures.press(&state, .down, .down, .character(" "))
        Golden.check("aws-mapping-checklist", snapshot(state))
        Fixtures.type(&state, "ops")
        Golden.check("aws-mapping-checklist-filtered", snapshot(state))
    }

    @Test func mappingConfirmation() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character("2"), .character("m"))
        Fixtures.press(&state, .down, .down, .character(" "), .up, .up, .character(" "), .enter)
        Golden.check("aws-mapping-confirm", snapshot(state))
    }

    @Test func mappingConflict() {
        var state = Fixtures.loadedState()
        let plan = MappingPlan(awsRoleID: "a-prod", awsRoleName: "aws-prod-admin",
                               baseline: [RoleRef(id: "r-linux", name: "linux-admins")],
                               add: [RoleRef(id: "r-ops", name: "ops-oncall")], remove: [])
        _ = Console.update(&state, .mappingConflict(plan, current: [RoleRef(id: "r-db", name: "db-readonly")]))
        Golden.check("aws-mapping-conflict", snapshot(state))
    }

    @Test func grantChecklistAndResult() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down, .character("a"))
        Golden.check("roles-grant-checklist", snapshot(state))
        // The checklist closes before its plan is written (Enter, then y); the result box opens over the screen.
        Fixtures.press(&state, .escape)
        #expect(state.checklist == nil)
        let plan = GrantPlan(role: RoleRef(id: "r-linux", name: "linux-admins"), targets: [
            .init(awsRoleID: "a-ro", awsRoleName: "aws-readonly", grant: true),
            .init(awsRoleID: "a-old", awsRoleName: "aws-legacy-ops", grant: true),
        ])
        _ = Console.update(&state, .grantsApplied(plan, [
            GrantOutcome(target: plan.targets[0], result: .applied([RoleRef(id: "r-linux", name: "linux-admins")])),
            GrantOutcome(target: plan.targets[1], result: .failed("HTTP 404: the AWS role no longer exists")),
        ]))
        Golden.check("roles-grant-result", snapshot(state))
    }

    @Test func deleteConfirmation() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character("2"), .character("d"))
        Golden.check("aws-delete-confirm", snapshot(state))
    }

    @Test func helpOverlay() {
        var state = Fixtures.loadedState()
        state.unavailable[.grantAWSRoles] = "role-target-resources-manage"
        Fixtures.press(&state, .character("?"))
        Golden.check("help-roles", snapshot(state))
    }

    @Test func commandLine() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "a")
        Golden.check("command-line", snapshot(state))
    }

    @Test func membersLogAndErrors() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down, .character("m"))
        let users = (0..<3).map { User(document: Fixtures.json(#"{"id":"u\#($0)","principal":"user\#($0)","full_name":"User Number \#($0)","email":"user\#($0)@example.com","source":"\#(Fixtures.sourceID)"}"#)) }
        _ = Console.update(&state, .membersLoaded(roleID: "r-linux", offset: 0, page: Page(count: 3, items: users)))
        Golden.check("members", snapshot(state))
        for (i, path) in ["/role-store/api/v1/roles?offset=0&limit=1000", "/role-store/api/v1/awsroles"].enumerated() {
            _ = Console.update(&state, .apiCall(APICallRecord(method: "GET", path: path, status: 200, errorKind: nil,
                                                               durationMilliseconds: Double(12 + i), attempt: 1,
                                                               startedAt: .init(timeIntervalSince1970: 1_763_650_000 + Double(i)))))
        }
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "log")
        Fixtures.press(&state, .enter)
        Golden.check("api-log", snapshot(state))
        _ = Console.update(&state, .failed(.loadAWSRoles, .timeout(method: "GET", path: "/role-store/api/v1/awsroles", seconds: 30)))
        Golden.check("error-toast", snapshot(state))
        Fixtures.press(&state, .escape, .character(":"))
        Fixtures.type(&state, "errors")
        Fixtures.press(&state, .enter)
        Golden.check("errors", snapshot(state))
    }
}
