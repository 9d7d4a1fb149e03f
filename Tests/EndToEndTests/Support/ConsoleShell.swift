import Foundation
import RoleStoreSimulator
import Testing

/// The real `privx-roles` started from an interactive shell in tmux, so a test can send it signals,
/// read its exit status (`EXIT-N`) and check with `stty -a` that the shell got its terminal back.
/// Each shell has its own state directory (logs, recovery files).
struct ConsoleShell {
    let tmux: TmuxSession
    let binary: String
    let stateHome: URL
    let environment: [String: String]

    static func binaryPath() throws -> String {
        guard let path = TestBinaries.path(of: "privx-roles") else {
            throw TmuxSession.Failure(description: "privx-roles is not built: run `swift build --build-tests` first")
        }
        return path
    }

    /// A shell whose environment points the console at `baseURL` as `credential` (or nothing, for --demo).
    init(baseURL: String? = nil, credential: DemoCredential = DemoCredentials.admin, stateHome: URL? = nil,
         width: Int = 120, height: Int = 32, adding extra: [String: String] = [:]) throws {
        binary = try Self.binaryPath()
        let home = stateHome ?? FileManager.default.temporaryDirectory.appendingPathComponent("privx-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        self.stateHome = home
        var env: [String: String] = ["LANG": "C.UTF-8", "PS1": "$ ", "XDG_STATE_HOME": home.path, "XDG_CONFIG_HOME": "/nonexistent-privx-e2e",
                                     "EDITOR": "true", "VISUAL": "true"]
        if let baseURL {
            env["PRIVX_API_BASE_URL"] = baseURL
            env["PRIVX_API_OAUTH_CLIENT_ID"] = credential.oauthClientID
            env["PRIVX_API_OAUTH_CLIENT_SECRET"] = credential.oauthClientSecret
            env["PRIVX_API_CLIENT_ID"] = credential.apiClientID
            env["PRIVX_API_CLIENT_SECRET"] = credential.apiClientSecret
        }
        env.merge(extra) { _, new in new }
        environment = env
        tmux = try TmuxSession(width: width, height: height, command: "bash --norc --noprofile", environment: env)
        try tmux.waitFor("$")
    }

    /// Types the console's command line into the shell; its exit status is printed as `EXIT-N`.
    func launch(_ arguments: String = "") throws {
        try tmux.type("clear; echo BEFORE-MARK; \(TmuxSession.quote(binary)) \(arguments) 2>>\(TmuxSession.quote(stateHome.path + "/stderr")); echo EXIT-$?")
        try tmux.send("Enter")
    }

    /// The console's process id (the shell's child).
    func appPID() throws -> pid_t {
        let shell = try tmux.value("#{pane_pid}")
        for _ in 0..<100 {
            let text = (try? Subprocess.run(["pgrep", "-P", shell]).output) ?? ""
            if let pid = text.split(separator: "\n").first.flatMap({ pid_t($0) }) { return pid }
            usleep(50_000)
        }
        throw TmuxSession.Failure(description: "no privx-roles process under the shell \(shell)")
    }

    /// Waits for `EXIT-N` and returns N.
    func exitStatus(timeout: Double = 20) throws -> Int {
        let screen = try tmux.waitUntil(timeout: timeout, "the exit status") { $0.range(of: #"EXIT-[0-9]+"#, options: .regularExpression) != nil }
        let match = screen.range(of: #"EXIT-[0-9]+"#, options: .regularExpression).map { String(screen[$0].dropFirst(5)) } ?? ""
        return Int(match) ?? -1
    }

    /// Checks the shell has its terminal back: main screen, earlier text visible, canonical mode and echo on.
    func expectRestored(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try tmux.waitUntil("the prompt") { $0.contains("EXIT-") }
        // Earlier output is kept: on the screen, or in the scrollback when a narrow resize (tmux reflows
        // the main screen too) pushed it there.
        let history = try tmux.captureHistory()
        #expect(history.contains("BEFORE-MARK"), "the shell's earlier output is gone:\n\(history.suffix(2000))", sourceLocation: sourceLocation)
        #expect(try tmux.value("#{alternate_on}") == "0", sourceLocation: sourceLocation)
        let file = stateHome.appendingPathComponent("stty-\(UUID().uuidString)")
        try tmux.type("stty -a > \(file.path); echo STTY-$((40 + 2))")
        try tmux.send("Enter")
        try tmux.waitFor("STTY-42")
        let modes = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let words = Set(modes.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(words.contains("icanon") && words.contains("echo") && words.contains("icrnl") && words.contains("isig"),
                "stty -a: \(modes)", sourceLocation: sourceLocation)
        #expect(!words.contains("-icanon") && !words.contains("-echo"), sourceLocation: sourceLocation)
    }

    /// The console's log file.
    var log: String { (try? String(contentsOfFile: stateHome.path + "/privx-roles/privx-roles.log", encoding: .utf8)) ?? "" }

    /// Recovery files in the state directory.
    var recoveryFiles: [String] {
        let directory = stateHome.path + "/privx-roles"
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix("recovery-") && $0.hasSuffix(".json") }.map { directory + "/" + $0 }
    }

    func removeState() { try? FileManager.default.removeItem(at: stateHome) }
}
