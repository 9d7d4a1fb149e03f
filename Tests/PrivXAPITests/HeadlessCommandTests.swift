import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

@Suite("Headless commands run as the real binary")
struct HeadlessCommandTests {
    @Test func statusAndConfigShow() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let status = try await PrivXRolesBinary.run(["status"], environment: environment)
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("server"))
            #expect(status.stdout.contains(server.baseURL))

            let config = try await PrivXRolesBinary.run(["config", "show"], environment: environment)
            #expect(config.status == 0, "\(config.stderr)")
            #expect(config.stdout.contains("environment PRIVX_API_BASE_URL"))
            #expect(config.stdout.contains("********"))
            #expect(!config.stdout.contains(DemoCredentials.admin.apiClientSecret))
        }
    }

    @Test func rolesListFormats() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let table = try await PrivXRolesBinary.run(["roles", "list", "--sort", "members", "--desc"], environment: environment)
            #expect(table.status == 0, "\(table.stderr)")
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("NAME") == true)
            #expect(lines.count > 3)

            let json = try await PrivXRolesBinary.run(["roles", "list", "--json"], environment: environment)
            let parsed = try JSONParser.parse(json.stdout)
            let count = try #require(parsed.arrayValue?.count)
            #expect(count == lines.count - 1)

            let csv = try await PrivXRolesBinary.run(["roles", "list", "--csv"], environment: environment)
            #expect(csv.stdout.hasPrefix("id,name,member_count,permissions"))

            let first = try #require(parsed.arrayValue?.first?["name"]?.stringValue)
            let filtered = try await PrivXRolesBinary.run(["roles", "list", "--filter", first, "--json"], environment: environment)
            #expect(try JSONParser.parse(filtered.stdout).arrayValue?.contains { $0["name"]?.stringValue == first } == true)

            let both = try await PrivXRolesBinary.run(["roles", "list", "--json", "--csv"], environment: environment)
            #expect(both.status == 2)
        }
    }

    @Test func rolesShowByNameAndID() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let role = try await using(makeClient(server)) { try await $0.roles(page: PageRequest(limit: 10)).items.first { !$0.system } }
            let target = try #require(role)
            let byName = try await PrivXRolesBinary.run(["roles", "show", target.name], environment: environment)
            #expect(byName.status == 0, "\(byName.stderr)")
            #expect(byName.stdout.contains(target.id))
            #expect(byName.stdout.contains("source rules:"))
            let byID = try await PrivXRolesBinary.run(["roles", "show", target.id, "--json"], environment: environment)
            #expect(try JSONParser.parse(byID.stdout)["name"]?.stringValue == target.name)
            let missing = try await PrivXRolesBinary.run(["roles", "show", "no-such-role-anywhere"], environment: environment)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no-such-role-anywhere"))
        }
    }

    @Test func awsRolesListShowMapUnmap() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server, as: DemoCredentials.mapper)
            let (aws, role) = try await using(makeClient(server)) { client in
                let aws = try #require(try await client.awsRoles(refresh: false).first)
                let linked = Set(try await client.awsRoleLinkedRoles(id: aws.id).map(\.id))
                let role = try #require(try await client.roles(page: PageRequest(limit: 100)).items.first { !linked.contains($0.id) })
                return (aws, role)
            }
            let list = try await PrivXRolesBinary.run(["awsroles", "list"], environment: environment)
            #expect(list.status == 0, "\(list.stderr)")
            #expect(list.stdout.contains(aws.arn))
            let csv = try await PrivXRolesBinary.run(["awsroles", "list", "--csv"], environment: environment)
            #expect(csv.stdout.hasPrefix("id,name,arn,status,privx_roles"))

            let map = try await PrivXRolesBinary.run(["awsroles", "map", aws.arn, role.name], environment: environment)
            #expect(map.status == 0, "\(map.stderr)")
            #expect(map.stdout.contains("+\(role.name)"))
            let show = try await PrivXRolesBinary.run(["awsroles", "show", aws.id], environment: environment)
            #expect(show.stdout.contains(role.name))
            let again = try await PrivXRolesBinary.run(["awsroles", "map", aws.arn, role.id], environment: environment)
            #expect(again.stdout.contains("no change"))
            let unmap = try await PrivXRolesBinary.run(["awsroles", "unmap", aws.arn, role.name], environment: environment)
            #expect(unmap.status == 0, "\(unmap.stderr)")
            #expect(unmap.stdout.contains("\u{2212}\(role.name)"))
        }
    }

    @Test func evaluateByRoleAndFile() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let (role, source) = try await using(makeClient(server)) { client in
                (try await client.allRoles().first { ($0.memberCount ?? 0) > 0 }, try await client.sources().first)
            }
            let named = try #require(role)
            let byRole = try await PrivXRolesBinary.run(["evaluate", "--role", named.name], environment: environment)
            #expect(byRole.status == 0, "\(byRole.stderr)")
            #expect(byRole.stdout.contains("match the rules of \(named.name)"))

            let file = try temporaryDirectory().appendingPathComponent("role.json").path
            let definition = Role(name: "draft", sourceRules: .group(rules: [.rule(source: try #require(source).id,
                                                                                    searchString: "(principal=*)")]))
            try JSONSerializer.string(definition.json).write(toFile: file, atomically: true, encoding: .utf8)
            let byFile = try await PrivXRolesBinary.run(["evaluate", "--file", file, "--json"], environment: environment)
            #expect(byFile.status == 0, "\(byFile.stderr)")
            #expect((try JSONParser.parse(byFile.stdout)["count"]?.intValue ?? 0) > 0)

            let neither = try await PrivXRolesBinary.run(["evaluate"], environment: environment)
            #expect(neither.status == 2)
        }
    }

    @Test func exitCodesForConfigurationNetworkAndPermissionErrors() async throws {
        let home = try temporaryDirectory().path
        let unconfigured = try await PrivXRolesBinary.run(["status"], environment: ["HOME": home, "XDG_CONFIG_HOME": home])
        #expect(unconfigured.status == 2)
        #expect(unconfigured.stderr.contains("PRIVX_API_BASE_URL"))

        let insecure = try await PrivXRolesBinary.run(["status", "--base-url", "http://privx.example.com", "--bearer-token", "t"],
                                                      environment: ["HOME": home, "XDG_CONFIG_HOME": home])
        #expect(insecure.status == 2)
        #expect(insecure.stderr.contains("http://"))
        #expect(insecure.stderr.contains("ps"))

        let port = try await withSimulator { $0.port }
        let refused = try await PrivXRolesBinary.run(["status", "--base-url", "http://127.0.0.1:\(port)"],
                                                     environment: ["HOME": home, "XDG_CONFIG_HOME": home, "PRIVX_API_BEARER_TOKEN": "t"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused"))

        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server, as: DemoCredentials.viewer)
            let role = try await using(makeClient(server)) { try await $0.roles(page: PageRequest(limit: 10)).items.first { !$0.system } }
            let aws = try await using(makeClient(server)) { try await $0.awsRoles(refresh: false).first }
            let denied = try await PrivXRolesBinary.run(["awsroles", "map", try #require(aws).id, try #require(role).name],
                                                        environment: environment)
            #expect(denied.status == 1)
            #expect(denied.stderr.contains("403"))
            #expect(denied.stderr.contains("role-target-resources-manage"))
        }

        let console = try await PrivXRolesBinary.run([], environment: ["HOME": home])
        #expect(console.status == 2)
        #expect(console.stderr.contains("use a subcommand"))
        let help = try await PrivXRolesBinary.run(["--help"], environment: ["HOME": home])
        #expect(help.status == 0)
        #expect(help.stdout.contains("awsroles"))
    }
}
