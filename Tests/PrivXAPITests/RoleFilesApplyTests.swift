import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// `roles export` and `roles apply` on the whole seeded store, through the real binary and the simulator over HTTP.
@Suite("Roles as files: export and a reviewed apply")
struct RoleFilesApplyTests {
    typealias Support = RoleFilesSupport

    /// Three non-system roles of the seed, by name.
    static func pick(_ roles: [String: Role], _ count: Int) -> [Role] {
        Array(roles.values.filter { !$0.system }.sorted { $0.name < $1.name }.prefix(count))
    }

    @Test func roundTripThenThreeEditsArePlannedAndAppliedAndNothingElseChanges() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let folder = try temporaryDirectory().appendingPathComponent("roles")
            let export = try await PrivXRolesBinary.run(["roles", "export", folder.path], environment: environment)
            #expect(export.status == 0, "\(export.stderr)")
            let before = try await Support.roles(server)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            #expect(files.count == before.count)
            #expect(try Support.manifest(in: folder).count == before.count)
            // The files hold no server-owned key; the manifest has them.
            let sample = try Support.readObject(folder.appendingPathComponent(files[0]))
            #expect(sample["id"] == nil && sample["updated"] == nil && sample["name"] != nil)

            let clean = try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--dry-run"], environment: environment)
            #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
            #expect(clean.stdout.contains("0 to create, 0 to update, 0 to delete; \(before.count) unchanged"))

            let picked = Self.pick(before, 3)
            let (contextRole, permissionRole, unknownKeyRole) = (picked[0], picked[1], picked[2])
            try Support.edit(try Support.file(of: contextRole.name, in: folder)) { object in
                var context = object["context"]?.objectValue ?? JSONObject()
                context["start_time"] = .string("07:30")
                object["context"] = .object(context)
            }
            let addedPermission = ["roles-view", "users-view", "sources-view"].first { !permissionRole.permissions.contains($0) }!
            try Support.edit(try Support.file(of: permissionRole.name, in: folder)) { object in
                object["permissions"] = .array((permissionRole.permissions + [addedPermission]).map(JSON.string))
            }
            try Support.edit(try Support.file(of: unknownKeyRole.name, in: folder)) { object in
                object["x_owner_team"] = .string("platform")
            }

            let planned = try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--dry-run", "--json"], environment: environment)
            #expect(planned.status == 3, "\(planned.stderr)")
            let plan = try Support.plan(planned.stdout)
            #expect(plan.count == 3)
            #expect(plan.allSatisfy { $0.action == "update" && $0.result == "planned" })
            #expect(Set(plan.map(\.role)) == Set(picked.map(\.name)))
            #expect(plan.first { $0.role == contextRole.name }?.fields == ["context.start_time"])
            #expect(plan.first { $0.role == permissionRole.name }?.fields == ["permissions"])
            #expect(plan.first { $0.role == unknownKeyRole.name }?.fields == ["x_owner_team"])
            let human = try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--dry-run"], environment: environment)
            #expect(human.status == 3)
            #expect(human.stdout.contains("+" + addedPermission))
            #expect(human.stdout.contains("\"07:30\""))

            let applied = try await PrivXRolesBinary.run(["roles", "apply", folder.path], environment: environment)
            #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
            #expect(applied.stdout.contains("\(contextRole.name): update applied"))

            let after = try await Support.roles(server)
            #expect(Set(after.keys) == Set(before.keys))
            for (id, role) in before where !picked.contains(where: { $0.id == id }) {
                #expect(after[id]?.document == role.document, "\(role.name) changed though its file was not edited")
            }
            func expectOnly(_ role: Role, _ change: (inout JSONObject) -> Void) {
                var expected = role.document
                change(&expected)
                // Key order aside: the server puts the keys it owns back in its own order on a write.
                #expect(Support.withoutStamps(after[role.id]!.document).isEquivalent(to: Support.withoutStamps(expected)), "\(role.name)")
                #expect(after[role.id]?.updated != nil)
            }
            expectOnly(contextRole) { document in
                var context = document["context"]!.objectValue!
                context["start_time"] = .string("07:30")
                document["context"] = .object(context)
            }
            expectOnly(permissionRole) { $0["permissions"] = .array((permissionRole.permissions + [addedPermission]).map(JSON.string)) }
            expectOnly(unknownKeyRole) { $0["x_owner_team"] = .string("platform") }

            // The manifest now holds the new stamps: the next plan is empty.
            let again = try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--dry-run"], environment: environment)
            #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        }
    }

    @Test func aRoleChangedOnTheServerSinceTheExportIsRefusedAndNamed() async throws {
        try await withSimulator { server in
            let (environment, folder, before) = try await Support.exported(server)
            let picked = Self.pick(before, 3)
            let (contested, free, untouched) = (picked[0], picked[1], picked[2])
            try Support.edit(try Support.file(of: contested.name, in: folder)) { $0["comment"] = .string("from the file") }
            try Support.edit(try Support.file(of: free.name, in: folder)) { $0["comment"] = .string("also from the file") }
            // Someone else saves the contested role after the export (within the same second, possibly).
            try await using(makeClient(server)) { client in
                var theirs = try await client.role(id: contested.id)
                theirs.tags = theirs.tags + ["changed-by-someone-else"]
                try await client.updateRole(theirs)
                // A role whose file nobody edited changes on the server too: kept, not refused.
                var other = try await client.role(id: untouched.id)
                other.comment = "changed on the server only"
                try await client.updateRole(other)
            }
            let dry = try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--dry-run"], environment: environment)
            #expect(dry.status == 1, "\(dry.stdout)\(dry.stderr)")
            #expect(dry.stdout.contains("! refused update \(contested.name)"))
            #expect(!dry.stdout.contains(untouched.name))
            #expect(dry.stderr.contains("is as exported, but \(untouched.name) changed on the server since"), "\(dry.stderr)")

            let result = try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--json"], environment: environment)
            #expect(result.status == 1)
            #expect(result.stderr.contains(contested.name))
            let results = try JSONParser.parse(result.stdout)["results"]?.arrayValue ?? []
            #expect(results.first { $0["role"]?.stringValue == contested.name }?["result"]?.stringValue == "refused")
            #expect(results.first { $0["role"]?.stringValue == free.name }?["result"]?.stringValue == "applied")
            let after = try await Support.roles(server)
            #expect(after[contested.id]?.tags.contains("changed-by-someone-else") == true)
            #expect(after[contested.id]?.comment != "from the file")
            #expect(after[free.id]?.comment == "also from the file")
            #expect(after[untouched.id]?.comment == "changed on the server only")
        }
    }

    @Test func pruneDeletesOnlyWhatThePlanSaid() async throws {
        try await withSimulator { server in
            let (environment, folder, before) = try await Support.exported(server)
            let gone = Self.pick(before, 2)
            for role in gone { try FileManager.default.removeItem(at: try Support.file(of: role.name, in: folder)) }
            let system = try #require(before.values.first { $0.system })
            try FileManager.default.removeItem(at: try Support.file(of: system.name, in: folder))
            // A role someone creates after the export is in no file, but --prune keeps it.
            let late = try await using(makeClient(server)) { try await $0.createRole(Role(name: "created-after-the-export")) }
            var fresh = try Support.readObject(try Support.file(of: Self.pick(before, 3)[2].name, in: folder))
            fresh["name"] = .string("made-from-a-file")
            try Support.write(fresh, to: folder.appendingPathComponent("made-from-a-file.json"))

            let dry = try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--prune", "--dry-run", "--json"], environment: environment)
            #expect(dry.status == 3, "\(dry.stderr)")
            let plan = try Support.plan(dry.stdout)
            #expect(Set(plan.filter { $0.action == "delete" }.map(\.role)) == Set(gone.map(\.name)))
            #expect(plan.filter { $0.action == "create" }.map(\.role) == ["made-from-a-file"])
            #expect(plan.count == 3)
            #expect(dry.stderr.contains(system.name) && dry.stderr.contains("kept"))
            #expect(dry.stderr.contains("created-after-the-export was created on the server after the export; kept"))
            // Without --prune nothing is deleted.
            let noPrune = try Support.plan(try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--dry-run", "--json"], environment: environment).stdout)
            #expect(noPrune.map(\.action) == ["create"])

            let applied = try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--prune"], environment: environment)
            #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
            let after = try await Support.roles(server)
            #expect(Set(before.keys).subtracting(after.keys) == Set(gone.map(\.id)))
            let created = after.values.filter { before[$0.id] == nil }
            #expect(Set(created.map(\.name)) == ["made-from-a-file", "created-after-the-export"])
            #expect(after[late] != nil)
            for (id, role) in before where after[id] != nil {
                #expect(after[id]?.document == role.document, "\(role.name) changed")
            }
            #expect(try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--prune", "--dry-run"], environment: environment).status == 0)

            // An export made with --filter prunes only among the roles it wrote: nothing, until one of its files goes.
            let filtered = try temporaryDirectory().appendingPathComponent("some")
            #expect(try await PrivXRolesBinary.run(["roles", "export", filtered.path, "--filter", "made-from"], environment: environment).status == 0)
            #expect(try await PrivXRolesBinary.run(["roles", "apply", filtered.path, "--prune", "--dry-run"], environment: environment).status == 0)
            try FileManager.default.removeItem(at: filtered.appendingPathComponent("made-from-a-file.json"))
            let onlyThat = try Support.plan(try await PrivXRolesBinary.run(["roles", "apply", filtered.path, "--prune", "--dry-run", "--json"],
                                                                          environment: environment).stdout)
            #expect(onlyThat.map(\.action) == ["delete"] && onlyThat.map(\.role) == ["made-from-a-file"])
            // Files alone (no export directory) never prune.
            let files = try await PrivXRolesBinary.run(["roles", "apply", filtered.appendingPathComponent("privx-roles.manifest").path, "--prune"],
                                                       environment: environment)
            #expect(files.status == 2)
            #expect(try await Support.roles(server).count == after.count)
        }
    }

    @Test func anInvalidFileStopsEverythingBeforeAnyWrite() async throws {
        try await withSimulator { server in
            let (environment, folder, before) = try await Support.exported(server)
            let picked = Self.pick(before, 2)
            try Support.edit(try Support.file(of: picked[0].name, in: folder)) { $0["comment"] = .string("valid edit") }
            try Support.edit(try Support.file(of: picked[1].name, in: folder)) { object in
                var context = object["context"]?.objectValue ?? JSONObject()
                context["start_time"] = .string("25:99")
                object["context"] = .object(context)
            }
            let result = try await PrivXRolesBinary.run(["roles", "apply", folder.path], environment: environment)
            #expect(result.status == 2)
            #expect(result.stderr.contains("25:99") && result.stderr.contains("nothing was applied"))
            let after = try await Support.roles(server)
            #expect(after[picked[0].id]?.document == picked[0].document)
        }
    }

    /// The real-PrivX corpus roles (Tests/RealPrivXCorpus) go out and come back unchanged; one edit changes one key.
    @Test func theRealPrivXCorpusRoundTrips() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let corpus = Self.corpusRoles()
            #expect(corpus.count >= 3)
            let existing = try await Support.roles(server)
            var loaded: [String: JSONObject] = [:]   // name → the corpus document
            try await using(makeClient(server)) { client in
                for document in corpus {
                    let name = document["name"]?.stringValue ?? ""
                    if existing.values.contains(where: { $0.name == name }) { loaded[name] = document; continue }   // seeded built-ins
                    _ = try await client.createRole(Role(document: document))
                    loaded[name] = document
                }
            }
            let folder = try temporaryDirectory().appendingPathComponent("roles")
            #expect(try await PrivXRolesBinary.run(["roles", "export", folder.path], environment: environment).status == 0)
            let serverOwned: Set<String> = ["id", "system", "created", "updated", "author", "updatedby", "updated_by",
                                            "member_count", "explicit_count", "deleted", "deleted_by", "type"]
            for (name, document) in loaded where !(document["system"]?.boolValue ?? false) {
                let file = try Support.readObject(try Support.file(of: name, in: folder))
                let editable = JSONObject(members: document.members.filter { !serverOwned.contains($0.key) })
                #expect(JSON.object(file).isEquivalent(to: .object(editable)), "\(name): the file is not the corpus document")
            }
            let before = try await Support.roles(server)
            let dry = try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--dry-run"], environment: environment)
            #expect(dry.status == 0, "\(dry.stdout)\(dry.stderr)")
            let apply = try await PrivXRolesBinary.run(["roles", "apply", folder.path], environment: environment)
            #expect(apply.status == 0)
            #expect(try await Support.roles(server) == before)

            // Every corpus role takes an edit of its comment and keeps every other key byte for byte.
            for name in loaded.keys {
                try Support.edit(try Support.file(of: name, in: folder)) { $0["comment"] = .string("edited from a file") }
            }
            let edited = try await PrivXRolesBinary.run(["roles", "apply", folder.path], environment: environment)
            #expect(edited.status == 0, "\(edited.stdout)\(edited.stderr)")
            let after = try await Support.roles(server)
            for role in before.values where loaded[role.name] != nil {
                var expected = role.document
                expected["comment"] = .string("edited from a file")
                #expect(Support.withoutStamps(after[role.id]!.document).isEquivalent(to: Support.withoutStamps(expected)), "\(role.name)")
            }
        }
    }

    static func corpusRoles() -> [JSONObject] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("RealPrivXCorpus")
        var out: [JSONObject] = []
        for file in ["bat_roles_page_0.json", "mcp_role.json"] {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
                  let json = try? JSONParser.parse(Array(data)) else { continue }
            for item in json["items"]?.arrayValue ?? [json] { if let object = item.objectValue { out.append(object) } }
        }
        return out
    }
}

extension RoleFilesApplyTests {
    /// A re-export never overwrites an edit that is not applied yet; --force does; files of deleted roles go.
    @Test func exportKeepsUnappliedEditsAndRemovesFilesOfDeletedRoles() async throws {
        try await withSimulator { server in
            let (environment, folder, before) = try await Support.exported(server)
            let picked = Self.pick(before, 2)
            let edited = try Support.file(of: picked[0].name, in: folder)
            try Support.edit(edited) { $0["comment"] = .string("not applied yet") }
            let gone = try Support.file(of: picked[1].name, in: folder)
            try await using(makeClient(server)) { try await $0.deleteRole(id: picked[1].id) }

            let refused = try await PrivXRolesBinary.run(["roles", "export", folder.path], environment: environment)
            #expect(refused.status == 2)
            #expect(refused.stderr.contains(edited.lastPathComponent))
            #expect(try Support.readObject(edited)["comment"] == .string("not applied yet"))
            #expect(FileManager.default.fileExists(atPath: gone.path))

            let forced = try await PrivXRolesBinary.run(["roles", "export", folder.path, "--force"], environment: environment)
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(try Support.readObject(edited)["comment"] == before[picked[0].id]?.document["comment"])
            #expect(!FileManager.default.fileExists(atPath: gone.path))
            #expect(try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--dry-run"], environment: environment).status == 0)
        }
    }
}

extension RoleFilesApplyTests {
    /// The hostile seed (escape sequences, controls, bidi, huge and null fields): file names stay plain and unique,
    /// every role goes out and comes back with no change planned, and no escape reaches the plan's text.
    @Test func theHostileSeedExportsToSafeNamesAndPlansNothing() async throws {
        try await withSimulator({ $0.seed = .hostile }) { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let folder = try temporaryDirectory().appendingPathComponent("roles")
            let export = try await PrivXRolesBinary.run(["roles", "export", folder.path], environment: environment)
            #expect(export.status == 0, "\(export.stderr)")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            #expect(files.count == (try await Support.roles(server)).count)
            #expect(files.allSatisfy { name in name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || "0123456789._-".unicodeScalars.contains($0)) } })
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) },
                        "\(file) holds a raw control character")
            }
            let dry = try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--dry-run"], environment: environment)
            #expect(dry.status == 0, "\(dry.stdout)\(dry.stderr)")
            let hostile = try #require(files.first { $0.hasPrefix("hostile-0") })
            try Support.edit(folder.appendingPathComponent(hostile)) { $0["tags"] = .array([.string("edited")]) }
            let plan = try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--dry-run"], environment: environment)
            #expect(plan.status == 3)
            #expect(plan.stdout.contains("tags"))
            #expect(!plan.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        }
    }
}

extension RoleFilesApplyTests {
    /// The same export, plan and apply over HTTPS (the simulator's own CA given as PRIVX_API_CA_CERT_FILE).
    @Test func exportAndApplyOverHTTPS() async throws {
        try await withSimulator({ $0.tls = true }) { server in
            #expect(server.baseURL.hasPrefix("https://"))
            var environment = try PrivXRolesBinary.environment(for: server)
            let ca = try temporaryDirectory().appendingPathComponent("ca.pem")
            try #require(server.caCertificatePEM).write(to: ca, atomically: true, encoding: .utf8)
            environment["PRIVX_API_CA_CERT_FILE"] = ca.path
            let folder = try temporaryDirectory().appendingPathComponent("roles")
            let export = try await PrivXRolesBinary.run(["roles", "export", folder.path], environment: environment)
            #expect(export.status == 0, "\(export.stderr)")
            let role = try #require(Self.pick(try await Support.roles(server), 1).first)
            try Support.edit(try Support.file(of: role.name, in: folder)) { $0["comment"] = .string("over https") }
            let apply = try await PrivXRolesBinary.run(["roles", "apply", folder.path], environment: environment)
            #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
            #expect(try await Support.roles(server)[role.id]?.comment == "over https")
        }
    }
}
