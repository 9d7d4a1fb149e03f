import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// The principal keys panel in the real binary in tmux against a simulator the test starts: generate a key
/// (PrivX generates it after a delay), see its fingerprint in the panel and the detail pane, copy its line
/// (the OSC 52 sequence, wrapped for tmux, in the bytes the console wrote), delete it, all checked on the server.
@Suite(.serialized) struct PrincipalKeysEndToEndTests {
    @Test func generateSeeTheFingerprintCopyAndDelete() async throws {
        try await ConsoleEndToEndTests.withServer { server, client in
            let role = try #require(try await client.resolveRoles(names: ["db-admins"]).first)
            let before = try await client.principalKeys(roleID: role.id)
            #expect(before.count == 2)
            let harness = try ConsoleEndToEndTests()
            let stateHome = harness.stateHome
            let environment = harness.logEnvironment.merging([
                "PRIVX_API_BASE_URL": server.baseURL, "XDG_CONFIG_HOME": "/nonexistent-privx-e2e",
                "PRIVX_API_OAUTH_CLIENT_ID": DemoCredentials.admin.oauthClientID,
                "PRIVX_API_OAUTH_CLIENT_SECRET": DemoCredentials.admin.oauthClientSecret,
                "PRIVX_API_CLIENT_ID": DemoCredentials.admin.apiClientID, "PRIVX_API_CLIENT_SECRET": DemoCredentials.admin.apiClientSecret,
            ]) { $1 }
            let tmux = try TmuxSession(width: 160, height: 60, command: "\(TmuxSession.quote(harness.binary)) 2>>\(TmuxSession.quote(ConsoleEndToEndTests.stderrFile))",
                                       environment: environment)
            defer { try? FileManager.default.removeItem(atPath: stateHome) }
            try tmux.waitFor("Roles (60 of 60)", timeout: 40)
            try tmux.send("/")
            try tmux.type("db-admins")
            try tmux.send("Enter")
            let detail = try tmux.waitFor("Principal keys (2)")
            #expect(before.allSatisfy { detail.contains($0.parsed!.fingerprint) }, "\(detail)")

            try tmux.send("K")
            try tmux.waitForAll("Principal keys of db-admins", "2 keys", "n generate")
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("privx-e2e-keys-\(UUID().uuidString.prefix(8)).out")
            defer { try? FileManager.default.removeItem(at: output) }
            try tmux.recordOutput(to: output)
            try tmux.send("n")
            try tmux.waitFor("Generate principal key")
            try tmux.send("y")
            try tmux.waitFor("The new key of db-admins is ready", timeout: 30)
            let after = try await client.principalKeys(roleID: role.id)
            let added = try #require(after.first { key in !before.contains { $0.id == key.id } })
            let fingerprint = try #require(added.parsed?.fingerprint)
            let panel = try tmux.waitForAll("3 keys", fingerprint)
            #expect(panel.contains("RSA 2048"), "\(panel)")

            // c copies the selected (new) key's line: OSC 52 in tmux's passthrough, ESC doubled inside.
            try tmux.send("c")
            try tmux.waitFor("Copied the public key \(fingerprint)")
            let base64 = Data(added.publicKey.utf8).base64EncodedString()
            let sequence = "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;\(base64)\u{07}\u{1B}\\"
            var written = ""
            for _ in 0..<40 where !written.contains(sequence) {
                usleep(50_000)
                written = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            }
            try tmux.stopRecording()
            #expect(written.contains(sequence), "the console did not write the OSC 52 sequence")

            // The detail pane follows: the role was read again.
            try tmux.send("Escape")
            try tmux.waitForAll("Principal keys (3)", fingerprint)

            try tmux.send("K")
            try tmux.waitFor("3 keys")
            // Select the new key by moving to it (it is listed last).
            try tmux.send("End")
            try tmux.send("d")
            let question = try tmux.waitForAll("Delete principal key", "keep it")
            #expect(question.contains(fingerprint), "\(question)")
            try tmux.send("y")
            try tmux.waitFor("Deleted the key \(fingerprint)", timeout: 20)
            try tmux.waitFor("2 keys")
            let final = try await client.principalKeys(roleID: role.id)
            #expect(final.map(\.id) == before.map(\.id))
            try tmux.send("Escape")
            // Back to two keys in the detail pane, and the deleted one nowhere once its notice is gone.
            let back = try tmux.waitUntil(timeout: 20, "the detail pane without the deleted key") {
                $0.contains("Principal keys (2)") && !$0.contains(fingerprint)
            }
            #expect(before.allSatisfy { back.contains($0.parsed!.fingerprint) }, "\(back)")
            try tmux.send("q")
            try harness.waitForExit(tmux)
        }
    }
}
