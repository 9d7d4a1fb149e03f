import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// Grant and revoke through `PrivXClient` over HTTPS against the simulator: the read-modify-write of the user's role
/// list, what goes back in the PUT, a change made by someone else meanwhile, and a lost answer decided by re-reading.
@Suite("Grants through the client", .serialized)
struct GrantClientTests {
    static let api = "/role-store/api/v1"
    static func tls(_ options: inout SimulatorOptions) { options.tls = true }

    /// A role whose rules map nobody, and the first user of the search.
    func setUp(_ client: PrivXClient, name: String) async throws -> (RoleRef, User) {
        let body = try JSONParser.parse(Array(#"{"name": "\#(name)", "source_rules": {"type": "GROUP", "match": "ANY", "rules": []}}"#.utf8))
        let id = try await client.createRole(Role(document: try #require(body.objectValue)))
        let user = try #require(try await client.searchUsers(UserSearch(), page: PageRequest(offset: 0, limit: 1)).items.first)
        return (RoleRef(id: id, name: name), user)
    }

    @Test func grantEachKindThenRevokeReadsBackWhatTheServerHolds() async throws {
        try await withSimulator(Self.tls) { server in
            try await using(makeClient(server)) { client in
                let (role, user) = try await setUp(client, name: "client-grants")
                let start = Date(timeIntervalSinceNow: -60).rounded
                let end = Date(timeIntervalSinceNow: 7200).rounded
                let timed = try await client.grantRole(role, to: user.id, terms: .timeRestricted(start: start, end: end))
                #expect(timed.change == .granted)
                let handle = try #require(timed.roles.first { $0.id == role.id })
                #expect(handle.isExplicit && !handle.isImplicit && handle.grantType == "TIME_RESTRICTED")
                #expect(handle.periods.first?.startDate == start && handle.periods.first?.endDate == end)
                #expect(!handle.hasExpired())
                let members = try await client.allMembers(roleID: role.id, progress: nil)
                #expect(members.map(\.id) == [user.id] && members.first?.isExplicitMember == true)

                #expect(try await client.grantRole(role, to: user.id, terms: .timeRestricted(start: start, end: end)).change == .unchanged)
                let floating = try await client.grantRole(role, to: user.id, terms: .floating(hours: 8))
                #expect(floating.change == .updated)
                #expect(floating.roles.first { $0.id == role.id }?.floatingHours == 8)
                #expect(try await client.role(id: role.id).explicitCountForTest == 1)

                let revoked = try await client.revokeRole(role, from: user.id)
                #expect(revoked.change == .revoked)
                #expect(!revoked.roles.contains { $0.id == role.id })
                #expect(try await client.revokeRole(role, from: user.id).change == .unchanged)
                #expect(try await client.allMembers(roleID: role.id, progress: nil).isEmpty)
            }
        }
    }

    @Test func aGrantSomeoneElseMadeAfterOurFirstReadIsKept() async throws {
        try await withSimulator(Self.tls) { server in
            try await using(makeClient(server)) { client in
                let (first, user) = try await setUp(client, name: "ours")
                let (second, _) = try await setUp(client, name: "theirs")
                let seen = try await client.userRoles(userID: user.id) // what a screen showed a while ago
                #expect(!seen.contains { $0.id == second.id })
                try await using(makeClient(server)) { other in
                    _ = try await other.grantRole(second, to: user.id, terms: .permanent)
                }
                let outcome = try await client.grantRole(first, to: user.id, terms: .permanent)
                let explicit = Set(outcome.roles.filter(\.isExplicit).map(\.id))
                #expect(explicit.isSuperset(of: [first.id, second.id]))
            }
        }
    }

    @Test func onlyExplicitEntriesGoBackAndMappedRolesCannotBeRevoked() async throws {
        try await withSimulator(Self.tls) { server in
            try await using(makeClient(server)) { client in
                let (role, user) = try await setUp(client, name: "plan-check")
                let current = try await client.userRoles(userID: user.id)
                let mapped = try #require(current.first { $0.isImplicit && !$0.isExplicit }, "the first user should be mapped to a seeded role")
                let plan = try #require(GrantPlan.granting(RoleHandle(roleID: role.id, name: role.name, terms: .permanent), terms: .permanent, in: current))
                #expect(plan.0.allSatisfy { $0.isExplicit })
                #expect(!plan.0.contains { $0.id == mapped.id })
                // Explicit entries go back as read, byte for byte.
                for entry in current where entry.isExplicit { #expect(plan.0.contains(entry)) }
                #expect(GrantPlan.revoking(roleID: mapped.id, in: current).allSatisfy { $0.isExplicit })

                let error = await capturePrivXError { _ = try await client.revokeRole(RoleRef(id: mapped.id, name: mapped.name), from: user.id) }
                #expect(error?.description.contains("change the role's rules") == true, "\(String(describing: error))")
                #expect(try await client.userRoles(userID: user.id) == current)
            }
        }
    }

    @Test func aGrantWhoseAnswerIsLostIsDecidedByReadingBack() async throws {
        try await withSimulator(Self.tls) { server in
            try await using(makeClient(server)) { client in
                let (role, user) = try await setUp(client, name: "lost-answer")
                await server.setFaults(.failing(.truncated, path: Self.api + "/users/\(user.id)/roles", methods: ["PUT"], skip: 0, limit: 1))
                let outcome = try await client.grantRole(role, to: user.id, terms: .floating(hours: 3))
                #expect(outcome.change == .granted)
                #expect(outcome.writeError != nil)
                #expect(try await client.userRoles(userID: user.id).contains { $0.id == role.id && $0.grantType == "FLOATING" })
            }
        }
    }

    @Test func termsPrivXCannotHoldAreRefusedBeforeAnyCall() async throws {
        try await withSimulator(Self.tls) { server in
            try await using(makeClient(server)) { client in
                let (role, user) = try await setUp(client, name: "bad-terms")
                let now = Date()
                let backwards = await capturePrivXError {
                    _ = try await client.grantRole(role, to: user.id, terms: .timeRestricted(start: now, end: now.addingTimeInterval(-60)))
                }
                #expect(backwards?.description.contains("before it starts") == true)
                #expect(await capturePrivXError { _ = try await client.grantRole(role, to: user.id, terms: .floating(hours: 0)) } != nil)
                #expect(try await client.userRoles(userID: user.id).allSatisfy { $0.id != role.id })
            }
        }
    }
}

extension Role {
    fileprivate var explicitCountForTest: Int? { document["explicit_count"]?.intValue }
}

extension Date {
    /// Whole seconds, as RFC 3339 without fractions carries them.
    fileprivate var rounded: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
