import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// `PrivXClient`'s principal key calls over HTTPS against the simulator: generation waited for with
/// backoff, imports read from files, fingerprints equal to `ssh-keygen -lf`, writes verified after a lost
/// answer, and no trace of an imported private key in records, logs or errors.
@Suite("Principal keys through the client")
struct PrincipalKeyClientTests {
    static func roleID(_ client: PrivXClient, _ name: String) async throws -> String {
        try #require(try await client.resolveRoles(names: [name]).first?.id)
    }

    /// Every base64 line of a PEM file: what must never show up anywhere.
    static func secretLines(_ file: URL) throws -> [String] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("-----") && $0.count >= 20 }.map(String.init)
    }

    @Test func generateWaitAndDeleteOverHTTPS() async throws {
        let directory = try temporaryDirectory()
        try await withSimulator({ $0.tls = true; $0.principalKeyDelay = 3 }) { server in
            try await using(makeClient(server)) { client in
                let role = try await Self.roleID(client, "network-admins")
                let generated = try await client.generatePrincipalKeyVerified(roleID: role)
                let pending = try #require(generated.value)
                #expect(generated.held && generated.writeError == nil)
                #expect(!pending.isReady && pending.parsed == nil)
                let polls = Collector<Int>()
                let key = try await PrincipalKeyGeneration(bound: 30).wait(api: client, roleID: role, keyID: pending.id) { poll, _ in
                    polls.append(poll)
                }
                #expect(polls.all.count >= 2, "the first poll came before the key was ready, so there were more")
                let parsed = try #require(key.parsed)
                #expect(parsed.typeName == "RSA" && parsed.bits == 2048 && parsed.comment == nil)
                #expect(parsed.fingerprint == (try SSHKeygen.fingerprint(line: key.publicKey, in: directory)))
                #expect(try await client.role(id: role).document["principal_public_key_strings"] == .array([.string(key.publicKey)]))

                let deleted = try await client.deletePrincipalKeyVerified(roleID: role, keyID: key.id)
                #expect(deleted.held)
                #expect(try await client.principalKeys(roleID: role).isEmpty)
                let again = await capturePrivXError { try await client.deletePrincipalKey(roleID: role, keyID: key.id) }
                #expect(again?.status == 404)
            }
        }
    }

    @Test func importedKeysHaveSSHKeygensFingerprintAndLeaveNoTrace() async throws {
        let directory = try temporaryDirectory()
        let files = [try SSHKeygen.key("ed25519", in: directory), try SSHKeygen.key("rsa", in: directory, format: "PEM", bits: 2048)]
        let records = Collector<APICallRecord>()
        let logsBefore = TestTranscript.logLines.all.count
        try await withSimulator({ $0.tls = true }) { server in
            try await using(makeClient(server, records: records)) { client in
                let role = try await Self.roleID(client, "linux-admins")
                for file in files {
                    let written = try await client.importPrincipalKeyVerified(roleID: role, privateKey: try PrivateKeyFile(path: file.path))
                    let key = try #require(written.value)
                    let parsed = try #require(key.parsed)
                    #expect(parsed.fingerprint == (try SSHKeygen.fingerprint(file)), "\(file.lastPathComponent)")
                }
                #expect(try await client.principalKeys(roleID: role).count == 2)
            }
        }
        let secrets = try files.flatMap(Self.secretLines)
        let traces = records.all.map(\.summary) + TestTranscript.logLines.all.dropFirst(logsBefore)
        for secret in secrets { #expect(!traces.contains { $0.contains(secret) }) }
        #expect(records.all.contains { $0.method == "POST" && $0.path.hasSuffix("/principalkeys/import") && $0.status == 201 })
    }

    @Test func refusedImportsSayWhyWithoutTheKey() async throws {
        let directory = try temporaryDirectory()
        let ecdsa = try SSHKeygen.key("ecdsa", in: directory, format: "PEM")
        let ed = try SSHKeygen.key("ed25519", in: directory)
        try await withSimulator { server in
            try await using(makeClient(server)) { client in
                let role = try await Self.roleID(client, "linux-admins")
                for (file, code) in [(ecdsa, "INVALID_REQUEST_DATA"), (ed.appendingPathExtension("pub"), "VALUE_INCORRECT_FORMAT")] {
                    let error = await capturePrivXError {
                        _ = try await client.importPrincipalKeyVerified(roleID: role, privateKey: try PrivateKeyFile(path: file.path))
                    }
                    #expect(error?.status == 400 && error?.errorCode == code, "\(String(describing: error))")
                    let text = error?.description ?? ""
                    #expect(text.contains("private_key"))
                    let contents = try String(contentsOf: file, encoding: .utf8)
                    for line in contents.split(separator: "\n") where line.count >= 20 { #expect(!text.contains(line)) }
                }
                #expect(try await client.principalKeys(roleID: role).isEmpty)
            }
        }
    }

    @Test func aLostGenerateAnswerIsSettledByReadingTheKeys() async throws {
        try await withSimulator({ $0.principalKeyDelay = 0 }) { server in
            try await using(makeClient(server)) { client in
                let role = try await Self.roleID(client, "break-glass")
                let before = try await client.principalKeys(roleID: role).map(\.id)
                await server.setFaults(.failing(.truncated, path: "/role-store/api/v1/roles/\(role)/principalkeys/generate",
                                                methods: ["POST"], limit: 1))
                let written = try await client.generatePrincipalKeyVerified(roleID: role)
                #expect(written.verifiedAfterLostAnswer, "the POST's answer was cut: \(String(describing: written.writeError))")
                let key = try #require(written.value)
                #expect(!before.contains(key.id))
                #expect(try await client.principalKeys(roleID: role).map(\.id) == before + [key.id])
            }
        }
    }

    @Test func waitingGivesUpAfterItsBoundAndNamesTheKey() async throws {
        try await withSimulator({ $0.principalKeyDelay = 30 }) { server in
            try await using(makeClient(server)) { client in
                let role = try await Self.roleID(client, "break-glass")
                let id = try await client.generatePrincipalKey(roleID: role)
                let started = ContinuousClock.now
                let error = await capturePrivXError {
                    _ = try await PrincipalKeyGeneration(bound: 1, firstDelay: 0.1).wait(api: client, roleID: role, keyID: id)
                }
                #expect(ContinuousClock.now - started < .seconds(10))
                #expect(error?.description.contains(id) == true)
                #expect(error?.description.contains("still be completed") == true)
            }
        }
    }

    @Test func keyFilesThatCannotBeReadAreNamedNotShown() throws {
        let directory = try temporaryDirectory()
        let empty = directory.appendingPathComponent("empty")
        try Data().write(to: empty)
        for (path, words) in [(directory.appendingPathComponent("absent").path, "does not exist"), (directory.path, "is a directory"),
                              (empty.path, "is empty")] {
            #expect(throws: PrivXError.self) { _ = try PrivateKeyFile(path: path) }
            do { _ = try PrivateKeyFile(path: path) } catch { #expect(error.description.contains(words) && error.description.contains(path)) }
        }
        let key = try SSHKeygen.key("ed25519", in: directory)
        let file = try PrivateKeyFile(path: key.path)
        let shown = "\(file) \(String(reflecting: file))"
        #expect(shown.contains(key.path))
        for line in try Self.secretLines(key) { #expect(!shown.contains(line)) }
    }

    @Test func publicKeyLinesReadLikeSSHKeygen() throws {
        let directory = try temporaryDirectory()
        for (type, bits) in [("ed25519", 256), ("rsa", 3072), ("ecdsa", 256)] {
            let key = try SSHKeygen.key(type, in: directory, bits: type == "rsa" ? 3072 : nil)
            let line = try String(contentsOf: key.appendingPathExtension("pub"), encoding: .utf8).trimmingCharacters(in: .newlines)
            let parsed = try #require(SSHPublicKey(line: line))
            #expect(parsed.fingerprint == (try SSHKeygen.fingerprint(key.appendingPathExtension("pub"))))
            #expect(parsed.comment == "test key" && parsed.bits == bits)
            #expect(try SSHKeygen.run(["-l", "-f", key.appendingPathExtension("pub").path]).hasPrefix("\(bits) \(parsed.fingerprint) test key (\(parsed.typeName))"))
        }
        #expect(SSHPublicKey(line: "") == nil)
        #expect(SSHPublicKey(line: "ssh-rsa not-base64!") == nil)
        // The blob names another type than the line.
        #expect(SSHPublicKey(line: "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIGQ=") == nil)
    }
}
