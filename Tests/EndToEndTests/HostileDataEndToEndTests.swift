import Foundation
import RoleStoreSimulator
import Testing

/// The real console against `--seed hostile` in tmux: escape sequences, controls, bidi overrides and huge
/// strings in names, comments, tags, users and ARNs stay inert. The pane title never changes, the screen is
/// never cleared (borders and status bar stay put), every table row keeps its columns, and the raw bytes
/// the app wrote hold none of the server's sequences.
@Suite(.serialized) struct HostileDataEndToEndTests {
    let binary: String

    init() throws {
        guard let path = TestBinaries.path(of: "privx-roles") else {
            throw TmuxSession.Failure(description: "privx-roles is not built: run `swift build --build-tests` first")
        }
        binary = path
    }

    /// The C library's `wcwidth` (hidden from Swift's Glibc module), the width function ncurses and tmux
    /// use: the same function the app lays out with, so a misaligned border is a real misalignment.
    static let wcwidth: @convention(c) (Int32) -> Int32 = {
        setlocale(LC_CTYPE, "C.UTF-8")
        let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth")!
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    /// Terminal cells of one scalar.
    static func cells(_ scalar: Unicode.Scalar) -> Int { max(0, Int(wcwidth(Int32(bitPattern: scalar.value)))) }

    /// The columns at which a line has a vertical border.
    static func borderColumns(_ line: Substring) -> [Int] {
        var column = 0
        var found: [Int] = []
        for scalar in line.unicodeScalars {
            if scalar == "│" { found.append(column) }
            column += cells(scalar)
        }
        return found
    }

    /// The layout invariants of one screen (frame lines in place, status bar present, rows aligned); the problems found.
    static func layoutProblems(_ screen: String, height: Int, status: String, where step: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= height else { return ["\(step): \(lines.count) lines"] }
        var problems: [String] = []
        if !lines[1].hasPrefix("┌") { problems.append("\(step): the top border moved:\n\(screen)") }
        if !lines[height - 3].hasPrefix("└") { problems.append("\(step): the bottom border moved:\n\(screen)") }
        if !lines[height - 2].contains(status) { problems.append("\(step): the status bar is gone:\n\(screen)") }
        // Zero-width joiners never reach the terminal (tmux would draw a joined emoji sequence in 2 columns
        // where wcwidth counts 8 and leave stale cells), so rows holding the hostile emoji are measured too.
        // Flag pairs are still left out: tmux draws a pair as one glyph, the captured text holds two scalars.
        if screen.unicodeScalars.contains("\u{200D}") { problems.append("\(step): a zero-width joiner reached the screen") }
        let measurable = (2..<(height - 3)).filter { row in
            !lines[row].unicodeScalars.contains { (0x1F1E6...0x1F1FF).contains($0.value) }
        }
        let layouts = Dictionary(grouping: measurable) { borderColumns(lines[$0]) }
        let expected = layouts.max { $0.value.count < $1.value.count }?.key ?? []
        if expected.count < 2 { problems.append("\(step): no table borders found") }
        if measurable.count < (height - 5) / 2 { problems.append("\(step): too few measurable rows") }
        for row in measurable where borderColumns(lines[row]) != expected {
            problems.append("\(step): row \(row) is misaligned (\(borderColumns(lines[row])) vs \(expected)): \(lines[row])")
        }
        return problems
    }

    @Test func hostileDataStaysInertInTheRealTerminal() async throws {
        var options = SimulatorOptions()
        options.seed = .hostile
        let server = try await SimulatorServer.start(options)
        let admin = DemoCredentials.admin
        let raw = FileManager.default.temporaryDirectory.appendingPathComponent("privx-hostile-\(UUID().uuidString.prefix(8)).raw")
        let height = 32
        let binary = self.binary
        let baseURL = server.baseURL
        let result: (problems: [String], visited: Int, bytes: Int)
        do {
            result = try await offPool { () throws -> (problems: [String], visited: Int, bytes: Int) in
                var problems: [String] = []
                let tmux = try TmuxSession(width: 120, height: height, command: TmuxSession.quote(binary), environment: [
                    "LANG": "C.UTF-8", "XDG_CONFIG_HOME": "/nonexistent-privx-e2e",
                    "XDG_STATE_HOME": FileManager.default.temporaryDirectory.appendingPathComponent("privx-e2e-state-\(UUID().uuidString.prefix(8))").path,  // its own: no recovery offer from another run
                    "PRIVX_API_BASE_URL": baseURL,
                    "PRIVX_API_OAUTH_CLIENT_ID": admin.oauthClientID, "PRIVX_API_OAUTH_CLIENT_SECRET": admin.oauthClientSecret,
                    "PRIVX_API_CLIENT_ID": admin.apiClientID, "PRIVX_API_CLIENT_SECRET": admin.apiClientSecret,
                ])
                try tmux.recordOutput(to: raw)
                let total = 60 + HostileSeed.strings.count + 5
                try tmux.waitFor("Roles (\(total) of \(total))", timeout: 40)
                let title = try tmux.value("#{pane_title}")
                problems += Self.layoutProblems(try tmux.capture(), height: height, status: "\(total) roles", where: "start")

                // Every hostile role in turn, with its detail pane open beside the table.
                try tmux.send("/")
                try tmux.type("hostile")
                try tmux.waitFor("Roles (\(HostileSeed.strings.count + 4) of \(total))")
                try tmux.send("Enter")
                var visited = 0
                var previous = try tmux.capture()
                for step in 0..<(HostileSeed.strings.count + 4) {
                    if step > 0 { try tmux.send("Down") }
                    let screen = try tmux.waitUntil("the selection to move (step \(step))") { step == 0 || $0 != previous }
                    previous = screen
                    problems += Self.layoutProblems(screen, height: height, status: "\(total) roles", where: "role \(step)")
                    if try tmux.value("#{pane_title}") != title { problems.append("the pane title changed at role \(step)") }
                    visited += 1
                }
                // hostile-13 (10 000 characters) then up to hostile-11 (the joined emoji): the detail is redrawn
                // whole and nothing of the long name stays behind (seen before joiners were made visible). The
                // filtered list is sorted as text: hostile-0, -1, -10, -11, -12, -13, -2, ...
                func detailName(_ screen: String) -> Substring {
                    let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                    return lines.count > 2 ? lines[2] : ""
                }
                try tmux.send("Home")
                for _ in 0..<5 { try tmux.send("Down") }
                _ = try tmux.waitUntil("hostile-13 in the detail") { detailName($0).contains("hostile-13 long") }
                try tmux.send("Up")
                try tmux.send("Up")
                let eleven = try tmux.waitUntil("hostile-11 in the detail") { detailName($0).contains("hostile-11 wide") }
                problems += Self.layoutProblems(eleven, height: height, status: "\(total) roles", where: "hostile-13 then hostile-11")
                if detailName(eleven).contains("ABCDEFGHIJ") { problems.append("the long name stayed in the detail title:\n\(eleven)") }

                // Members of a role that maps the hostile users.
                try tmux.send("Home")
                try tmux.send("m")
                let members = try tmux.waitFor("Members of")
                if !members.contains("hostile") { problems.append("the hostile users are not listed:\n\(members)") }
                if try tmux.value("#{pane_title}") != title { problems.append("the pane title changed on the members screen") }
                try tmux.send("Escape")
                try tmux.send("Escape")
                try tmux.waitFor("Roles (\(total) of \(total))")

                // The AWS roles with hostile names, ARNs and descriptions.
                try tmux.send("2")
                let awsTotal = 30 + HostileSeed.strings.count + 2
                try tmux.waitFor("AWS roles (\(awsTotal) of \(awsTotal))")
                for step in 0..<(awsTotal / 2) {
                    try tmux.send("Down")
                    let screen = try tmux.waitUntil("AWS selection to move (step \(step))") { $0 != previous }
                    previous = screen
                    problems += Self.layoutProblems(screen, height: height, status: "AWS role", where: "AWS role \(step)")
                    if try tmux.value("#{pane_title}") != title { problems.append("the pane title changed at AWS role \(step)") }
                    visited += 1
                }
                try tmux.send("q")
                try tmux.waitUntil(timeout: 20, "exit") { _ in (try? tmux.value("#{pane_dead}")) == "1" }
                try? tmux.stopRecording()

                // No sequence from the server reached the terminal.
                let bytes = (try? Data(contentsOf: raw)) ?? Data()
                if bytes.count <= 10_000 { problems.append("the raw output was not recorded (\(bytes.count) bytes)") }
                for (forbidden, what) in [("\u{1B}]0;PWNED", "OSC title"), ("\u{1B}]2;PWNED", "OSC title (ST)"), ("\u{1B}P1$q", "DCS"),
                                          ("\u{1B}_x", "APC"), ("\u{9D}", "C1 OSC"), ("\u{9B}", "C1 CSI"), ("\u{202E}", "bidi override"),
                                          ("\u{1B}[31;1;5m", "the server's SGR"), ("\u{1B}[10;10Hmoved", "the server's cursor move")]
                    where bytes.range(of: Data(forbidden.utf8)) != nil {
                    problems.append("\(what) from the server reached the terminal")
                }
                return (problems, visited, bytes.count)
            }
        } catch {
            await server.stop()
            throw error
        }
        for problem in result.problems.prefix(20) { Issue.record(Comment(rawValue: problem)) }
        #expect(result.problems.isEmpty)
        print("hostile e2e: \(result.visited) hostile rows visited with their detail, title unchanged, layout intact, "
            + "\(result.bytes) bytes of terminal output checked")
        await server.stop()
    }
}
