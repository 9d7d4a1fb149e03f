import Foundation
import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import TerminalUI
import Testing

/// The principal keys panel (`K`) and the detail pane's "Principal keys" part against the real simulator
/// over HTTP: every write is checked on the server, the role's mirror in the detail pane follows, and the
/// imported private key appears nowhere in the console's state.
@Suite struct PrincipalKeysConsoleTests {
    /// The console on `db-admins` (two seeded Ed25519 keys) with its panel open and loaded.
    func openPanel(_ console: inout ConsoleDriver) async throws {
        await console.start()
        await console.select("db-admins")
        #expect(console.state.roles.list.selected?.role.name == "db-admins")
        await console.press(.character("K"))
        let panel = try #require(console.state.principalKeys)
        #expect(panel.roleName == "db-admins" && !panel.loading)
    }

    func fingerprints(_ keys: [PrincipalKey]) -> [String] { keys.compactMap { $0.parsed?.fingerprint } }

    /// The text of every detail-pane block, one string.
    func detailText(_ state: AppState) -> String {
        DetailContent.blocks(state).map { block in
            switch block {
            case .section(let title): title
            case .field(let key, let value, _): key + " " + value
            case .paragraph(let text): text
            case .blank: ""
            }
        }.joined(separator: "\n")
    }

    @Test func theDetailPaneShowsTheKeysTheRoleMirrorsAsSSHKeygenPrintsThem() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select("db-admins")
            let role = try #require(console.state.roles.list.selected)
            let server = try await sim.client.principalKeys(roleID: role.id)
            #expect(server.count == 2)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("privx-keys-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let text = detailText(console.state)
            #expect(text.contains("Principal keys (2)"))
            for key in server {
                // ssh-keygen's own fingerprint of the server's line is what the pane shows.
                let printed = try SSHKeygen.fingerprint(line: key.publicKey, in: directory)
                #expect(text.contains("ED25519 256  " + printed), "\(text)")
            }
            await console.press(.escape)    // the filter goes, then the next role is chosen through it
            await console.select("helpdesk")
            #expect(detailText(console.state).contains("Principal keys (0)\nnone · K generates or imports one"))
        }
    }

    @Test func generatingShowsProgressSaysWhenTheKeyIsReadyAndTheDetailPaneFollows() async throws {
        try await SimulatorHarness.with(configure: { $0.principalKeyDelay = 0.6 }) { sim in
            var console = ConsoleDriver(api: sim.client)
            try await openPanel(&console)
            let roleID = try #require(console.state.principalKeys?.roleID)
            let before = fingerprints(console.state.principalKeys?.keys ?? [])
            // n asks first (nothing sent yet); y generates.
            #expect(Console.update(&console.state, .key(.character("n"))).isEmpty)
            guard case .confirm(.generate, _)? = console.state.principalKeys?.mode else { Issue.record("no question"); return }
            #expect(try await sim.client.principalKeys(roleID: roleID).count == 2)
            var effects = Console.update(&console.state, .key(.character("y")))
            #expect(console.state.principalKeys?.generation != nil)
            #expect(console.state.operations.writes == 1)
            // Run the generation and take its messages one at a time, as the run loop would.
            var sawProgress = false
            while !effects.isEmpty {
                let effect = effects.removeFirst()
                await console.runner.perform(effect)
                for message in console.inbox.drain() {
                    effects += Console.update(&console.state, message)
                    if case .principalKeys(.progress(_, let keyID, _, _)) = message, let panel = console.state.principalKeys {
                        #expect(panel.generation?.keyID == keyID)
                        #expect(panel.keys.contains { $0.id == keyID && !$0.isReady }, "the key being generated is listed")
                        let screen = ConsoleView.render(console.state, glyphs: .unicode).0.textLines().joined(separator: "\n")
                        #expect(screen.contains("PrivX is generating key \(keyID.prefix(8))"), "\(screen)")
                        sawProgress = true
                    }
                }
            }
            #expect(sawProgress, "the key was ready at once: no progress shown")
            let server = try await sim.client.principalKeys(roleID: roleID)
            #expect(server.count == 3 && server.allSatisfy(\.isReady))
            let panel = try #require(console.state.principalKeys)
            #expect(panel.generation == nil && console.state.operations.isEmpty)
            #expect(fingerprints(panel.keys) == fingerprints(server))
            let added = try #require(server.first { key in !before.contains(key.parsed?.fingerprint ?? "") })
            #expect(panel.selected?.id == added.id, "the new key is selected")
            #expect(console.state.toasts.toasts.contains { $0.message.contains("The new key of db-admins is ready: RSA") })
            // The role was read again: the detail pane's mirror has the new key.
            #expect(console.state.roles.list.selected?.role.principalPublicKeys.count == 3)
            await console.press(.escape)
            #expect(console.state.principalKeys == nil)
            #expect(detailText(console.state).contains("Principal keys (3)"))
            #expect(detailText(console.state).contains(try #require(added.parsed?.fingerprint)))
        }
    }

    @Test func generationGivesUpClearlyAfterItsBoundAndListsTheUnfinishedKey() async throws {
        try await SimulatorHarness.with(configure: { $0.principalKeyDelay = 30 }) { sim in
            var console = ConsoleDriver(api: sim.client)
            try await openPanel(&console)
            console.state.principalKeys?.waitSeconds = 1
            await console.press(.character("n"), .character("y"))
            let error = try #require(console.state.errors.last?.text)
            #expect(error.hasPrefix("Generating a principal key for db-admins failed:"), "\(error)")
            #expect(error.contains("has not finished generating") && error.contains("after 1 s"), "\(error)")
            let panel = try #require(console.state.principalKeys)
            #expect(panel.generation == nil && console.state.operations.isEmpty)
            #expect(panel.keys.count == 3 && panel.keys.filter { !$0.isReady }.count == 1, "the list is read again and shows the unfinished key")
        }
    }

    @Test func importCompletesThePathReadsTheFileAndKeepsTheKeyNowhere() async throws {
        try await SimulatorHarness.with { sim in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("privx-import-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = try SSHKeygen.key("ed25519", in: directory)
            let pemLines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)
            let expected = try SSHKeygen.fingerprint(file)
            var console = ConsoleDriver(api: sim.client)
            try await openPanel(&console)
            let roleID = try #require(console.state.principalKeys?.roleID)

            await console.press(.character("i"))
            // The directory, then the file's first letters: Tab completes the rest (the .pub beside it is the second match).
            await console.type(directory.path + "/ed")
            guard case .importPath(let line, _)? = console.state.principalKeys?.mode else { Issue.record("no import prompt"); return }
            #expect(line.completions == [file.path, file.path + ".pub"], "completed as typed: \(line.completions)")
            await console.press(.tab)
            guard case .importPath(let chosen, _)? = console.state.principalKeys?.mode else { Issue.record("no import prompt"); return }
            #expect(chosen.input.text == file.path, "Tab completes the common prefix: \(chosen.input.text)")
            await console.press(.enter)
            guard case .confirm(.importFile(let asked), _)? = console.state.principalKeys?.mode else { Issue.record("no question"); return }
            #expect(asked == file.path)
            #expect(try await sim.client.principalKeys(roleID: roleID).count == 2, "nothing is sent before the answer")
            await console.press(.character("y"))

            let server = try await sim.client.principalKeys(roleID: roleID)
            #expect(fingerprints(server).contains(expected))
            #expect(console.state.principalKeys?.selected?.parsed?.fingerprint == expected)
            #expect(console.state.toasts.toasts.contains { $0.message.contains("Imported the key in \(file.path) into db-admins: ED25519 256 \(expected)") })
            #expect(console.state.roles.list.selected?.role.principalPublicKeys.count == 3)

            // The public half is refused by the server; the message names the field and the path, never the content.
            await console.press(.character("i"))
            await console.type(file.path + ".pub")
            await console.press(.enter, .character("y"))
            let refusal = try #require(console.state.errors.last?.text)
            #expect(refusal.contains("Importing the private key in \(file.path).pub into db-admins failed") && refusal.contains("private_key"), "\(refusal)")
            let publicBlob = try String(contentsOf: URL(fileURLWithPath: file.path + ".pub"), encoding: .utf8).split(separator: " ")[1]
            #expect(!refusal.contains(publicBlob))
            // The prompt is back with the path typed, so nothing typed is lost.
            guard case .importPath(let again, let problem?)? = console.state.principalKeys?.mode else { Issue.record("the prompt did not come back"); return }
            #expect(again.input.text == file.path + ".pub")
            // The panel says why next to the path (the server's code and field, each said once), not only in a message.
            #expect(problem.hasPrefix("The import failed: PrivX answered HTTP 400: ") && problem.contains("(property: private_key)"), "\(problem)")
            #expect(problem.components(separatedBy: "holds a public key").count == 2, "said once: \(problem)")
            await console.press(.escape)

            // A path that names no file keeps the prompt and says so; nothing is sent.
            await console.press(.character("i"))
            await console.type(directory.path + "/missing")
            await console.press(.enter)
            guard case .importPath(_, let problem?)? = console.state.principalKeys?.mode else { Issue.record("the prompt closed"); return }
            #expect(problem.contains("does not exist"))
            await console.press(.escape)
            #expect(try await sim.client.principalKeys(roleID: roleID).count == 3)

            // Nothing the console holds carries the private key: state, notices, errors, the API log.
            let everything = String(describing: console.state) + String(reflecting: console.state)
            let hits = pemLines.filter { $0.count >= 20 && everything.contains($0) }
            #expect(pemLines.count >= 3 && hits.isEmpty, "the console's state holds the private key")
        }
    }

    @Test func deleteAsksNamingTheFingerprintWarnsThatHostsKeepItAndIsReadBack() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client, size: Size(width: 120, height: 36))
            try await openPanel(&console)
            let roleID = try #require(console.state.principalKeys?.roleID)
            await console.press(.down)
            let key = try #require(console.state.principalKeys?.selected)
            let fingerprint = try #require(key.parsed?.fingerprint)
            await console.press(.character("d"))
            guard case .confirm(.delete(let keyID, let named), _)? = console.state.principalKeys?.mode else { Issue.record("no question"); return }
            #expect(keyID == key.id && named == fingerprint)
            // The dialog's inner columns (60 wide, centered in 120), its wrapped lines joined again.
            let screen = ConsoleView.render(console.state, glyphs: .unicode).0.textLines()
                .map { String(Array($0).dropFirst(31).prefix(58)) }.joined(separator: " ").split(separator: " ").joined(separator: " ")
            #expect(screen.contains("Delete principal key") && screen.contains(fingerprint), "\(screen)")
            #expect(screen.contains("Target hosts that hold this public key keep it"), "\(screen)")
            // n keeps it.
            await console.press(.character("n"))
            #expect(try await sim.client.principalKeys(roleID: roleID).count == 2)
            await console.press(.character("d"), .character("y"))
            let server = try await sim.client.principalKeys(roleID: roleID)
            #expect(server.count == 1 && !server.contains { $0.id == key.id })
            #expect(console.state.principalKeys?.keys.map(\.id) == server.map(\.id))
            #expect(console.state.toasts.toasts.contains { $0.message.contains("Deleted the key \(fingerprint) of db-admins. Target hosts") })
            #expect(console.state.roles.list.selected?.role.principalPublicKeys == server.map(\.publicKey))
        }
    }

    @Test func readOnlyListsAndCopiesButRefusesEveryWrite() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client, readOnly: true)
            try await openPanel(&console)
            let roleID = try #require(console.state.principalKeys?.roleID)
            #expect(console.state.principalKeys?.keys.count == 2)
            for key in [Key.character("n"), .character("i"), .character("d")] {
                let effects = Console.update(&console.state, .key(key))
                #expect(effects.isEmpty && console.state.principalKeys?.mode == .list)
                #expect(console.state.toasts.toasts.last?.message.contains("read-only mode") == true)
            }
            #expect(try await sim.client.principalKeys(roleID: roleID).count == 2)
            // The hint bar greys the writes with the reason, as on the screens.
            let hints = ConsoleHints.current(console.state).map(\.item)
            #expect(hints.filter { !$0.enabled }.map(\.keys) == ["n", "i", "d"] && hints.allSatisfy { $0.enabled || $0.reason == "read-only" })
            let line = try #require(console.state.principalKeys?.selected?.publicKey)
            #expect(Console.update(&console.state, .key(.character("c"))) == [.copyToClipboard(text: line)])
        }
    }

    @Test func aRefusedWriteMakesTheWritesUnavailableAndTheListStaysReadable() async throws {
        try await SimulatorHarness.with(DemoCredentials.viewer) { sim in
            var console = ConsoleDriver(api: sim.client)
            try await openPanel(&console)
            #expect(console.state.principalKeys?.keys.count == 2)
            // The viewer's permissions (from /users/current) refuse the writes up front, naming the permission,
            // and nothing is sent.
            let before = try await sim.client.principalKeys(roleID: try #require(console.state.principalKeys?.roleID)).count
            #expect(Console.update(&console.state, .key(.character("n"))).isEmpty && console.state.principalKeys?.mode == .list)
            #expect(console.state.toasts.toasts.last?.message.contains("it needs roles-manage") == true)
            #expect(try await sim.client.principalKeys(roleID: try #require(console.state.principalKeys?.roleID)).count == before)
            // Without them (a server that does not answer /users/current) the server's 403 is the fallback.
            console.state.session.identity = nil
            await console.press(.character("n"), .character("y"))
            #expect(console.state.unavailable[.managePrincipalKeys] == "roles-manage")
            #expect(console.state.errors.last?.text.contains("lacks the permission roles-manage") == true)
            let effects = Console.update(&console.state, .key(.character("i")))
            #expect(effects.isEmpty && console.state.principalKeys?.mode == .list)
            #expect(console.state.toasts.toasts.last?.message.contains("the server refused it") == true)
            await console.press(.character("r"))
            #expect(console.state.principalKeys?.keys.count == 2 && console.state.unavailable[.principalKeys] == nil)
        }
    }

    @MainActor @Test func copyWritesTheKeyLineAsOSC52WrappedForTmux() async throws {
        let sim = try await SimulatorHarness.start()
        do {
            var console = ConsoleDriver(api: sim.client)
            try await openPanel(&console)
            let panel = try #require(console.state.principalKeys)
            let role = try #require(console.state.roles.list.selected?.role)
            let line = try #require(panel.selected?.publicKey)
            for tmux in [false, true] {
                let terminal = MemoryTerminal(size: Size(width: 100, height: 30))
                let app = ConsoleApp(terminal: terminal, api: sim.client, settings: ConsoleSettings(endpoint: "127.0.0.1", identity: "t", readOnly: true))
                app.environment = tmux ? ["TMUX": "/tmp/tmux-0/default,1,0"] : [:]
                app.dispatch(.rolesLoaded([role]))
                app.dispatch(.key(.character("K")))
                app.dispatch(.principalKeys(.loaded(roleID: role.id, keys: panel.keys)))
                app.dispatch(.key(.character("c")))
                let base64 = Data(line.utf8).base64EncodedString()
                let expected = tmux ? "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;\(base64)\u{07}\u{1B}\\" : "\u{1B}]52;c;\(base64)\u{07}"
                #expect(terminal.escapes == [Array(expected.utf8)])
                #expect(app.state.toasts.toasts.last?.message.contains("Copied the public key SHA256:") == true)
            }
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }

    @Test func aLineTooLongForTheTerminalIsNotCopiedAndSaysSo() {
        var state = AppState(settings: ConsoleSettings(endpoint: "h", identity: "i", readOnly: false), size: Size(width: 100, height: 30))
        var panel = PrincipalKeysState(roleID: "r", roleName: "huge")
        let blob = [UInt8](repeating: 0, count: 3) + [7] + Array("ssh-rsa".utf8) + [UInt8](repeating: 0x41, count: 80_000)
        let line = "ssh-rsa " + Data(blob).base64EncodedString()
        #expect(SSHPublicKey(line: line) != nil)
        panel.keys = [PrincipalKey(document: JSONObject(["id": .string("k1"), "public_key": .string(line)]))]
        state.principalKeys = panel
        let effects = Console.update(&state, .key(.character("c")))
        #expect(effects.isEmpty)
        #expect(state.toasts.toasts.last?.message.contains("too long to copy through the terminal") == true)
    }

    @Test func pathsCompleteAsAShellCompletesThem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("privx-complete-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("beta"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["alpha.pem", "alpha2.pem", ".hidden", "Zeta"] {
            _ = FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: Data())
        }
        let base = directory.path + "/"
        var state = AppState(settings: ConsoleSettings(endpoint: "h", identity: "i", readOnly: false), size: Size(width: 100, height: 30))
        state.principalKeys = PrincipalKeysState(roleID: "r", roleName: "x")
        _ = Console.update(&state, .key(.character("i")))
        for character in base { _ = Console.update(&state, .key(.character(character))) }
        guard case .importPath(let all, _)? = state.principalKeys?.mode else { Issue.record("no prompt"); return }
        #expect(all.completions == [base + "Zeta", base + "alpha.pem", base + "alpha2.pem", base + "beta/"])
        for character in "." { _ = Console.update(&state, .key(.character(character))) }
        guard case .importPath(let hidden, _)? = state.principalKeys?.mode else { Issue.record("no prompt"); return }
        #expect(hidden.completions == [base + ".hidden"])
        _ = Console.update(&state, .key(.backspace))
        for character in "b" { _ = Console.update(&state, .key(.character(character))) }
        _ = Console.update(&state, .key(.tab))
        guard case .importPath(let directoryDone, _)? = state.principalKeys?.mode else { Issue.record("no prompt"); return }
        #expect(directoryDone.input.text == base + "beta/")
    }
}

/// The panel's hint bar names only keys that do something where its keyboard is, at every place.
@Suite struct PrincipalKeysHintTests {
    /// An Ed25519 public key line around `byte` (any 32 bytes are a well-formed key blob).
    static func line(_ byte: UInt8) -> String {
        let blob: [UInt8] = [0, 0, 0, 11] + Array("ssh-ed25519".utf8) + [0, 0, 0, 32] + [UInt8](repeating: byte, count: 32)
        return "ssh-ed25519 " + Data(blob).base64EncodedString() + " key \(byte)"
    }

    /// A panel over three keys, the middle one selected.
    static func panel(keys count: Int = 3) -> AppState {
        var state = AppState(settings: ConsoleSettings(endpoint: "h", identity: "i", readOnly: false), size: Size(width: 100, height: 30))
        var panel = PrincipalKeysState(roleID: "r1", roleName: "db-admins")
        panel.keys = (0..<count).map { PrincipalKey(document: JSONObject(["id": .string("k\($0)"), "public_key": .string(line(UInt8($0)))])) }
        panel.table.selected = count > 1 ? 1 : 0
        state.principalKeys = panel
        return state
    }

    func reacts(_ state: AppState, to key: Key) -> Bool {
        var after = state
        let effects = Console.update(&after, .key(key))
        return !effects.isEmpty || after.principalKeys != state.principalKeys || after.toasts.toasts.map(\.id) != state.toasts.toasts.map(\.id)
    }

    func expectHonest(_ state: AppState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let hints = ConsoleHints.current(state)
        #expect(!hints.isEmpty && !hints.contains { $0.item.keys == "/" }, "\(name): the roles screen's hints leaked", sourceLocation: sourceLocation)
        for hint in hints {
            for key in hint.keys {
                #expect(reacts(state, to: key), "\(name): \u{201C}\(hint.item.keys) \(hint.item.title)\u{201D} advertises \(key.name), which does nothing",
                        sourceLocation: sourceLocation)
            }
        }
    }

    @Test func everyPlaceAdvertisesOnlyKeysThatAct() throws {
        expectHonest(Self.panel(), "list")
        expectHonest(Self.panel(keys: 0), "empty")
        var question = Self.panel()
        _ = Console.update(&question, .key(.character("d")))
        expectHonest(question, "delete question")
        var help = Self.panel()
        help.principalKeys?.mode = .help(offset: 1)
        expectHonest(help, "help")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("privx-hints-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("id_a").path, contents: Data("x".utf8))
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent("id_b").path, contents: Data("x".utf8))
        var prompt = Self.panel()
        _ = Console.update(&prompt, .key(.character("i")))
        for character in directory.path + "/id" { _ = Console.update(&prompt, .key(.character(character))) }
        expectHonest(prompt, "import prompt")
    }

    @Test func theDeleteQuestionNamesTheKeyAndTheHelpListsThePanelsKeys() {
        var state = Self.panel()
        let fingerprint = try? #require(state.principalKeys?.selected?.parsed?.fingerprint)
        _ = Console.update(&state, .key(.character("d")))
        guard case .confirm(.delete(let keyID, let named), _)? = state.principalKeys?.mode else { Issue.record("no question"); return }
        #expect(keyID == "k1" && named == fingerprint)
        _ = Console.update(&state, .key(.escape))
        #expect(state.principalKeys?.mode == .list && state.toasts.toasts.last?.message == "Nothing deleted.")
        _ = Console.update(&state, .key(.character("?")))
        let screen = ConsoleView.render(state, glyphs: .unicode).0.textLines().joined(separator: "\n")
        #expect(screen.contains("Keys in Principal keys") && screen.contains("Generate a new key pair") && screen.contains("Complete the path"), "\(screen)")
    }
}
