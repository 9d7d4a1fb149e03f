import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

@Suite("Reading everything, retries and round trips")
struct PagingAndRetryTests {
    @Test func tenThousandRolesArriveInServerOrder() async throws {
        try await withSimulator({ $0.seed = .roles(10_000) }) { server in
            let progress = Collector<Int>()
            let records = Collector<APICallRecord>()
            try await using(makeClient(server, records: records)) { client in
                let all = try await client.allRoles(progress: { loaded, total in
                    if total == 10_000 { progress.append(loaded) }
                })
                #expect(all.count == 10_000)
                #expect(Set(all.map(\.id)).count == 10_000)
                // Server order, page by page, exactly as a sequential reader sees it.
                var sequential: [String] = []
                for offset in stride(from: 0, to: 10_000, by: 1000) {
                    sequential += try await client.roles(page: PageRequest(offset: offset, limit: 1000)).items.map(\.id)
                }
                #expect(all.map(\.id) == sequential)
                #expect(progress.all.max() == 10_000)
                let listCalls = records.all.filter { $0.path.hasPrefix("/role-store/api/v1/roles?") }
                #expect(listCalls.allSatisfy { $0.path.contains("limit=1000") })
            }
        }
    }

    @Test func injected503sAreRetriedForGets() async throws {
        try await withSimulator { server in
            var faults = FaultOptions()
            faults.rate = 0.3
            faults.kinds = [.http503]
            faults.pathPrefix = "/role-store/api/v1/roles"
            faults.seed = 42
            let records = Collector<APICallRecord>()
            try await using(makeClient(server, records: records)) { client in
                _ = try await client.status()
                await server.setFaults(faults)
                for offset in 0..<12 {
                    let page = try await client.roles(page: PageRequest(offset: offset, limit: 1))
                    #expect(page.items.count == 1)
                }
                let statuses = records.all.filter { $0.path.hasPrefix("/role-store/api/v1/roles") }.compactMap(\.status)
                #expect(statuses.contains(503))
                #expect(statuses.filter { $0 == 200 }.count == 12)
                #expect(records.all.contains { $0.attempt > 1 && $0.status == 200 })
            }
        }
    }

    @Test func persistent503GivesUpAfterTwoRetries() async throws {
        try await withSimulator { server in
            var faults = FaultOptions()
            faults.rate = 1
            faults.kinds = [.http503]
            faults.pathPrefix = "/role-store/api/v1/roles"
            let records = Collector<APICallRecord>()
            try await using(makeClient(server, records: records)) { client in
                _ = try await client.status()
                await server.setFaults(faults)
                let error = await capturePrivXError { _ = try await client.roles(page: PageRequest(limit: 1)) }
                #expect(error?.status == 503)
                #expect(records.all.filter { $0.path.hasPrefix("/role-store/api/v1/roles") }.map(\.attempt) == [1, 2, 3])
            }
        }
    }

    /// A GET that got no answer in time is asked again (it changes nothing), as the README says; a PUT is not.
    @Test func aTimedOutGetIsRetriedAndATimedOutPutIsNot() async throws {
        try await withSimulator { server in
            let records = Collector<APICallRecord>()
            try await using(makeClient(server, records: records) { $0.requestTimeout = 3 }) { client in
                let role = try await client.role(id: try #require(try await client.roles(page: PageRequest(limit: 50)).items.first { !$0.system }).id)
                var faults = FaultOptions()
                faults.rate = 1
                faults.kinds = [.timeout]
                faults.pathPrefix = "/role-store/api/v1/roles/"
                await server.setFaults(faults)
                let read = await capturePrivXError { _ = try await client.role(id: role.id) }
                guard case .timeout? = read else { Issue.record("expected a timeout, got \(String(describing: read))"); return }
                let gets = records.all.filter { $0.method == "GET" && $0.path.hasSuffix(role.id) }
                #expect(gets.suffix(3).map(\.attempt) == [1, 2, 3])
                #expect(gets.suffix(3).allSatisfy { $0.errorKind == "timeout" })
                let write = await capturePrivXError { try await client.updateRole(role) }
                guard case .timeout? = write else { Issue.record("expected a timeout, got \(String(describing: write))"); return }
                #expect(records.all.filter { $0.method == "PUT" }.count == 1)
            }
        }
    }

    @Test func putIsNeverRetried() async throws {
        try await withSimulator { server in
            let records = Collector<APICallRecord>()
            try await using(makeClient(server, records: records)) { client in
                var role = try #require(try await client.roles(page: PageRequest(limit: 50)).items.first { !$0.system })
                role = try await client.role(id: role.id)
                var faults = FaultOptions()
                faults.rate = 1
                faults.kinds = [.http503]
                faults.pathPrefix = "/role-store/api/v1/roles/"
                await server.setFaults(faults)
                role.comment = "edited under faults"
                let error = await capturePrivXError { try await client.updateRole(role) }
                #expect(error?.status == 503)
                #expect(records.all.filter { $0.method == "PUT" }.count == 1)
            }
        }
    }

    @Test func unknownKeysSurviveGetEditUpdate() async throws {
        try await withSimulator { server in
            try await using(makeClient(server)) { client in
                let source = try #require(try await client.sources().first)
                let created = try JSONParser.parse(#"""
                    {"name":"round-trip-role","comment":"before","permissions":["roles-view"],
                     "x_vendor":{"nested":{"keep":[1,2.50,"three"]},"flag":true},
                     "source_rules":{"type":"GROUP","match":"ANY","x_rule_extra":"kept",
                       "rules":[{"type":"RULE","source":"\#(source.id)","search_string":"(principal=alice)","rules":[]}]},
                     "context":{"enabled":false,"block_role":false,"validity":[],"start_time":"00:00","end_time":"00:00",
                       "timezone":"UTC","ip_masks":["0.0.0.0/0"],"x_context_extra":{"a":1}}}
                    """#)
                let id = try await client.createRole(Role(document: try #require(created.objectValue)))
                let rawBefore = try await client.getRaw("/roles/\(id)")
                var role = try await client.role(id: id)
                role.comment = "after"
                try await client.updateRole(role)
                let rawAfter = try await client.getRaw("/roles/\(id)")

                var expected = try #require(try JSONParser.parse(rawBefore).objectValue)
                var actual = try #require(try JSONParser.parse(rawAfter).objectValue)
                expected["comment"] = .string("after")
                for serverStamp in ["updated", "updatedby", "updated_by"] {
                    expected[serverStamp] = nil
                    actual[serverStamp] = nil
                }
                #expect(JSONSerializer.bytes(.object(actual)) == JSONSerializer.bytes(.object(expected)))
                #expect(actual["x_vendor"]?["nested"]?["keep"]?.arrayValue?.count == 3)
                #expect(actual["x_vendor"] == expected["x_vendor"])
                #expect(actual["source_rules"]?["x_rule_extra"]?.stringValue == "kept")
                #expect(actual["context"]?["x_context_extra"]?["a"]?.intValue == 1)
                try await client.deleteRole(id: id)
                let gone = await capturePrivXError { _ = try await client.role(id: id) }
                #expect(gone?.status == 404)
            }
        }
    }

    @Test func membersAndEvaluateAndSearch() async throws {
        try await withSimulator { server in
            try await using(makeClient(server)) { client in
                let roles = try await client.allRoles()
                let withMembers = try #require(roles.first { ($0.memberCount ?? 0) > 0 })
                let members = try await client.allMembers(roleID: withMembers.id, progress: nil)
                #expect(members.count == withMembers.memberCount)
                let result = try await client.evaluate(try await client.role(id: withMembers.id))
                #expect(result.count >= 0)
                let resolved = try await client.resolveRoles(names: [withMembers.name, "no-such-role-xyz"])
                #expect(resolved.map(\.id) == [withMembers.id])
                let found = try await client.searchRoles(names: [withMembers.name], page: PageRequest())
                #expect(found.items.contains { $0.id == withMembers.id })
            }
        }
    }

    @Test func evaluateReportsCountOnlyWhenTooManyMatch() async throws {
        try await withSimulator({ $0.evaluateLimit = 1 }) { server in
            try await using(makeClient(server)) { client in
                let source = try #require(try await client.sources().first)
                let everyone = Role(name: "everyone", sourceRules: .group(rules: [.rule(source: source.id, searchString: "(principal=*)")]))
                let result = try await client.evaluate(everyone)
                #expect(result.count > 1)
                #expect(result.isCountOnly)
            }
        }
    }

    @Test func awsRoleMappingReadModifyWrite() async throws {
        try await withSimulator { server in
            try await using(makeClient(server, as: DemoCredentials.mapper)) { client in
                let aws = try #require(try await client.awsRoles(refresh: false).first)
                let before = try await client.awsRoleLinkedRoles(id: aws.id)
                let candidate = try #require(try await client.roles(page: PageRequest(limit: 100)).items.first { role in
                    !before.contains { $0.id == role.id }
                })
                try await client.setAWSRoleLinkedRoles(id: aws.id, roles: before + [RoleRef(id: candidate.id, name: candidate.name)])
                let after = try await client.awsRoleLinkedRoles(id: aws.id)
                #expect(Set(after.map(\.id)) == Set(before.map(\.id) + [candidate.id]))
                #expect(try await client.awsRole(id: aws.id).id == aws.id)
                try await client.setAWSRoleLinkedRoles(id: aws.id, roles: before)
                #expect(Set(try await client.awsRoleLinkedRoles(id: aws.id).map(\.id)) == Set(before.map(\.id)))
            }
        }
    }
}
