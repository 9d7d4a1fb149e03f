import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// The role writes after a lost answer: the real binary against the simulator with one request faulted; the
/// shared `WriteVerifier` re-reads and the server decides.
@Suite("Roles as files: writes verified by re-reading", .serialized)
struct RoleFilesVerifyTests {
    typealias Support = RoleFilesSupport
    static let api = "/role-store/api/v1"

    @Test func applyAndDeleteWhoseAnswersAreLostAreVerifiedAndReported() async throws {
        try await withSimulator { server in
            let (environment, folder, before) = try await Support.exported(server)
            let roles = RoleFilesApplyTests.pick(before, 2)
            try Support.edit(try Support.file(of: roles[0].name, in: folder)) { $0["comment"] = .string("answer lost") }
            // The PUT is applied, then its answer is cut short.
            await server.setFaults(.failing(.truncated, path: Self.api + "/roles/\(roles[0].id)", methods: ["PUT"], limit: 1))
            let apply = try await PrivXRolesBinary.run(["roles", "apply", folder.path], environment: environment)
            #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
            #expect(apply.stdout.contains("verified by re-reading"), "\(apply.stdout)")
            #expect(try await Support.roles(server)[roles[0].id]?.comment == "answer lost")
            #expect(try await PrivXRolesBinary.run(["roles", "apply", folder.path, "--dry-run"], environment: environment).status == 0)

            await server.setFaults(.failing(.truncated, path: Self.api + "/roles/\(roles[1].id)", methods: ["DELETE"], limit: 1))
            let delete = try await PrivXRolesBinary.run(["roles", "delete", roles[1].name, "--yes"], environment: environment)
            #expect(delete.status == 0, "\(delete.stdout)\(delete.stderr)")
            #expect(delete.stdout.contains("delete applied") && delete.stdout.contains("verified by re-reading"), "\(delete.stdout)")
            #expect(try await Support.roles(server)[roles[1].id] == nil)
        }
    }

    @Test func aRefusedWriteFailsThatRoleOnlyAndChangesNothing() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let before = try await Support.roles(server)
            let roles = RoleFilesApplyTests.pick(before, 2)
            // A 500 before the write: nothing applied; the re-read says so and the role is reported failed.
            await server.setFaults(.failing(.http500, path: Self.api + "/roles/\(roles[0].id)", methods: ["PUT"], limit: 1))
            let result = try await PrivXRolesBinary.run(["roles", "set-context", roles[0].name, roles[1].name, "--timezone", "Europe/Oslo", "--json"],
                                                        environment: environment)
            #expect(result.status == 1)
            let results = try JSONParser.parse(result.stdout)["results"]?.arrayValue ?? []
            #expect(results.first { $0["role"]?.stringValue == roles[0].name }?["result"]?.stringValue == "failed")
            #expect(results.first { $0["role"]?.stringValue == roles[0].name }?["detail"]?.stringValue?.contains("HTTP 500") == true)
            #expect(results.first { $0["role"]?.stringValue == roles[1].name }?["result"]?.stringValue == "applied")
            let after = try await Support.roles(server)
            #expect(after[roles[0].id] == before[roles[0].id])
            #expect(after[roles[1].id]?.context?.timezone == "Europe/Oslo")
        }
    }
}
