import Crypto
import Foundation
import RoleStoreSimulator
import Testing

/// `/roles/{id}/principalkeys…` against the running simulator: asynchronous generation of real RSA keys,
/// import of every kind of PEM (good and bad), scopes, `principal_public_key_strings` in step, durability.
@Suite("Principal keys")
struct PrincipalKeyTests {
    let api = SimulatorHarness.api

    func keysPath(_ roleID: String) -> String { "\(api)/roles/\(roleID)/principalkeys" }

    @Test func generationIsAsynchronousAndMakesARealRSAKey() async throws {
        let directory = try temporaryDirectory()
        try await SimulatorHarness.with({ $0.principalKeyDelay = 5 }) { sim in
            let token = try await sim.token()
            let role = try await sim.roleID("network-admins", token: token)
            let answer = try await sim.send(.POST, keysPath(role) + "/generate", token: token)
            #expect(answer.status == 201, "\(answer.text)")
            let keyID = try #require(answer.json?["id"]?.stringValue)
            // Not ready yet: the key is listed with an empty public key, and the role does not mirror it.
            let pending = try await sim.getJSON(keysPath(role) + "/\(keyID)", token: token)
            #expect(pending["public_key"] == "")
            let listed = try await sim.getJSON(keysPath(role), token: token)
            #expect(listed["count"] == 1 && listed["items"]?[0]?["id"]?.stringValue == keyID)
            #expect(try await sim.getJSON("\(api)/roles/\(role)", token: token)["principal_public_key_strings"] == [])
            var line = ""
            for _ in 0..<120 where line.isEmpty {
                try await Task.sleep(for: .milliseconds(250))
                line = try await sim.getJSON(keysPath(role) + "/\(keyID)", token: token)["public_key"]?.stringValue ?? ""
            }
            #expect(line.hasPrefix("ssh-rsa AAAAB3NzaC1yc2E"))
            // ssh-keygen reads it as an RSA key.
            let words = try SSHKeygen.run(["-l", "-f", try write(line, directory)])
            #expect(words.hasSuffix("(RSA)\n"), "\(words)")
            #expect(try await sim.getJSON("\(api)/roles/\(role)", token: token)["principal_public_key_strings"] == [.string(line)])
        }
    }

    @Test func importReadsEveryGoodKindAndMatchesSSHKeygen() async throws {
        let directory = try temporaryDirectory()
        let files = [
            try SSHKeygen.key("ed25519", in: directory),
            try SSHKeygen.key("rsa", in: directory, bits: 2048),
            try SSHKeygen.key("rsa", in: directory, format: "PEM", bits: 2048),
            try SSHKeygen.key("rsa", in: directory, format: "PKCS8", bits: 3072),
            try Self.pkcs8Ed25519(in: directory),
        ]
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let role = try await sim.roleID("linux-admins", token: token)
            var lines: [SimulatorJSON] = []
            for file in files {
                let pem = try String(contentsOf: file, encoding: .utf8)
                let answer = try await sim.send(.POST, keysPath(role) + "/import", token: token, json: ["private_key": .string(pem)])
                #expect(answer.status == 201, "\(file.lastPathComponent): \(answer.text)")
                let id = try #require(answer.json?["id"]?.stringValue)
                let line = try #require(try await sim.getJSON(keysPath(role) + "/\(id)", token: token)["public_key"]?.stringValue)
                #expect(try SSHKeygen.fingerprint(line: line, in: directory) == SSHKeygen.fingerprint(file), "\(file.lastPathComponent)")
                lines.append(.string(line))
            }
            #expect(try await sim.getJSON("\(api)/roles/\(role)", token: token)["principal_public_key_strings"] == .array(lines))
        }
    }

    @Test func importRefusesPublicBrokenEncryptedAndUnsupportedKeys() async throws {
        let directory = try temporaryDirectory()
        let rsa = try SSHKeygen.key("rsa", in: directory, format: "PEM", bits: 2048)
        let rsaPEM = try String(contentsOf: rsa, encoding: .utf8)
        let ed = try SSHKeygen.key("ed25519", in: directory)
        let cases: [(String, String, String)] = [
            ("OpenSSH public key", try String(contentsOf: ed.appendingPathExtension("pub"), encoding: .utf8), "VALUE_INCORRECT_FORMAT"),
            ("PEM public key", try SSHKeygen.run(["-e", "-m", "PKCS8", "-f", rsa.path]), "VALUE_INCORRECT_FORMAT"),
            ("truncated PEM", String(rsaPEM.prefix(rsaPEM.count / 2)), "VALUE_INCORRECT_FORMAT"),
            ("damaged base64", rsaPEM.replacingOccurrences(of: "MII", with: "M!I"), "VALUE_INCORRECT_FORMAT"),
            ("garbage body", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n", "VALUE_INCORRECT_FORMAT"),
            ("no PEM", "hello", "VALUE_INCORRECT_FORMAT"),
            ("encrypted OpenSSH", try String(contentsOf: SSHKeygen.key("ed25519", in: directory, passphrase: "pass phrase"), encoding: .utf8),
             "VALUE_INCORRECT_FORMAT"),
            ("ECDSA", try String(contentsOf: SSHKeygen.key("ecdsa", in: directory, format: "PEM"), encoding: .utf8), "INVALID_REQUEST_DATA"),
            ("ECDSA OpenSSH", try String(contentsOf: SSHKeygen.key("ecdsa", in: directory), encoding: .utf8), "INVALID_REQUEST_DATA"),
        ]
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let role = try await sim.roleID("linux-admins", token: token)
            for (name, pem, code) in cases {
                let answer = try await sim.send(.POST, keysPath(role) + "/import", token: token, json: ["private_key": .string(pem)])
                #expect(answer.status == 400, "\(name): \(answer.status) \(answer.text)")
                #expect(answer.json?["error_code"]?.stringValue == code, "\(name): \(answer.text)")
                #expect(answer.json?["property"] == "private_key", "\(name)")
                // The refusal never repeats the key.
                let body = pem.split(separator: "\n").dropFirst().first.map(String.init) ?? pem
                #expect(!answer.text.contains(body) || body.count < 8, "\(name): the error echoes the key")
            }
            let missing = try await sim.send(.POST, keysPath(role) + "/import", token: token, json: [:])
            #expect(missing.status == 400 && missing.json?["error_code"] == "REQUIRED_VALUE_MISSING")
            let wrongType = try await sim.send(.POST, keysPath(role) + "/import", token: token, json: ["private_key": 5])
            #expect(wrongType.status == 400 && wrongType.json?["error_code"] == "VALUE_INCORRECT_TYPE")
            #expect(try await sim.getJSON(keysPath(role), token: token)["count"] == 0)
        }
    }

    @Test func viewerReadsKeysButCannotChangeThem() async throws {
        try await SimulatorHarness.with { sim in
            let admin = try await sim.token()
            let viewer = try await sim.token(DemoCredentials.viewer)
            let role = try await sim.roleID("db-admins", token: admin)
            let keys = try await sim.getJSON(keysPath(role), token: viewer)
            #expect(keys["count"] == 2)
            let keyID = try #require(keys["items"]?[0]?["id"]?.stringValue)
            #expect(try await sim.send(.GET, keysPath(role) + "/\(keyID)", token: viewer).status == 200)
            for (verb, path) in [(Verb.POST, "/generate"), (.POST, "/import"), (.DELETE, "/\(keyID)")] {
                let answer = try await sim.send(verb, keysPath(role) + path, token: viewer,
                                                body: verb == .POST ? Array(#"{"private_key":"x"}"#.utf8) : nil)
                #expect(answer.status == 403, "\(verb) \(path): \(answer.text)")
                #expect(answer.json?["details"]?[0]?["property"] == "roles-manage")
            }
            #expect(try await sim.send(.GET, keysPath(role)).status == 401)
            #expect(try await sim.getJSON(keysPath(role), token: admin)["count"] == 2)
        }
    }

    @Test func seededKeysAreRealAndMirroredOnTheRole() async throws {
        let directory = try temporaryDirectory()
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            for name in ["privx-admin", "db-admins", "break-glass"] {
                let role = try await sim.roleID(name, token: token)
                let items = try #require(try await sim.getJSON(keysPath(role), token: token)["items"]?.arrayValue)
                #expect(!items.isEmpty, "\(name)")
                let lines = items.compactMap { $0["public_key"] }
                #expect(try await sim.getJSON("\(api)/roles/\(role)", token: token)["principal_public_key_strings"] == .array(lines))
                for line in lines.compactMap(\.stringValue) {
                    #expect(try SSHKeygen.fingerprint(line: line, in: directory).hasPrefix("SHA256:"))
                }
            }
        }
    }

    @Test func deleteRemovesTheKeyAndThePUTCannotForgeKeys() async throws {
        try await SimulatorHarness.with { sim in
            let token = try await sim.token()
            let role = try await sim.roleID("db-admins", token: token)
            let keys = try #require(try await sim.getJSON(keysPath(role), token: token)["items"]?.arrayValue)
            let gone = try #require(keys[0]["id"]?.stringValue)
            #expect(try await sim.send(.DELETE, keysPath(role) + "/\(gone)", token: token).status == 200)
            #expect(try await sim.send(.DELETE, keysPath(role) + "/\(gone)", token: token).status == 404)
            #expect(try await sim.send(.GET, keysPath(role) + "/\(gone)", token: token).json?["error_code"] == "OBJECT_NOT_FOUND")
            var document = try await sim.getJSON("\(api)/roles/\(role)", token: token)
            #expect(document["principal_public_key_strings"] == [keys[1]["public_key"]!])
            // The mirror is read-only: a PUT carrying other keys changes nothing.
            document["principal_public_key_strings"] = ["ssh-ed25519 AAAAforged"]
            #expect(try await sim.send(.PUT, "\(api)/roles/\(role)", token: token, json: document).status == 200)
            #expect(try await sim.getJSON("\(api)/roles/\(role)", token: token)["principal_public_key_strings"] == [keys[1]["public_key"]!])
            #expect(try await sim.send(.GET, "\(api)/roles/00000000-0000-4000-8000-000000000000/principalkeys", token: token).status == 404)
        }
    }

    @Test func keysSurviveARestartAndAnUnfinishedGenerationCompletesAfterIt() async throws {
        let directory = try temporaryDirectory()
        let data = directory.appendingPathComponent("state.jsonl").path
        let rsa = try String(contentsOf: try SSHKeygen.key("rsa", in: directory, format: "PEM", bits: 2048), encoding: .utf8)
        // A long delay: the server is stopped before the generation finishes.
        let (role, imported, pending) = try await SimulatorHarness.with({ $0.dataFile = data; $0.principalKeyDelay = 60 }) { sim in
            let token = try await sim.token()
            let role = try await sim.roleID("network-admins", token: token)
            let imported = try #require(try await sim.send(.POST, keysPath(role) + "/import", token: token,
                                                           json: ["private_key": .string(rsa)]).json?["id"]?.stringValue)
            let pending = try #require(try await sim.send(.POST, keysPath(role) + "/generate", token: token).json?["id"]?.stringValue)
            return (role, imported, pending)
        }
        // The state file holds public halves only.
        let stored = try String(contentsOfFile: data, encoding: .utf8)
        #expect(!stored.contains("PRIVATE KEY"))
        #expect(!stored.contains(rsa.split(separator: "\n")[1]))
        try await SimulatorHarness.with({ $0.dataFile = data; $0.principalKeyDelay = 0 }) { sim in
            let token = try await sim.token()
            let ids = try await sim.getJSON(keysPath(role), token: token)["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
            #expect(ids == [imported, pending])
            var line = ""
            for _ in 0..<120 where line.isEmpty {
                line = try await sim.getJSON(keysPath(role) + "/\(pending)", token: token)["public_key"]?.stringValue ?? ""
                if line.isEmpty { try await Task.sleep(for: .milliseconds(250)) }
            }
            #expect(line.hasPrefix("ssh-rsa "))
        }
    }

    @Test func killMinus9KeepsAcknowledgedKeyWrites() async throws {
        let directory = try temporaryDirectory()
        let data = directory.appendingPathComponent("state.jsonl").path
        let ed = try String(contentsOf: try SSHKeygen.key("ed25519", in: directory), encoding: .utf8)
        let first = try await SimulatorProcess(arguments: ["--port", "0", "--data", data, "--principal-key-delay", "0"])
        let http = ProcessSimulatorClient.makeHTTPClient(connections: 2)
        let sim = try await ProcessSimulatorClient.connect(http, first.baseURL)
        let role = try #require(try await sim.send(.POST, "\(api)/roles/resolve", json: ["oncall-sre"]).json?["items"]?[0]?["id"]?.stringValue)
        let before = try #require(try await sim.send(.GET, keysPath(role)).json?["items"]?.arrayValue)
        let imported = try #require(try await sim.send(.POST, keysPath(role) + "/import", json: ["private_key": .string(ed)]).json?["id"]?.stringValue)
        let deleted = try #require(before.first?["id"]?.stringValue)
        #expect(try await sim.send(.DELETE, keysPath(role) + "/\(deleted)").status == 200)
        #expect(await first.signal(SIGKILL) == SIGKILL)
        let second = try await SimulatorProcess(arguments: ["--port", "0", "--data", data])
        let again = try await ProcessSimulatorClient.connect(http, second.baseURL)
        let ids = try await again.send(.GET, keysPath(role)).json?["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
        #expect(ids == [imported])
        #expect(await second.signal(SIGTERM) == 0)
        try await http.shutdown()
    }

    private func write(_ line: String, _ directory: URL) throws -> String {
        let file = directory.appendingPathComponent("k-\(UUID().uuidString.prefix(6)).pub")
        try (line + "\n").write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// An Ed25519 key in PKCS#8 PEM (RFC 8410), which ssh-keygen does not write: made with swift-crypto.
    static func pkcs8Ed25519(in directory: URL) throws -> URL {
        let key = Curve25519.Signing.PrivateKey()
        let der: [UInt8] = [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
            + [UInt8](key.rawRepresentation)
        let pem = "-----BEGIN PRIVATE KEY-----\n" + Data(der).base64EncodedString() + "\n-----END PRIVATE KEY-----\n"
        // ssh-keygen reads PKCS#8 Ed25519 too (the fingerprint check needs the public half from it): give it the
        // public line instead, built from the same key.
        let file = directory.appendingPathComponent("ed25519-pkcs8")
        try pem.write(to: file, atomically: true, encoding: .utf8)
        let blob: [UInt8] = [0, 0, 0, 11] + Array("ssh-ed25519".utf8) + [0, 0, 0, 32] + [UInt8](key.publicKey.rawRepresentation)
        try ("ssh-ed25519 " + Data(blob).base64EncodedString() + "\n").write(to: file.appendingPathExtension("pub"), atomically: true, encoding: .utf8)
        return file
    }
}
