import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// `privx-roles roles keys` as the real binary against the simulator.
@Suite("Headless roles keys")
struct RoleKeysHeadlessTests {
    @Test func listShowsTypeFingerprintAndPublicKey() async throws {
        let directory = try temporaryDirectory()
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server, as: DemoCredentials.viewer)
            let table = try await PrivXRolesBinary.run(["roles", "keys", "db-admins"], environment: environment)
            #expect(table.status == 0, "\(table.stderr)")
            let lines = table.stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("TYPE") == true && lines.count == 3)
            #expect(table.stderr.contains("2 key(s)"))
            let json = try await PrivXRolesBinary.run(["roles", "keys", "db-admins", "--json"], environment: environment)
            let keys = try #require(try JSONParser.parse(json.stdout).arrayValue)
            #expect(keys.count == 2)
            for key in keys {
                let line = try #require(key["public_key"]?.stringValue)
                let fingerprint = try SSHKeygen.fingerprint(line: line, in: directory)
                #expect(key["fingerprint"]?.stringValue == fingerprint && key["type"]?.stringValue == "ED25519")
                #expect(table.stdout.contains(fingerprint) && table.stdout.contains(line))
            }
            // By id works as by name.
            let id = try #require(try await using(makeClient(server)) { try await $0.resolveRoles(names: ["db-admins"]).first?.id })
            #expect(try await PrivXRolesBinary.run(["roles", "keys", id], environment: environment).stdout == table.stdout)
        }
    }

    @Test func generateWaitImportAndDeleteByFingerprint() async throws {
        let directory = try temporaryDirectory()
        let file = try SSHKeygen.key("ed25519", in: directory)
        let fingerprint = try SSHKeygen.fingerprint(file)
        try await withSimulator({ $0.principalKeyDelay = 3 }) { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            let generated = try await PrivXRolesBinary.run(["roles", "keys", "network-admins", "--generate", "--wait"], environment: environment)
            #expect(generated.status == 0, "\(generated.stderr)")
            #expect(generated.stdout.contains("RSA 2048 SHA256:") && generated.stdout.contains("ssh-rsa AAAA"))
            #expect(generated.stderr.contains("not ready yet"))

            let noWait = try await PrivXRolesBinary.run(["roles", "keys", "network-admins", "--generate"], environment: environment)
            #expect(noWait.status == 0 && noWait.stdout.contains("generating principal key"), "\(noWait.stderr)")

            let imported = try await PrivXRolesBinary.run(["roles", "keys", "network-admins", "--import", file.path], environment: environment)
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout.contains("ED25519 256 \(fingerprint)"))

            let deleted = try await PrivXRolesBinary.run(["roles", "keys", "network-admins", "--delete", fingerprint], environment: environment)
            #expect(deleted.status == 0, "\(deleted.stderr)")
            #expect(deleted.stdout.contains("deleted principal key \(fingerprint)"))
            #expect(deleted.stderr.contains("Target hosts that hold this public key keep it"))
            let left = try await using(makeClient(server)) { client in
                try await client.principalKeys(roleID: try #require(try await client.resolveRoles(names: ["network-admins"]).first?.id))
            }
            #expect(left.count == 2 && !left.contains { $0.parsed?.fingerprint == fingerprint })
            // The same key by id.
            let byID = try await PrivXRolesBinary.run(["roles", "keys", "network-admins", "--delete", left[0].id], environment: environment)
            #expect(byID.status == 0, "\(byID.stderr)")
        }
    }

    @Test func errorsGoToStderrWithTheUsualExitCodes() async throws {
        let directory = try temporaryDirectory()
        let ecdsa = try SSHKeygen.key("ecdsa", in: directory, format: "PEM")
        try await withSimulator { server in
            let admin = try PrivXRolesBinary.environment(for: server)
            let viewer = try PrivXRolesBinary.environment(for: server, as: DemoCredentials.viewer)
            let cases: [([String], [String: String], Int32, String)] = [
                (["roles", "keys", "no-such-role"], admin, 1, "no-such-role"),
                (["roles", "keys", "db-admins", "--delete", "SHA256:nope"], admin, 1, "SHA256:nope"),
                (["roles", "keys", "db-admins", "--generate"], viewer, 1, "roles-manage"),
                (["roles", "keys", "db-admins", "--import", ecdsa.path], admin, 1, "ECDSA"),
                (["roles", "keys", "db-admins", "--import", directory.appendingPathComponent("absent").path], admin, 2, "does not exist"),
                (["roles", "keys", "db-admins", "--wait"], admin, 2, "--wait goes with --generate"),
                (["roles", "keys", "db-admins", "--generate", "--delete", "x"], admin, 2, "choose one of"),
            ]
            let secret = try String(contentsOf: ecdsa, encoding: .utf8).split(separator: "\n")[1]
            for (arguments, environment, status, words) in cases {
                let result = try await PrivXRolesBinary.run(arguments, environment: environment)
                #expect(result.status == status, "\(arguments): \(result.status) \(result.stderr)")
                #expect(result.stderr.contains(words), "\(arguments): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
                #expect(!result.stderr.contains(secret))
            }
            let count = try await using(makeClient(server)) { client in
                try await client.principalKeys(roleID: try #require(try await client.resolveRoles(names: ["db-admins"]).first?.id)).count
            }
            #expect(count == 2)
        }
    }
}
