import Foundation
import PrivXAPI
import RoleConsole
import Testing

/// Every role document of Tests/RealPrivXCorpus (pages of roles and single roles; users are not roles).
enum CorpusRoles {
    static let all: [(label: String, document: JSONObject)] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RealPrivXCorpus")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return files.flatMap { file -> [(label: String, document: JSONObject)] in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
                  let json = try? JSONParser.parse(Array(data)) else { return [] }
            let items = json["items"]?.arrayValue ?? [json]
            return items.compactMap(\.objectValue).filter { $0["source_rules"] != nil && $0["name"] != nil && $0["principal"] == nil }
                .map { ("\(file) \($0["name"]?.stringValue ?? "?")", $0) }
        }
    }()

    static var labels: [String] { all.map(\.label) }
}

/// The console's save path on every real role shape: the form opens without problems, an edit of the comment
/// alone is saved, and the server then holds the document it had except `comment` (and `updated`/`updatedby`,
/// which the server sets).
@Suite("Real PrivX corpus: the console's save path changes only what was edited")
struct CorpusSaveTests {
    /// Stores the captured document on the simulator (over the seeded built-in of the same name, if any).
    static func store(_ document: JSONObject, with client: PrivXClient) async throws -> String {
        let name = document["name"]?.stringValue ?? ""
        if let seeded = try await client.resolveRoles(names: [name]).first {
            var role = Role(document: document)
            role.id = seeded.id
            try await client.updateRole(role)
            return seeded.id
        }
        return try await client.createRole(Role(document: document))
    }

    @Test(arguments: CorpusRoles.labels)
    func editingOnlyTheCommentLeavesEveryOtherKeyAsItWas(_ label: String) async throws {
        let document = try #require(CorpusRoles.all.first { $0.label == label }?.document)
        try await SimulatorHarness.with { sim in
            let id = try await Self.store(document, with: sim.client)
            let before = try await sim.client.role(id: id)
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select(before.name)
            #expect(console.state.roles.list.selected?.id == id)
            await console.press(.character("e"))
            #expect(console.state.editor?.problems.isEmpty == true, "problems on an untouched form: \(console.state.editor?.problems ?? [:])")
            await console.press(.tab, .end)
            await console.type(" (comment edited)")
            await console.press(.function(2))
            guard case .confirming(let changes)? = console.state.editor?.stage else {
                Issue.record("F2 did not ask to save: \(console.state.toasts.toasts.last?.message ?? "")")
                return
            }
            #expect(changes.map(\.field) == ["comment"])
            await console.press(.character("y"))
            #expect(console.state.editor == nil, "the save did not complete: \(console.state.editor?.error ?? "")")

            let after = try await sim.client.role(id: id)
            #expect(after.comment == (before.comment ?? "") + " (comment edited)")
            var expected = before.document
            var got = after.document
            for key in ["comment", "updated", "updatedby"] { expected[key] = nil; got[key] = nil }
            #expect(got.isEquivalent(to: expected), "keys other than the comment changed: \(JSONSerializer.string(.object(got), pretty: false))")
        }
    }

    @Test func theCorpusHasRolesToEdit() {
        #expect(CorpusRoles.all.count >= 4)
    }
}
