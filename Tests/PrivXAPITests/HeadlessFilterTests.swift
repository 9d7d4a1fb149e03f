import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// Issue 19 item 12: the headless `--filter` speaks the console's `/` language (words in name, comment and
/// tags; `ctx:`, `tag:`, `perm:`, `system:` by prefix; `!` negates). The expected sets are worked out here
/// from the documents the client reads, not with the console's matcher.
@Suite("Headless --filter is the console's filter")
struct HeadlessFilterTests {
    /// The ids `roles list --filter TEXT --json` printed, and the count the table printed on stderr.
    static func listed(_ filter: String, _ environment: [String: String]) async throws -> (ids: Set<String>, tableCount: String) {
        let json = try await PrivXRolesBinary.run(["roles", "list", "--filter", filter, "--json"], environment: environment)
        #expect(json.status == 0, "\(json.stderr)")
        let ids = try #require(try JSONParser.parse(json.stdout).arrayValue).compactMap { $0["id"]?.stringValue }
        let table = try await PrivXRolesBinary.run(["roles", "list", "--filter", filter], environment: environment)
        #expect(table.status == 0, "\(table.stderr)")
        return (Set(ids), table.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func words(_ role: Role) -> String {
        ([role.name, role.comment ?? ""] + role.tags).joined(separator: "\u{1F}").lowercased()
    }

    /// Each filter with the ids it must select, worked out from the documents.
    static func expectations(_ roles: [Role]) -> [(filter: String, ids: Set<String>)] {
        let contextOn = roles.filter { $0.context?.enabled == true }
        let prod = roles.filter { $0.tags.contains { $0.lowercased().hasPrefix("prod") } }
        let prodIDs = Set(prod.map(\.id))
        // A permission prefix some roles hold: the first permission of the first role that has one.
        let permission = String((roles.first { !$0.system && !$0.permissions.isEmpty }?.permissions.first ?? "none").prefix(6)).lowercased()
        let cases: [(String, [Role])] = [
            ("ctx:on", contextOn),
            ("CTX:off", roles.filter { $0.context?.enabled != true }),
            ("tag:prod", prod),
            ("!tag:prod", roles.filter { !prodIDs.contains($0.id) }),
            // A word found in permissions (…-view) but matched, as in the console, only in name, comment and tags.
            ("view", roles.filter { words($0).contains("view") }),
            ("perm:\(permission) system:no", roles.filter { !$0.system && $0.permissions.contains { $0.lowercased().hasPrefix(permission) } }),
            ("tag:prod !ctx:on", prod.filter { $0.context?.enabled != true }),
        ]
        return cases.map { ($0.0, Set($0.1.map(\.id))) }
    }

    @Test func rolesListSpeaksTheConsolesLanguage() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let roles = try await using(makeClient(server)) { try await $0.allRoles() }
            let cases = Self.expectations(roles)
            // The cases are not trivial: some roles pass and some do not, and the plain word is found in
            // permissions of roles it must not select.
            #expect(cases.allSatisfy { !$0.ids.isEmpty && $0.ids.count < roles.count }, "\(cases.map { ($0.filter, $0.ids.count) })")
            let viewInPermissions = roles.filter { $0.permissions.contains { $0.contains("view") } }.map(\.id)
            #expect(!Set(viewInPermissions).isSubset(of: cases.first { $0.filter == "view" }?.ids ?? []))
            for (filter, expected) in cases {
                let (ids, count) = try await Self.listed(filter, environment)
                #expect(ids == expected, "--filter \(filter)")
                #expect(count == "\(expected.count) role(s)", "--filter \(filter)")
            }
        }
    }

    @Test func exportAndAWSRolesFilterTheSameWay() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let (roles, awsRoles) = try await using(makeClient(server)) { client in
                // A re-scan first, so some AWS roles are MISSING.
                (try await client.allRoles(), try await client.awsRoles(refresh: true))
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("privx-filter-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let export = try await PrivXRolesBinary.run(["roles", "export", folder.path, "--filter", "ctx:on"], environment: environment)
            #expect(export.status == 0, "\(export.stderr)")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            #expect(files.count == roles.filter { $0.context?.enabled == true }.count)

            // AWS roles: `account:` by prefix of the ARN's account, `!status:ok` and `status:miss` every role the
            // re-scan did not find.
            let account = try #require(awsRoles.first?.arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first)
            let prefix = String(account.prefix(4))
            let missing = awsRoles.filter { ($0.status ?? "OK").uppercased() != "OK" }
            #expect(!missing.isEmpty)
            let cases: [(String, [AWSRole])] = [
                ("account:\(prefix)", awsRoles.filter { $0.arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first?.hasPrefix(prefix) == true }),
                ("!status:ok", missing),
                ("status:MISS", missing),
            ]
            for (filter, expected) in cases {
                let listed = try await PrivXRolesBinary.run(["awsroles", "list", "--filter", filter, "--json"], environment: environment)
                #expect(listed.status == 0, "\(listed.stderr)")
                let ids = try #require(try JSONParser.parse(listed.stdout).arrayValue).compactMap { $0["id"]?.stringValue }
                #expect(Set(ids) == Set(expected.map(\.id)), "--filter \(filter)")
                #expect(ids.count < awsRoles.count, "--filter \(filter) selects some, not all")
            }
        }
    }
}
