import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// The client reads the simulator's `--seed hostile` data (escape sequences, controls, bidi, 10 000-character
/// strings, 1000 tags, rules nested 100 deep, null, missing and wrongly typed fields) without failing,
/// and a hostile server's deep nesting is an error, not a stack overflow.
@Suite("Hostile data: the client decodes it all")
struct HostileDataTests {
    /// Touches every typed accessor of a role, the way the console's views do.
    static func touch(_ role: Role) -> Int {
        var total = role.id.count + role.name.count + (role.comment?.count ?? 0) + role.permissions.count + role.tags.count
        total += (role.accessGroupID?.count ?? 0) + (role.permitAgent == true ? 1 : 0) + (role.system ? 1 : 0)
        total += (role.created?.count ?? 0) + (role.updated?.count ?? 0) + (role.author?.count ?? 0) + (role.updatedBy?.count ?? 0)
        total += (role.memberCount ?? 0) + (role.explicitCount ?? 0) + (role.type?.count ?? 0)
        if let context = role.context {
            total += context.validity.count + context.ipMasks.count + (context.startTime?.count ?? 0) + (context.timezone?.count ?? 0)
            total += (context.enabled ? 1 : 0) + (context.blockRole ? 1 : 0) + (context.endTime?.count ?? 0)
        }
        var depth = 0
        var node = role.sourceRules
        while let current = node {
            depth += 1
            total += current.type.count + (current.match?.count ?? 0) + (current.source?.count ?? 0) + (current.searchString?.count ?? 0)
            node = current.rules.first
        }
        return total + depth
    }

    @Test func everyHostileRoleUserAndAWSRoleDecodes() async throws {
        try await withSimulator({ $0.seed = .hostile }) { server in
            try await using(makeClient(server)) { client in
                let roles = try await client.allRoles()
                let hostile = roles.filter { $0.name.hasPrefix("hostile-") || $0.name.isEmpty }
                #expect(hostile.count == HostileSeed.strings.count + 5, "\(hostile.map(\.name))")
                var inputs = 0
                for role in hostile {
                    let fetched = try await client.role(id: role.id)
                    #expect(fetched.id == role.id)
                    inputs += Self.touch(fetched) > 0 ? 1 : 0
                }
                let big = try #require(hostile.first { $0.name.hasPrefix("hostile-big") })
                #expect(big.tags.count == 1000)
                #expect(big.comment?.count == 10_000)
                var depth = 0
                var node = big.sourceRules
                while let current = node { depth += 1; node = current.rules.first }
                #expect(depth == 101)
                let evaluated = try await client.evaluate(big)
                #expect(evaluated.count >= 0)

                let everyone = try #require(hostile.first { $0.name.hasPrefix("hostile-0 ") })
                let members = try await client.allMembers(roleID: everyone.id, progress: nil)
                let hostileUsers = members.filter { $0.principal.hasPrefix("hostile") }
                #expect(hostileUsers.count == HostileSeed.strings.count)
                for user in hostileUsers {
                    inputs += (user.fullName?.count ?? 0) + (user.email?.count ?? 0) + user.roles.count + user.permissions.count
                        + user.tags.count + (user.distinguishedName?.count ?? 0) > 0 ? 1 : 0
                }

                let awsRoles = try await client.awsRoles(refresh: false)
                let hostileAWS = awsRoles.filter { $0.name.hasPrefix("Hostile") || $0.name.isEmpty }
                #expect(hostileAWS.count == HostileSeed.strings.count + 2)
                for aws in hostileAWS {
                    let fetched = try await client.awsRole(id: aws.id)
                    inputs += fetched.arn.count + (fetched.description?.count ?? 0) + (fetched.status?.count ?? 0) >= 0 ? 1 : 0
                    let linked = try await client.awsRoleLinkedRoles(id: aws.id)
                    #expect(linked.count == fetched.roles.count)
                }
                print("hostile data: \(hostile.count) roles, \(hostileUsers.count) users, \(hostileAWS.count) AWS roles, "
                    + "\(HostileSeed.strings.count) hostile strings; \(inputs) objects decoded")
            }
        }
    }

    @Test(arguments: [600, 10_000, 100_000])
    func deepNestingFromAServerIsAnErrorNotACrash(_ depth: Int) {
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        for text in [arrays, objects, "{\"count\":1,\"items\":[" + arrays + "]}"] {
            #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(text) }
        }
    }

    @Test func hostileStringsSurviveTheClientsJSONRoundTrip() throws {
        for text in HostileSeed.strings {
            let document = JSONValue.object(JSONObject(["name": .string(text)]))
            let parsed = try JSONParser.parse(JSONSerializer.bytes(document))
            #expect(parsed == document)
        }
    }
}
