import Foundation
import PrivXAPI
import RoleConsole
import TerminalUI
import Testing

/// The members screen with grants, the add-members dialog at each stage and the users screen, rendered on a
/// MemoryTerminal and compared with golden files (times in UTC so the files do not depend on the machine).
@MainActor @Suite struct GrantsGoldenTests {
    static let utc = TimeZone(identifier: "UTC")!

    static func user(_ id: String, _ principal: String, explicit: Bool = false) -> User {
        User(document: Fixtures.json(#"{"id":"\#(id)","principal":"\#(principal)","full_name":"\#(principal.capitalized)","email":"\#(principal)@example.com","source":"\#(Fixtures.sourceID)","explicit":\#(explicit)}"#))
    }

    static func handle(_ json: String) -> RoleHandle { RoleHandle(document: Fixtures.json(json)) }

    /// linux-admins' members: one mapped, one granted until 2099 and mapped too, one floating.
    func members() -> AppState {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down, .character("m"))
        let users = [Self.user("u1", "alice"), Self.user("u2", "bob", explicit: true), Self.user("u3", "carol", explicit: true)]
        _ = Console.update(&state, .membersLoaded(roleID: "r-linux", offset: 0, page: Page(count: 14, items: users)))
        _ = Console.update(&state, .members(.grantsLoaded(roleID: "r-linux", [
            "u2": Self.handle(#"{"id":"r-linux","explicit":true,"implicit":true,"grant_type":"TIME_RESTRICTED","grant_validity_periods":[{"grant_start":"2025-01-01T00:00:00Z","grant_end":"2099-12-31T23:59:59Z"}]}"#),
            "u3": Self.handle(#"{"id":"r-linux","explicit":true,"implicit":false,"grant_type":"FLOATING","floating_length":8}"#),
        ])))
        return state
    }

    @Test func membersWithGrants() {
        var state = members()
        Golden.check("members-grants", snapshot(state))
        Fixtures.press(&state, .down, .character("d"))
        Golden.check("members-revoke-question", snapshot(state))
    }

    @Test func addMembersDialog() {
        var state = members()
        Fixtures.press(&state, .character("a"))
        state.members?.adding?.zone = Self.utc
        state.members?.adding?.start = TextInputState("2025-11-20 14:00")
        Fixtures.type(&state, "da")
        _ = Console.update(&state, .tick(state.now + 1))
        _ = Console.update(&state, .members(.usersFound(query: "da", users: [Self.user("u7", "dave"), Self.user("u8", "dana")], total: 2)))
        Fixtures.press(&state, .character(" "))
        Golden.check("add-members-search", snapshot(state))
        Fixtures.press(&state, .enter, .right, .tab, .tab)
        Fixtures.type(&state, "2025-12-01 18:00")
        Golden.check("add-members-terms", snapshot(state))
        Fixtures.press(&state, .enter)
        Golden.check("add-members-review", snapshot(state))
    }

    @Test func usersScreenWithRoles() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character("3"))
        Fixtures.type(&state, "bob")
        _ = Console.update(&state, .tick(state.now + 1))
        _ = Console.update(&state, .users(.found(query: "bob", users: [Self.user("u2", "bob")], total: 1)))
        Fixtures.press(&state, .enter, .enter)
        _ = Console.update(&state, .users(.opened(userID: "u2", inEffect: [
            Self.handle(#"{"id":"r-linux","name":"linux-admins","explicit":true,"implicit":true,"grant_type":"PERMANENT"}"#),
            Self.handle(#"{"id":"r-db","name":"db-readonly","explicit":false,"implicit":true}"#),
        ], notInEffect: [
            Self.handle(#"{"id":"r-ops","name":"ops-oncall","explicit":true,"implicit":false,"grant_type":"TIME_RESTRICTED","grant_validity_periods":[{"grant_start":"2024-01-01T00:00:00Z","grant_end":"2024-01-02T00:00:00Z"}]}"#),
        ])))
        _ = Console.update(&state, .users(.explained(userID: "u2", roleID: "r-linux",
                                                      .matched([MatchedRule(searchString: "(memberOf=cn=linux,ou=groups)", source: Fixtures.sourceID)]))))
        Golden.check("users-roles", snapshot(state))
    }
}
