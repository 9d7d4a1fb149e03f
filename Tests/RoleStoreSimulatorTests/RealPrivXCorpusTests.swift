import Foundation
import RoleStoreSimulator
import Testing

/// One role document from Tests/RealPrivXCorpus, named by its file and position.
struct CorpusRole: Sendable, CustomTestStringConvertible {
    let label: String
    let document: SimulatorJSON
    var testDescription: String { label }

    /// Every role document of the corpus: `{count, items}` pages of roles and single role documents. Users (which
    /// carry a `principal`) and their role handles are not role documents.
    static let all: [CorpusRole] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RealPrivXCorpus")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var roles: [CorpusRole] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
                  let json = try? SimulatorJSON.parse(Array(data)) else { continue }
            let candidates = json["items"]?.arrayValue ?? [json]
            for (index, item) in candidates.enumerated() where isRole(item) {
                let name = item["name"]?.stringValue ?? "?"
                roles.append(CorpusRole(label: "\(file)[\(index)] \(name)", document: item))
            }
        }
        return roles
    }()

    static func isRole(_ value: SimulatorJSON) -> Bool {
        value["source_rules"] != nil && value["name"] != nil && value["principal"] == nil
    }
}

/// The simulator is no stricter than PrivX: every role a real server was seen to hold is accepted on POST and PUT
/// and served back equal (key order aside), and a PUT of what GET served changes nothing.
@Suite("Real PrivX corpus: every captured role round-trips through the simulator")
struct RealPrivXCorpusTests {
    let api = SimulatorHarness.api

    /// Keys the server owns: replaced on write, so they are left out of the comparison. `principal_public_key_strings`
    /// mirrors the role's principal keys and is read-only (docs/role-store-evidence.md, "Principal keys").
    static let serverOwned: Set<String> = ["id", "system", "created", "updated", "author", "updatedby", "updated_by",
                                           "member_count", "explicit_count", "deleted", "deleted_by",
                                           "principal_public_key_strings"]

    static func withoutServerKeys(_ role: SimulatorJSON) -> SimulatorJSON {
        .object((role.objectValue ?? [:]).filter { !serverOwned.contains($0.key) })
    }

    @Test func theCorpusHoldsTheRealShapes() {
        let roles = CorpusRole.all.map(\.document)
        #expect(roles.count >= 4)
        #expect(roles.contains { $0["context"]?["start_time"] == "" && $0["context"]?["timezone"] == "" && $0["system"] == true })
        #expect(roles.contains { $0["context"]?["start_time"] == "00:00" && $0["context"]?["validity"]?.arrayValue?.count == 7 })
        #expect(roles.contains { $0["author"] == "Superuser" && $0["created"] == nil })
        #expect(roles.contains { $0["access_group_id"] == "9030b77b-3360-4dea-7efc-4cd5c818b49b" })
    }

    @Test(arguments: CorpusRole.all)
    func postThenGetServesTheDocumentAndPutChangesNothing(_ corpus: CorpusRole) async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let name = try #require(corpus.document["name"]?.stringValue)
            let id: String
            let taken = try await sim.send(.POST, "\(api)/roles/resolve", token: token, json: [.string(name)])
            if let seeded = taken.json?["items"]?.arrayValue?.first?["id"]?.stringValue {
                // A built-in role exists on every server (PrivX refuses a second role of the same name): the
                // captured document replaces the seeded one instead.
                let put = try await sim.send(.PUT, "\(api)/roles/\(seeded)", token: token, json: corpus.document)
                #expect(put.status == 200, "PUT \(corpus.label): \(put.status) \(put.text)")
                id = seeded
            } else {
                let created = try await sim.send(.POST, "\(api)/roles", token: token, json: corpus.document)
                #expect(created.status == 201, "POST \(corpus.label): \(created.status) \(created.text)")
                id = try #require(created.json?["id"]?.stringValue)
            }
            let served = try await sim.getJSON("\(api)/roles/\(id)", token: token)
            #expect(Self.withoutServerKeys(served) == Self.withoutServerKeys(corpus.document),
                    "served \(served.jsonText)\nsent \(corpus.document.jsonText)")

            let put = try await sim.send(.PUT, "\(api)/roles/\(id)", token: token, json: served)
            #expect(put.status == 200, "PUT of the GET result: \(put.status) \(put.text)")
            var again = try await sim.getJSON("\(api)/roles/\(id)", token: token)
            var before = served
            for key in ["updated", "updatedby"] { again[key] = nil; before[key] = nil }
            #expect(again == before, "PUT of the GET result changed the role: \(again.jsonText)")
        }
    }
}
