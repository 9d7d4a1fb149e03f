import Foundation

/// Drives a real program in a private tmux server: send keys, read the screen, resize, wait for text.
///
/// Each session has its own socket (`tmux -L`), so tests run in parallel and never touch the user's
/// tmux. Panes stay after their program exits (remain-on-exit) so the last screen can still be read.
/// Waiting polls the screen with a timeout instead of sleeping a fixed time.
final class TmuxSession {
    /// What went wrong while driving tmux.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let socket: String
    let target = "app"
    private let configFile: URL

    /// Starts `command` (a shell command line) in a detached session of the given size, with `environment`
    /// added and the `unset` variables removed (NO_COLOR by default, so color is a test's explicit choice).
    init(width: Int = 100, height: Int = 30, command: String, environment: [String: String] = [:], unset: [String] = ["NO_COLOR"]) throws {
        socket = "privx-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        configFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).conf")
        try "set -g remain-on-exit on\nset -g status off\nset -g history-limit 2000\nset -g default-terminal tmux-256color\n"
            .write(to: configFile, atomically: true, encoding: .utf8)
        let env = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }.joined(separator: " ")
        let removed = unset.filter { environment[$0] == nil }.map { "-u \($0)" }.joined(separator: " ")
        let line = "env \(removed) \(env) \(command)"
        try run(["-f", configFile.path, "new-session", "-d", "-s", target, "-x", String(width), "-y", String(height), line])
    }

    deinit {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(at: configFile)
    }

    /// Single-quotes a value for the shell.
    static func quote(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs a tmux subcommand on this session's server and returns its standard output.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let result = try Subprocess.run(["tmux", "-L", socket] + arguments)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed with status \(result.status)")
        }
        return result.output
    }

    /// Sends named keys (`Down`, `Enter`, `C-z`, `F2`, `q`).
    func send(_ keys: String...) throws { try run(["send-keys", "-t", target] + keys) }

    /// Types text literally (`send-keys -l`), Unicode included.
    func type(_ text: String) throws { try run(["send-keys", "-t", target, "-l", text]) }

    /// Every distinct screen this process captures is also appended here, for the secrets scan.
    static let captureDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("privx-e2e-captures-\(getpid())")
    private var lastCapture = ""

    /// The visible screen as text; with `escapes` the SGR attribute sequences are included (`-e`).
    func capture(escapes: Bool = false) throws -> String {
        let screen = try run(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : []))
        if screen != lastCapture {
            lastCapture = screen
            keep(screen)
        }
        return screen
    }

    /// Appends a capture to this session's file in `captureDirectory`.
    private func keep(_ screen: String) {
        try? FileManager.default.createDirectory(at: Self.captureDirectory, withIntermediateDirectories: true)
        let file = Self.captureDirectory.appendingPathComponent("\(socket).txt")
        if !FileManager.default.fileExists(atPath: file.path) { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        guard let handle = try? FileHandle(forWritingTo: file) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data((screen + "\n----\n").utf8))
    }

    /// A tmux format value for the pane (`#{alternate_on}`, `#{pane_pid}`, `#{pane_dead_status}`).
    func value(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", target, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Resizes the window (the program gets SIGWINCH).
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", target, "-x", String(width), "-y", String(height)])
    }

    /// Polls the screen until `predicate` holds; throws with the last screen after `timeout` seconds.
    @discardableResult
    func waitUntil(timeout: Double = 15, escapes: Bool = false, _ what: String, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = (try? capture(escapes: escapes)) ?? ""
            if predicate(screen) { return screen }
            usleep(50_000)
        }
        throw Failure(description: "timed out after \(timeout)s waiting for \(what); last screen:\n\(screen)")
    }

    /// The scrollback and the screen as text with wrapped lines joined (`-J -S -`): what a shell printed
    /// before a program ran, even after a narrow resize reflowed it into the history.
    func captureHistory() throws -> String {
        try run(["capture-pane", "-p", "-J", "-S", "-", "-t", target])
    }

    /// Polls the screen until it contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 15) throws -> String {
        try waitUntil(timeout: timeout, "“\(text)”") { $0.contains(text) }
    }

    /// Polls until the screen contains every one of `texts` (a frame may be caught half drawn, so wait
    /// for something from its end as well as its start).
    @discardableResult
    func waitForAll(_ texts: String..., timeout: Double = 15) throws -> String {
        try waitUntil(timeout: timeout, texts.map { "“\($0)”" }.joined(separator: " and ")) { screen in texts.allSatisfy { screen.contains($0) } }
    }

    /// Copies everything the pane's program writes to the terminal into a file (`pipe-pane -O`).
    func recordOutput(to file: URL) throws {
        try run(["pipe-pane", "-t", target, "-O", "cat > \(Self.quote(file.path))"])
    }

    /// Stops recording output.
    func stopRecording() throws { try run(["pipe-pane", "-t", target]) }
}
