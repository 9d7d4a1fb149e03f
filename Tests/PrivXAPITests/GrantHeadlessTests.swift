import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// `users search|show`, `roles members|grant|revoke`: the real binary against the real simulator.
@Suite("Headless users and grants", .serialized)
struct GrantHeadlessTests {
    /// A role mapping nobody and a user known by principal.
    func setUp(_ server: SimulatorServer, name: String) async throws -> (Role, User) {
        try await using(makeClient(server)) { client in
            let body = try JSONParser.parse(Array(#"{"name": "\#(name)", "source_rules": {"type": "GROUP", "match": "ANY", "rules": []}}"#.utf8))
            let id = try await client.createRole(Role(document: try #require(body.objectValue)))
            let user = try #require(try await client.searchUsers(UserSearch(), page: PageRequest(offset: 3, limit: 1)).items.first)
            return (try await client.role(id: id), user)
        }
    }

    @Test func searchAndShowAUserWithExplicitAndMappedRoles() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let (role, user) = try await setUp(server, name: "headless-show")
            let search = try await PrivXRolesBinary.run(["users", "search", user.principal.uppercased()], environment: environment)
            #expect(search.status == 0, "\(search.stderr)")
            #expect(search.stdout.contains(user.principal) && search.stdout.contains(user.id))
            let json = try await PrivXRolesBinary.run(["users", "search", user.principal, "--json"], environment: environment)
            let parsed = try JSONParser.parse(Array(json.stdout.utf8))
            #expect(parsed["items"]?.arrayValue?.contains { $0["id"]?.stringValue == user.id } == true)
            let csv = try await PrivXRolesBinary.run(["users", "search", user.principal, "--csv"], environment: environment)
            #expect(csv.stdout.hasPrefix("id,principal,full_name,email,source,source_type\n"))

            let grant = try await PrivXRolesBinary.run(["roles", "grant", role.name, user.principal, "--floating", "6"], environment: environment)
            #expect(grant.status == 0, "\(grant.stdout)\(grant.stderr)")
            #expect(grant.stdout.contains("\(user.principal): \(role.name) granted (floating 6h from first connection)"), "\(grant.stdout)")
            let show = try await PrivXRolesBinary.run(["users", "show", user.id], environment: environment)
            #expect(show.status == 0, "\(show.stderr)")
            let line = try #require(show.stdout.split(separator: "\n").first { $0.hasPrefix(role.name + " ") })
            #expect(line.contains("explicit") && line.contains("floating 6h"))
            #expect(show.stdout.contains("mapped"))
            let showCSV = try await PrivXRolesBinary.run(["users", "show", user.principal, "--csv"], environment: environment)
            #expect(showCSV.stdout.contains("\(role.id),\(role.name),explicit,FLOATING,"), "\(showCSV.stdout)")
        }
    }

    @Test func grantTimeRestrictedListMembersAndRevokeByName() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let (role, user) = try await setUp(server, name: "headless-grant")
            let grant = try await PrivXRolesBinary.run(["roles", "grant", role.name, user.principal,
                                                        "--from", "2025-01-01T00:00:00Z", "--until", "2099-01-01T00:00:00+02:00"], environment: environment)
            #expect(grant.status == 0, "\(grant.stdout)\(grant.stderr)")
            #expect(grant.stdout.contains("granted (2025-01-01T00:00:00Z .. 2098-12-31T22:00:00Z)"), "\(grant.stdout)")
            let again = try await PrivXRolesBinary.run(["roles", "grant", role.id, user.id,
                                                        "--from", "2025-01-01T00:00:00Z", "--until", "2098-12-31T22:00:00Z"], environment: environment)
            #expect(again.stdout.contains("unchanged"), "\(again.stdout)")

            let members = try await PrivXRolesBinary.run(["roles", "members", role.name, "--json"], environment: environment)
            let items = try JSONParser.parse(Array(members.stdout.utf8)).arrayValue ?? []
            #expect(items.count == 1 && items.first?["explicit"]?.boolValue == true)
            let table = try await PrivXRolesBinary.run(["roles", "members", role.name], environment: environment)
            #expect(table.stdout.contains("explicit") && table.stderr.contains("1 member(s)"))

            let revoke = try await PrivXRolesBinary.run(["roles", "revoke", role.name, user.principal], environment: environment)
            #expect(revoke.status == 0, "\(revoke.stdout)\(revoke.stderr)")
            #expect(revoke.stdout.contains("\(user.principal): \(role.name) revoked"))
            let empty = try await PrivXRolesBinary.run(["roles", "members", role.name, "--csv"], environment: environment)
            #expect(empty.stdout == "id,principal,full_name,email,source,explicit\n")
        }
    }

    @Test func refusalsExitWithTheUsualCodes() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let (role, user) = try await setUp(server, name: "headless-refusals")
            let mapped = try await using(makeClient(server)) { client in
                try #require(try await client.userRoles(userID: user.id).first { $0.isImplicit && !$0.isExplicit })
            }
            let revokeMapped = try await PrivXRolesBinary.run(["roles", "revoke", mapped.id, user.principal], environment: environment)
            #expect(revokeMapped.status == 1)
            #expect(revokeMapped.stderr.contains("change the role's rules"), "\(revokeMapped.stderr)")
            #expect(revokeMapped.stderr.components(separatedBy: "change the role's rules").count == 2, "said once: \(revokeMapped.stderr)")
            let unknown = try await PrivXRolesBinary.run(["roles", "grant", role.name, "no-such-person-xyz"], environment: environment)
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("no-such-person-xyz"))
            let badTime = try await PrivXRolesBinary.run(["roles", "grant", role.name, user.principal, "--until", "next friday"], environment: environment)
            #expect(badTime.status == 2)
            #expect(badTime.stderr.contains("--until 'next friday' is not a time"), "\(badTime.stderr)")
            let both = try await PrivXRolesBinary.run(["roles", "grant", role.name, user.principal, "--floating", "2", "--until", "2099-01-01"], environment: environment)
            #expect(both.status == 2)
            let mixed = try await PrivXRolesBinary.run(["roles", "grant", role.name, user.principal, "no-such-person-xyz"], environment: environment)
            #expect(mixed.status == 1)
            #expect(mixed.stdout.contains("\(user.principal): \(role.name) granted"))
            #expect(mixed.stderr.contains("no-such-person-xyz: ") && mixed.stderr.contains("Not every user was changed"))
            let viewer = try PrivXRolesBinary.environment(for: server, as: DemoCredentials.viewer)
            let forbidden = try await PrivXRolesBinary.run(["users", "search", "a"], environment: viewer)
            #expect(forbidden.status == 1)
            #expect(forbidden.stderr.contains("users-view"), "\(forbidden.stderr)")
        }
    }
}
