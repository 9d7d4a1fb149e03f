import Foundation
import Testing

/// Drives `privx-widget-gallery` through real ncurses inside tmux: keys, pages, resize, NO_COLOR,
/// LANG=C, and that the terminal is restored after SIGTERM, a trap, and ctrl-z.
@Suite(.serialized) struct GalleryEndToEndTests {
    let gallery: String

    init() throws {
        guard let path = TestBinaries.path(of: "privx-widget-gallery") else {
            throw TmuxSession.Failure(description: "privx-widget-gallery is not built: run `swift build --build-tests` first")
        }
        gallery = path
    }

    func start(_ arguments: String = "", environment: [String: String] = ["LANG": "C.UTF-8"], width: Int = 100, height: Int = 30) throws -> TmuxSession {
        try TmuxSession(width: width, height: height, command: "\(TmuxSession.quote(gallery)) \(arguments)", environment: environment)
    }

    /// A bash in the pane, so the screen before and after the gallery can be compared.
    func startShell(environment: [String: String] = ["LANG": "C.UTF-8"]) throws -> TmuxSession {
        var env = environment
        env["PS1"] = "$ "
        let session = try TmuxSession(command: "bash --norc --noprofile", environment: env)
        try session.waitFor("$")
        return session
    }

    func selectedLine(_ screen: String) -> String? {
        screen.split(separator: "\n").first { $0.contains("│›") || $0.contains("|>") }.map(String.init)
    }

    @Test func startsOnTheTableAndMovesTheSelection() throws {
        // The pane's shell echoes the exit status and stays alive: tmux may drop the last output of a
        // pane whose process has already exited, and pane_dead_status is not always set.
        let tmux = try start("; echo \"gallery-exit=$?\"; sleep 60")
        let first = try tmux.waitForAll("Roles (100000 of 100000)", "q quit")
        #expect(selectedLine(first)?.contains("Administrators 0") == true)
        try tmux.send("Down")
        let moved = try tmux.waitUntil("selection on row 1") { selectedLine($0)?.contains("Développeurs réseau 1") == true }
        #expect(moved.contains("運用チーム 2"))
        #expect(moved.contains("␛RED␛ injected"))
        try tmux.send("End")
        try tmux.waitUntil("last row selected") { selectedLine($0)?.contains("99999") == true }
        try tmux.send("q")
        try tmux.waitFor("gallery-exit=0")
    }

    @Test func filterNarrowsTheTableAndHighlights() throws {
        // 20 000 rows: a debug build re-filters on every keystroke; the 100 000-row cost is measured separately.
        let tmux = try start("--rows 20000")
        try tmux.waitFor("Roles (20000")
        try tmux.send("/")
        try tmux.type("zürich 7")
        let filtered = try tmux.waitUntil("filtered rows") { $0.contains("Filter: zürich 7") && $0.contains("Roles (") && !$0.contains("Roles (20000 of") && $0.contains("q quit") }
        #expect(!filtered.contains("Administrators"))
        #expect(filtered.contains("Filter: zürich 7"))
        try tmux.send("Enter")
        try tmux.send("Escape")
        try tmux.waitFor("Roles (20000 of 20000)")
    }

    @Test func everyPageRendersAndDialogsAreModal() throws {
        let tmux = try start()
        try tmux.waitFor("Roles (100000")
        try tmux.send("2")
        let detail = try tmux.waitForAll("Mapping rules", "n/N next/prev")
        #expect(detail.contains("Développeurs réseau 運用チーム 🚀"))
        #expect(detail.contains("├─") && detail.contains("▾"))
        try tmux.send("3")
        let form = try tmux.waitForAll("Edit role", "Tab next field")
        #expect(form.contains("[x]Mon") && form.contains("(•) LDAP: example.com"))
        try tmux.type(" 東京")
        try tmux.waitFor("Développeurs 運用 🚀 東京")
        try tmux.send("F5")
        try tmux.waitFor("Dialogs, toasts")
        try tmux.send("c")
        try tmux.waitFor("Delete role?")
        try tmux.send("q")
        try tmux.waitFor("Dialog cancelled")
        try tmux.send("c")
        try tmux.waitFor("Delete role?")
        try tmux.send("Enter")
        try tmux.waitFor("Last dialog: confirm: cancelled")
        try tmux.send("?")
        let help = try tmux.waitForAll("unavailable: read-only mode", "Esc close")
        #expect(help.contains("unavailable: you lack roles-manage"))
        try tmux.send("Escape")
        // Esc followed within the escape delay by a letter is alt-letter, in every terminal: wait first.
        try tmux.waitUntil("help closed") { !$0.contains("Esc close") }
        try tmux.send("e")
        try tmux.waitFor("Could not delete role")
    }

    /// Screen readers follow the terminal cursor: it sits on the selected row (hidden) and in the edited field (shown).
    @Test func cursorIsParkedOnTheSelectionAndShownOnlyWhileEditing() throws {
        let tmux = try start()
        try tmux.waitForAll("Roles (100000", "q quit")
        try tmux.waitUntil("cursor on the first row") { _ in (try? tmux.value("#{cursor_y}")) == "3" }
        #expect(try tmux.value("#{cursor_flag}") == "0")
        try tmux.send("Down")
        try tmux.waitUntil("cursor follows the selection") { _ in (try? tmux.value("#{cursor_y}")) == "4" }
        try tmux.send("3")
        try tmux.waitForAll("Edit role", "Tab next field")
        try tmux.waitUntil("cursor shown at the end of the name") { _ in (try? tmux.value("#{cursor_flag} #{cursor_x},#{cursor_y}")) == "1 37,2" }
        try tmux.send("M-b")
        try tmux.waitUntil("alt-b moved back one word") { _ in (try? tmux.value("#{cursor_x}")) == "35" }
        try tmux.send("C-a")
        try tmux.waitUntil("ctrl-a moved to the start") { _ in (try? tmux.value("#{cursor_x}")) == "17" }
        try tmux.send("Tab")
        try tmux.waitUntil("cursor hidden on the checkbox") { _ in (try? tmux.value("#{cursor_flag}")) == "0" }
    }

    @Test func resizeTo60x16AndBack() throws {
        let tmux = try start()
        try tmux.waitForAll("100×30", "q quit")
        try tmux.resize(width: 60, height: 16)
        let narrow = try tmux.waitForAll("60×16", "q quit")
        #expect(narrow.contains("Roles (100000"))
        #expect(narrow.split(separator: "\n").count <= 16)
        try tmux.resize(width: 40, height: 10)
        try tmux.waitFor("terminal too small")
        try tmux.resize(width: 100, height: 30)
        let wide = try tmux.waitForAll("100×30", "q quit", "Selected")
        #expect(wide.contains("Selected"))
        #expect(!wide.contains("too small"))
    }

    @Test func noColorUsesAttributesOnly() throws {
        let colored = try start()
        let withColor = try colored.waitUntil(escapes: true, "colored screen") { $0.contains("Roles (100000") && $0.contains("quit") }
        #expect(withColor.contains("38;5;"))
        let plain = try start(environment: ["LANG": "C.UTF-8", "NO_COLOR": "1"])
        let mono = try plain.waitUntil(escapes: true, "monochrome screen") { $0.contains("Roles (100000") && $0.contains("quit") }
        #expect(!mono.contains("38;5;") && !mono.contains("48;5;"))
        #expect(!Self.hasColorCode(mono))
        #expect(Self.hasColorCode(withColor))
        #expect(mono.contains("\u{1B}[7m") || mono.contains(";7m") || mono.contains("[7;"))
    }

    /// True when any SGR sequence sets a foreground or background color (30–38, 40–48, 90–97, 100–107).
    static func hasColorCode(_ text: String) -> Bool {
        let pattern = #"\x1B\[(?:[0-9]+;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9]+)*m"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test func langCFallsBackToASCII() throws {
        let tmux = try start(environment: ["LANG": "C", "LC_ALL": "C"])
        let screen = try tmux.waitForAll("Roles (100000", "q quit")
        #expect(screen.unicodeScalars.allSatisfy { $0.value < 0x80 })
        #expect(screen.contains("+-") && screen.contains("|>"))
        let forced = try start("--ascii")
        let ascii = try forced.waitForAll("Roles (100000", "q quit")
        #expect(ascii.unicodeScalars.allSatisfy { $0.value < 0x80 })
    }

    @Test func unknownTerminalTypeFallsBackToXterm256color() throws {
        let tmux = try start("; echo \"gallery-exit=$?\"; sleep 60", environment: ["LANG": "C.UTF-8", "TERM": "no-such-terminal-\(getpid())"])
        try tmux.waitForAll("Roles (100000", "q quit")
        try tmux.send("q")
        try tmux.waitFor("gallery-exit=0")
    }

    @Test func refusesDumbTerminalAndNonTTYWithExitCode2() throws {
        let tmux = try startShell()
        try tmux.type("TERM=dumb \(TmuxSession.quote(gallery)); echo \"exit=$?\"")
        try tmux.send("Enter")
        let screen = try tmux.waitFor("exit=2")
        #expect(screen.contains("cannot draw a full-screen console"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gallery)
        process.standardInput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardOutput = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("must be a terminal"))
    }

    /// Checks the shell got its screen and modes back: earlier text visible, no alternate screen, icanon and echo on.
    func expectRestored(_ tmux: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try tmux.waitUntil("prompt after exit") { $0.contains("BEFORE-MARK") && $0.hasSuffix("$ \n") || $0.contains("BEFORE-MARK") && $0.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("$") }
        #expect(try tmux.value("#{alternate_on}") == "0", sourceLocation: sourceLocation)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stty-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        // The marker is computed by the shell so the echoed command line itself does not match.
        try tmux.type("stty -a > \(file.path); echo STTY-$((40 + 2))")
        try tmux.send("Enter")
        try tmux.waitFor("STTY-42")
        let modes = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let words = Set(modes.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(words.contains("icanon") && words.contains("echo") && words.contains("icrnl") && words.contains("isig"), "stty -a: \(modes)", sourceLocation: sourceLocation)
        #expect(!words.contains("-icanon") && !words.contains("-echo"), sourceLocation: sourceLocation)
    }

    func launchInShell(_ tmux: TmuxSession) throws {
        try tmux.type("echo BEFORE-MARK; \(TmuxSession.quote(gallery))")
        try tmux.send("Enter")
        try tmux.waitFor("Roles (100000")
        #expect(try tmux.value("#{alternate_on}") == "1")
    }

    func galleryPID(_ tmux: TmuxSession) throws -> pid_t {
        let shell = try tmux.value("#{pane_pid}")
        let text = try Subprocess.run(["pgrep", "-P", shell]).output
        guard let pid = text.split(separator: "\n").first.flatMap({ pid_t($0) }) else {
            throw TmuxSession.Failure(description: "no gallery process under the shell \(shell)")
        }
        return pid
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let tmux = try startShell()
        try launchInShell(tmux)
        kill(try galleryPID(tmux), SIGTERM)
        try expectRestored(tmux)
    }

    @Test func sighupAndSigintRestoreTheTerminal() throws {
        for signal in [SIGHUP, SIGINT] {
            let tmux = try startShell()
            try launchInShell(tmux)
            kill(try galleryPID(tmux), signal)
            try expectRestored(tmux)
        }
    }

    @Test func aSwiftTrapRestoresTheTerminal() throws {
        let tmux = try startShell()
        try launchInShell(tmux)
        try tmux.send(":")
        try tmux.type("crash")
        try tmux.send("Enter")
        try expectRestored(tmux)
    }

    @Test func ctrlZSuspendsAndFgResumes() throws {
        let tmux = try startShell()
        try launchInShell(tmux)
        try tmux.send("C-z")
        let stopped = try tmux.waitFor("Stopped")
        #expect(stopped.contains("BEFORE-MARK"))
        #expect(try tmux.value("#{alternate_on}") == "0")
        try tmux.type("fg")
        try tmux.send("Enter")
        try tmux.waitFor("Roles (100000")
        try tmux.send("Down")
        try tmux.waitUntil("selection moved after resume") { selectedLine($0)?.contains("Développeurs réseau 1") == true }
        try tmux.send("q")
        try expectRestored(tmux)
    }

    @Test func suspendRunsAShellAndResumeRepaints() throws {
        let tmux = try startShell()
        try launchInShell(tmux)
        try tmux.send(":")
        try tmux.type("shell")
        try tmux.send("Enter")
        let outside = try tmux.waitFor("Outside the gallery")
        #expect(outside.contains("BEFORE-MARK"))
        #expect(try tmux.value("#{alternate_on}") == "0")
        try tmux.send("Enter")
        try tmux.waitUntil("gallery repainted") { $0.contains("Roles (100000") && !$0.contains("Outside the gallery") }
        #expect(try tmux.value("#{alternate_on}") == "1")
        try tmux.send("Down")
        try tmux.waitUntil("selection moved after resume") { selectedLine($0)?.contains("Développeurs réseau 1") == true }
        try tmux.send("q")
        try expectRestored(tmux)
    }

    @Test func mouseClickSelectsAndWheelScrollsWithMouseFlag() throws {
        let tmux = try start("--mouse")
        try tmux.waitFor("Roles (100000")
        // An X10 mouse report as the terminal would send it: ESC [ M, button+32, column+33, row+33.
        func report(button: Int, x: Int, y: Int) -> String {
            "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + x))) + String(UnicodeScalar(UInt8(33 + y)))
        }
        try tmux.type(report(button: 0, x: 10, y: 7) + report(button: 3, x: 10, y: 7))
        try tmux.waitUntil("clicked row selected") { selectedLine($0)?.contains("Ops-Zürich 4") == true }
        try tmux.type(report(button: 65, x: 10, y: 7))
        try tmux.waitUntil("wheel moved the selection") { selectedLine($0)?.contains("Señores de la nube 5") == true }
    }

    /// Bytes the gallery writes when the selection moves one row (the frame diff at work), read from
    /// the pane's output stream. The figure is printed for the closing note.
    @Test func movingTheSelectionWritesOnlyTheChangedCells() throws {
        let tmux = try start()
        try tmux.waitFor("Roles (100000")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bytes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try tmux.recordOutput(to: file)
        usleep(300_000)
        try tmux.send("Down")
        try tmux.waitUntil("selection on row 1") { selectedLine($0)?.contains("Développeurs réseau 1") == true }
        var size = -1
        for _ in 0..<40 {
            usleep(100_000)
            let now = ((try? FileManager.default.attributesOfItem(atPath: file.path)[.size]) as? Int) ?? 0
            if now == size && now > 0 { break }
            size = now
        }
        try tmux.stopRecording()
        let bytes = (try? Data(contentsOf: file).count) ?? 0
        print("bytes written for one selection move at 100x30: \(bytes)")
        #expect(bytes > 0)
        #expect(bytes < 1200, "a one-row move should not repaint the screen (100x30 is 3000 cells)")
    }
}
