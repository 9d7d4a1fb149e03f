import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// Issue 18 in the real binary in tmux: a user found by search is granted a time-restricted role from the
/// members screen, then the grant is revoked; both are checked in the user's role list on the server.
extension ConsoleEndToEndTests {
    @Test func grantATimeRestrictedRoleToAUserFoundBySearchThenRevokeIt() async throws {
        try await Self.withServer { server, client in
            let role = try #require(try await client.resolveRoles(names: ["security-auditors"]).first)
            let memberIDs = Set(try await client.allMembers(roleID: role.id, progress: nil).map(\.id))
            let users = try await client.searchUsers(UserSearch(), page: PageRequest(offset: 0, limit: 200)).items
            let user = try #require(users.first { !memberIDs.contains($0.id) && $0.principal.count >= 4 })
            func grant() async throws -> RoleHandle? {
                try await client.userRoles(userID: user.id).first { $0.id == role.id && $0.isExplicit }
            }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            let start = Date().addingTimeInterval(-600), end = Date().addingTimeInterval(86_400)

            let tmux = try console(server)
            try tmux.waitFor("Roles (60 of 60)", timeout: 40)
            try tmux.send("/")
            try tmux.type("security-auditors")
            try tmux.send("Enter")
            try tmux.send("m")
            try tmux.waitFor("Members of security-auditors (")
            try tmux.send("a")
            try tmux.waitFor("Add members to security-auditors")
            try tmux.type(user.principal)
            try tmux.waitUntil("the search answered") { $0.contains(" found") && $0.contains("[ ] \(user.principal)") }
            try tmux.send("Space")
            try tmux.waitFor("Chosen (1): \(user.principal)")
            try tmux.send("Enter")
            try tmux.waitFor("Grant type")
            try tmux.send("Right")
            try tmux.waitFor("(•) Time-restricted")
            try tmux.send("Tab")
            for _ in 0..<20 { try tmux.send("BSpace") }
            try tmux.type(formatter.string(from: start))
            try tmux.send("Tab")
            try tmux.type(formatter.string(from: end))
            try tmux.send("Enter")
            try tmux.waitFor("Grant security-auditors, time-restricted")
            try tmux.send("y")
            try tmux.waitFor("\(user.principal) granted", timeout: 20)
            let granted = try #require(try await grant())
            #expect(granted.grantType == "TIME_RESTRICTED")
            #expect(granted.periods.first?.end.hasSuffix("Z") == true)

            try tmux.send("/")
            try tmux.type(user.principal)
            try tmux.send("Enter")
            try tmux.waitFor("explicit · until")
            try tmux.send("d")
            try tmux.waitFor("Revoke the role security-auditors from \(user.principal)?")
            try tmux.send("y")
            try tmux.waitFor("\(user.principal) revoked", timeout: 20)
            #expect(try await grant() == nil)
            try tmux.send("q")
            try waitForExit(tmux)
        }
    }
}
