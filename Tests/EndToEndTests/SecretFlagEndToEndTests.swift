import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

extension ConsoleEndToEndTests {
    /// A secret given as a flag: warned about on stderr before the screen opens, and named in the status bar
    /// once it is open. The command line holds `$PRIVX_API_CLIENT_SECRET`, so the screen never shows the secret.
    @Test func aSecretFlagIsWarnedOnStderrAndNamedInTheStatusBar() async throws {
        try await Self.withServer { server, _ in
            let shell = try ConsoleShell(baseURL: server.baseURL)
            defer { shell.removeState() }
            try shell.launch(#"--client-secret "$PRIVX_API_CLIENT_SECRET""#)
            try shell.tmux.waitFor("Roles (60 of 60)", timeout: 40)
            // The status bar: the row with the counts (the caller's label may leave out the host when the warning
            // takes room). It is drawn again when the caller's identity arrives, which may be just after the rows.
            let statusRow = { (screen: String) in screen.split(separator: "\n").first { $0.contains("60 roles") }.map(String.init) ?? "" }
            let screen = try shell.tmux.waitUntil(timeout: 10, "the warning in the status bar") {
                statusRow($0).contains("--client-secret on the command line: visible in ps")
            }
            #expect(statusRow(screen).contains("--client-secret on the command line: visible in ps"), "\(screen)")
            try shell.tmux.send("q")
            #expect(try shell.exitStatus() == 0)
            let stderr = (try? String(contentsOfFile: shell.stateHome.path + "/stderr", encoding: .utf8)) ?? ""
            #expect(stderr.contains("warning: --client-secret puts a secret on the command line"), "\(stderr)")
            #expect(!stderr.contains(DemoCredentials.admin.apiClientSecret))
        }
    }
}
