import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// Headless `awsroles map/unmap` after a lost answer (issue 13, item 6): the real binary against the real
/// simulator with one request faulted; the shared `WriteVerifier` re-reads and decides.
@Suite("Headless writes are verified by re-reading", .serialized)
struct HeadlessVerifyTests {
    static let api = "/role-store/api/v1"

    /// An AWS role and a PrivX role not mapped to it yet.
    func pick(_ server: SimulatorServer) async throws -> (AWSRole, Role) {
        try await using(makeClient(server)) { client in
            let aws = try #require(try await client.awsRoles(refresh: false).first)
            let linked = Set(try await client.awsRoleLinkedRoles(id: aws.id).map(\.id))
            let role = try #require(try await client.roles(page: PageRequest(limit: 100)).items.first { !linked.contains($0.id) && !$0.system })
            return (aws, role)
        }
    }

    func linked(_ server: SimulatorServer, _ id: String) async throws -> Set<String> {
        try await using(makeClient(server)) { Set(try await $0.awsRoleLinkedRoles(id: id).map(\.id)) }
    }

    func fault(_ server: SimulatorServer, _ kind: FaultKind, path: String, method: String, skip: Int = 0, limit: Int) async {
        await server.setFaults(.failing(kind, path: path, methods: [method], skip: skip, limit: limit))
    }

    @Test func mapWhoseAnswerIsTruncatedExitsZeroVerified() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server, as: DemoCredentials.mapper)
            let (aws, role) = try await pick(server)
            await fault(server, .truncated, path: Self.api + "/awsroles/\(aws.id)/roles", method: "PUT", limit: 1)
            let map = try await PrivXRolesBinary.run(["awsroles", "map", aws.arn, role.name], environment: environment)
            #expect(map.status == 0, "\(map.stdout)\(map.stderr)")
            #expect(map.stdout.contains("+\(role.name)"))
            #expect(map.stdout.contains("applied (verified by re-reading"), "\(map.stdout)")
            #expect(!map.stderr.contains("may or may not"), "\(map.stderr)")
            #expect(try await linked(server, aws.id).contains(role.id))

            await fault(server, .truncated, path: Self.api + "/awsroles/\(aws.id)/roles", method: "PUT", limit: 1)
            let unmap = try await PrivXRolesBinary.run(["awsroles", "unmap", aws.arn, role.name], environment: environment)
            #expect(unmap.status == 0, "\(unmap.stdout)\(unmap.stderr)")
            #expect(unmap.stdout.contains("applied (verified by re-reading"), "\(unmap.stdout)")
            #expect(try await !linked(server, aws.id).contains(role.id))
        }
    }

    @Test func mapWhoseCheckGETGets500ReadsAgainAndExitsZero() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server, as: DemoCredentials.mapper)
            let (aws, role) = try await pick(server)
            // The GET before the PUT passes; the check GET after it gets a 500 once.
            await fault(server, .http500, path: Self.api + "/awsroles/\(aws.id)/roles", method: "GET", skip: 1, limit: 1)
            let map = try await PrivXRolesBinary.run(["awsroles", "map", aws.arn, role.name], environment: environment)
            #expect(map.status == 0, "\(map.stdout)\(map.stderr)")
            #expect(map.stdout.contains("+\(role.name)"))
            #expect(!map.stderr.contains("HTTP 500"), "\(map.stderr)")
            #expect(try await linked(server, aws.id).contains(role.id))
        }
    }

    @Test func mapRefusedWith500IsNotAppliedAndSaysSo() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server, as: DemoCredentials.mapper)
            let (aws, role) = try await pick(server)
            await fault(server, .http500, path: Self.api + "/awsroles/\(aws.id)/roles", method: "PUT", limit: 1)
            let map = try await PrivXRolesBinary.run(["awsroles", "map", aws.arn, role.name], environment: environment)
            #expect(map.status != 0)
            #expect(map.stderr.contains("HTTP 500"), "\(map.stderr)")
            #expect(try await !linked(server, aws.id).contains(role.id))
        }
    }

    @Test func theVerifierReadsAgainAfterAFailedRead() async throws {
        try await withSimulator { server in
            let (aws, role) = try await pick(server)
            try await using(makeClient(server)) { client in
                let before = try await client.awsRoleLinkedRoles(id: aws.id)
                await fault(server, .http500, path: Self.api + "/awsroles/\(aws.id)/roles", method: "GET", limit: 2)
                let written = try await client.setAWSRoleLinkedRolesVerified(id: aws.id, roles: before + [RoleRef(id: role.id, name: role.name)],
                                                                             verifier: WriteVerifier(readAttempts: 3, retryDelay: 0.01))
                #expect(written.held && written.writeError == nil)
                #expect(written.value?.contains { $0.id == role.id } == true)

                await fault(server, .http500, path: Self.api + "/awsroles/\(aws.id)/roles", method: "GET", limit: 3)
                let error = await #expect(throws: PrivXError.self) {
                    try await client.setAWSRoleLinkedRolesVerified(id: aws.id, roles: before, verifier: WriteVerifier(readAttempts: 3, retryDelay: 0.01))
                }
                #expect(error?.description.contains("reading it back to check it failed (tried 3 times") == true, "\(String(describing: error))")
            }
        }
    }
}
