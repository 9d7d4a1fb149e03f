import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// `roles create/update/delete` and `roles set-context`, through the real binary and the simulator over HTTP.
@Suite("Roles as files: headless writes")
struct RoleFilesWriteTests {
    typealias Support = RoleFilesSupport

    @Test func setContextOnManyRolesWithTheFormsValidation() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let before = try await Support.roles(server)
            let targets = Array(before.values.filter { !$0.system }.sorted { $0.name < $1.name }.prefix(4))
            let names = targets.map(\.name)
            let result = try await PrivXRolesBinary.run(
                ["roles", "set-context"] + names.prefix(3) + [targets[3].id,
                 "--on", "--days", "mon-fri", "--start", "08:00", "--end", "17:00", "--timezone", "Europe/Helsinki",
                 "--ip", "10.0.0.0/8", "192.168.1.0/24", "--audit"], environment: environment)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.split(separator: "\n").filter { $0.contains(": set-context applied") }.count == 4)
            let after = try await Support.roles(server)
            for role in targets {
                let context = try #require(after[role.id]?.context)
                #expect(context.enabled && !context.blockRole)
                #expect(context.validity == ["MON", "TUE", "WED", "THU", "FRI"])
                #expect(context.startTime == "08:00" && context.endTime == "17:00" && context.timezone == "Europe/Helsinki")
                #expect(context.ipMasks == ["10.0.0.0/8", "192.168.1.0/24"])
                // Nothing outside the context moved.
                var expected = role.document
                expected["context"] = after[role.id]!.document["context"]
                #expect(Support.withoutStamps(after[role.id]!.document).isEquivalent(to: Support.withoutStamps(expected)), "\(role.name)")
            }

            // --add-ip / --remove-ip, and a bad value refuses that role only, naming the field.
            let adjust = try await PrivXRolesBinary.run(["roles", "set-context", names[0], "--add-ip", "172.16.0.0/12", "--remove-ip", "10.0.0.0/8", "--json"],
                                                        environment: environment)
            #expect(adjust.status == 0, "\(adjust.stderr)")
            let results = try JSONParser.parse(adjust.stdout)["results"]?.arrayValue ?? []
            #expect(results.first?["changes"]?.arrayValue?.first?["field"]?.stringValue == "context.ip_masks")
            let bad = try await PrivXRolesBinary.run(["roles", "set-context", names[1], "--start", "25:00"], environment: environment)
            #expect(bad.status == 1)
            #expect(bad.stdout.contains("refused") && bad.stdout.contains("25:00"))
            let cidr = try await PrivXRolesBinary.run(["roles", "set-context", names[1], "--add-ip", "10.0.0.300/8"], environment: environment)
            #expect(cidr.status == 1)
            let days = try await PrivXRolesBinary.run(["roles", "set-context", names[1], "--days", "funday"], environment: environment)
            #expect(days.status == 2)
            #expect(days.stderr.contains("funday"))
            let now = try await Support.roles(server)
            #expect(now[targets[1].id] == after[targets[1].id])
            #expect(now[targets[0].id]?.context?.ipMasks == ["192.168.1.0/24", "172.16.0.0/12"])

            // A built-in role's disabled context holds "" times (as real servers send): changing the zone alone
            // checks only the zone, and the empty times go back as they were.
            let builtIn = try #require(before.values.first { $0.system && $0.context?.startTime == "" })
            let zone = try await PrivXRolesBinary.run(["roles", "set-context", builtIn.name, "--timezone", "Europe/Helsinki"], environment: environment)
            #expect(zone.status == 0, "\(zone.stdout)\(zone.stderr)")
            let held = try await Support.roles(server)[builtIn.id]?.context
            #expect(held?.timezone == "Europe/Helsinki" && held?.startTime == "" && held?.endTime == "")
            // Turning it on checks every field: the empty times are named.
            let turnOn = try await PrivXRolesBinary.run(["roles", "set-context", builtIn.name, "--on"], environment: environment)
            #expect(turnOn.status == 1)
            #expect(turnOn.stdout.contains("start_time"))
        }
    }

    @Test func createUpdateAndDeleteFromFiles() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let folder = try temporaryDirectory()
            let file = folder.appendingPathComponent("new.json")
            try Data("""
                {"id": "00000000-0000-0000-0000-00000000abcd", "updated": "2020-01-01T00:00:00Z", "name": "from-a-file",
                 "comment": "made by a script", "permissions": ["roles-view"], "x_ticket": "OPS-42",
                 "source_rules": {"type": "GROUP", "match": "ANY", "rules": []},
                 "context": {"enabled": false, "start_time": "", "end_time": "", "timezone": "", "validity": [], "ip_masks": [], "block_role": true}}
                """.utf8).write(to: file)
            let created = try await PrivXRolesBinary.run(["roles", "create", file.path], environment: environment)
            #expect(created.status == 0, "\(created.stdout)\(created.stderr)")
            #expect(created.stderr.contains("ignored server-owned keys") && created.stderr.contains("updated"))
            let role = try #require(try await Support.roles(server).values.first { $0.name == "from-a-file" })
            #expect(role.document["x_ticket"] == .string("OPS-42"))
            #expect(role.id != "00000000-0000-0000-0000-00000000abcd")

            // A wrong type is refused before anything is sent.
            try Data(#"{"name": "broken", "permissions": "roles-view", "source_rules": {"type": "GROUP", "match": "ANY", "rules": []}}"#.utf8)
                .write(to: folder.appendingPathComponent("broken.json"))
            let broken = try await PrivXRolesBinary.run(["roles", "create", folder.appendingPathComponent("broken.json").path], environment: environment)
            #expect(broken.status == 2)
            #expect(broken.stderr.contains("permissions") && broken.stderr.contains("list of strings"))
            #expect(try await Support.roles(server).values.contains { $0.name == "broken" } == false)

            // Update from standard input: what `roles show --json` printed, one comment changed.
            let shown = try await PrivXRolesBinary.run(["roles", "show", "from-a-file", "--json"], environment: environment)
            var object = try #require(try JSONParser.parse(shown.stdout).objectValue)
            object["comment"] = .string("changed through stdin")
            let updated = try await Support.run(["roles", "update", "from-a-file", "-", "--json"], environment: environment,
                                                input: JSONSerializer.string(.object(object), pretty: true))
            #expect(updated.status == 0, "\(updated.stderr)")
            let entry = try JSONParser.parse(updated.stdout)["results"]?.arrayValue?.first
            #expect(entry?["result"]?.stringValue == "applied")
            #expect(entry?["changes"]?.arrayValue?.map { $0["field"]?.stringValue } == ["comment"])
            let afterUpdate = try #require(try await Support.roles(server)[role.id])
            #expect(afterUpdate.comment == "changed through stdin" && afterUpdate.document["x_ticket"] == .string("OPS-42"))

            // The same stale document again: its `updated` is older than the server's, so it is refused.
            try await Task.sleep(nanoseconds: 1_100_000_000)
            _ = try await PrivXRolesBinary.run(["roles", "set-context", "from-a-file", "--timezone", "Europe/Paris"], environment: environment)
            object["comment"] = .string("stale write")
            let stale = try await Support.run(["roles", "update", role.id, "-"], environment: environment,
                                              input: JSONSerializer.string(.object(object)))
            #expect(stale.status == 1)
            #expect(stale.stderr.contains("from-a-file") && stale.stdout.contains("changed on the server since the file's \"updated\""))
            #expect(try await Support.roles(server)[role.id]?.comment == "changed through stdin")

            // A system role keeps its name.
            let admin = try #require(try await Support.roles(server).values.first { $0.system })
            var renamed = RoleFilesSupport.withoutStamps(admin.document)
            renamed["name"] = .string("renamed-admin")
            let rename = try await Support.run(["roles", "update", admin.name, "-"], environment: environment, input: JSONSerializer.string(.object(renamed)))
            #expect(rename.status == 2)
            #expect(rename.stderr.contains("cannot be renamed"))

            // Delete: no terminal needs --yes; system roles are refused; --yes deletes and checks.
            let noYes = try await PrivXRolesBinary.run(["roles", "delete", "from-a-file"], environment: environment)
            #expect(noYes.status == 2)
            #expect(noYes.stderr.contains("--yes"))
            #expect(try await Support.roles(server)[role.id] != nil)
            let system = try await PrivXRolesBinary.run(["roles", "delete", admin.name, "--yes"], environment: environment)
            #expect(system.status == 1)
            #expect(system.stdout.contains("cannot be deleted"))
            let deleted = try await PrivXRolesBinary.run(["roles", "delete", "from-a-file", "--yes"], environment: environment)
            #expect(deleted.status == 0, "\(deleted.stdout)\(deleted.stderr)")
            #expect(deleted.stdout.contains("from-a-file: delete applied"))
            #expect(try await Support.roles(server)[role.id] == nil)
            #expect(try await Support.roles(server)[admin.id] != nil)
        }
    }
}
