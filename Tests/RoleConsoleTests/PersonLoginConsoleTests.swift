import Foundation
import PrivXAPI
import RoleConsole
import RoleStoreSimulator
import Synchronization
import TerminalUI
import Testing

/// A person logged in to the console (issue 17) against the real simulator over HTTPS: the status bar names
/// them, keys their roles do not grant are greyed and refused before any request, and a session that cannot
/// be renewed opens the password dialog over the open form, keeping its edits, with the waiting save carried
/// on once the password is accepted.
@Suite(.serialized) struct PersonLoginConsoleTests {
    /// An HTTPS simulator, a client logged in as `user` whose later password questions go to the console's
    /// dialog, and a driver whose effects run concurrently (a save waits for the dialog while keys go on).
    struct Rig {
        let server: SimulatorServer
        let client: PrivXClient
        /// The demo admin API client, to check the server without the person's session.
        let admin: PrivXClient
        var console: ConsoleDriver
        /// Every request the person's client sent (path only), to show a greyed key sends nothing.
        let requests: RequestLog

        static func with(_ user: DemoUser, tokenSeconds: Double = 300, _ body: (inout Rig) async throws -> Void) async throws {
            var options = SimulatorOptions()
            options.tls = true
            options.tokenTTL = tokenSeconds
            options.refreshTokenTTL = tokenSeconds
            let server = try await SimulatorServer.start(options)
            let inbox = Inbox()
            let broker = PasswordBroker(inbox: inbox)
            let log = RequestLog()
            let configuration = ClientConfiguration(baseURL: server.baseURL, credentials: .user(name: user.name),
                                                    additionalCACertificatesPEM: server.caCertificatePEM.map { [$0] } ?? [])
            let client: PrivXClient
            let admin: PrivXClient
            do {
                admin = try PrivXClient(configuration: ClientConfiguration(baseURL: server.baseURL, credentials: .apiClient(
                    oauthClientID: DemoCredentials.admin.oauthClientID, oauthClientSecret: DemoCredentials.admin.oauthClientSecret,
                    apiClientID: DemoCredentials.admin.apiClientID, apiClientSecret: DemoCredentials.admin.apiClientSecret),
                    additionalCACertificatesPEM: server.caCertificatePEM.map { [$0] } ?? []))
                client = try PrivXClient(configuration: configuration, onRequest: { record in log.paths.withLock { $0.append(record.path) } },
                                         passwordProvider: broker.provider)
                try await client.logIn(password: user.password)
            } catch {
                await server.stop()
                throw error
            }
            let settings = ConsoleSettings(endpoint: "127.0.0.1:\(server.port)", identity: "user \(user.name)", readOnly: false)
            var rig = Rig(server: server, client: client, admin: admin, console: ConsoleDriver(settings: settings, inbox: inbox, runner:
                EffectRunner(api: client, inbox: inbox, passwords: broker)), requests: log, password: user.password)
            do {
                try await body(&rig)
            } catch {
                broker.close()
                await client.shutdown()
                await admin.shutdown()
                await server.stop()
                throw error
            }
            broker.close()
            await client.shutdown()
            await admin.shutdown()
            await server.stop()
        }

        /// The person's password, for a session that runs out while the test is still setting up.
        let password: String

        /// Starts the console and waits for the roles and who is logged in.
        mutating func start() async throws {
            try await setUp(Console.start(&console.state), []) {
                $0.roles.list.loaded && $0.session.identity != nil && !$0.sourceNames.isEmpty && $0.operations.isEmpty
            }
        }

        /// Runs `effects` and presses `keys` until `done`; on a loaded machine the short session may run out
        /// before the step the test is about, and the dialog that then opens is answered here.
        mutating func setUp(_ effects: [Effect], _ keys: [Key], until done: (AppState) -> Bool) async throws {
            try await console.pump(effects) { _ in true }
            try await console.pumpKeys(keys) { done($0) || $0.login != nil }
            while console.state.login != nil {
                try await console.pumpKeys(password.map { Key.character($0) } + [.enter]) { done($0) || $0.login != nil }
            }
        }

        var requestCount: Int { requests.paths.withLock { $0.count } }
    }

    /// The screen's text for `state`.
    static func screen(_ state: AppState) -> String {
        _ = utf8Locale
        let (buffer, _) = ConsoleView.render(state, glyphs: .unicode)
        return buffer.textLines().joined(separator: "\n")
    }

    /// Opens the form on db-readonly and appends `text` to its comment.
    static func editComment(_ rig: inout Rig, _ text: String) async throws {
        try await rig.setUp([], [.character("/")] + "db-readonly".map { Key.character($0) } + [.enter, .character("e")]) { $0.editor != nil }
        while rig.console.state.editor.map({ $0.focus != .comment }) == true { try await rig.setUp([], [.tab]) { _ in true } }
        try await rig.setUp([], [.end] + text.map { Key.character($0) }) { $0.operations.isEmpty }
    }

    @Test func aSessionThatCannotBeRenewedAsksForThePasswordOverTheFormAndTheSaveCarriesOn() async throws {
        try await Rig.with(DemoUsers.bob, tokenSeconds: 3) { rig in
            try await rig.start()
            var wide = rig.console.state
            wide.size = Size(width: 160, height: 30)
            #expect(Self.screen(wide).contains("127.0.0.1:\(rig.server.port) · user Bob Rolemanager (bob) from Local users"))
            // At the rig's 100 columns the whole name still fits (no start-up 403 for the AWS roles takes room on
            // the right: they were not asked for); at 60 a shorter form does.
            #expect(Self.screen(rig.console.state).contains("user Bob Rolemanager (bob) from Local users"))
            var narrow = rig.console.state
            narrow.size = Size(width: 60, height: 16)
            #expect(Self.screen(narrow).contains("bob from Local users") && !Self.screen(narrow).contains("Rolemanager"), "\(Self.screen(narrow))")
            try await Self.editComment(&rig, " (kept)")
            let id = try #require(rig.console.state.editor?.base.id)
            // Both the access token and the refresh token run out: renewal fails, the password is needed.
            try await Task.sleep(for: .seconds(4))
            try await rig.console.pumpKeys([.function(2), .character("y")]) { $0.login != nil }
            let dialog = try #require(rig.console.state.login)
            #expect(dialog.request == PasswordRequest(user: "bob", reason: .sessionExpired))
            #expect(rig.console.state.editor?.draft.comment.hasSuffix(" (kept)") == true, "the form and its edit stay open below the dialog")
            var screens = [Self.screen(rig.console.state)]
            #expect(screens[0].contains("Log in to PrivX") && screens[0].contains("Your PrivX session has ended"), "\(screens[0])")
            #expect(screens[0].contains("Enter log in") && screens[0].contains("Esc stay logged out"), "\(screens[0])")

            // A wrong password says so and asks again; the typed text is masked, never drawn or described.
            let wrong = "wrong-Pw-918"
            try await rig.console.pumpKeys(wrong.map { Key.character($0) }) { _ in true }
            screens.append(Self.screen(rig.console.state))
            #expect(screens.last?.contains(String(repeating: "\u{2022}", count: wrong.count)) == true, "\(screens.last ?? "")")
            var dumped = ""
            dump(rig.console.state, to: &dumped)
            #expect(!dumped.contains(wrong) && !String(describing: rig.console.state).contains(wrong))
            try await rig.console.pumpKeys([.enter]) { $0.login?.request.reason == .wrongPassword(attempt: 2) }
            screens.append(Self.screen(rig.console.state))
            #expect(screens.last?.contains("was not accepted; try again") == true, "\(screens.last ?? "")")
            #expect(rig.console.state.editor?.draft.comment.hasSuffix(" (kept)") == true)

            // The right password: the dialog closes and the waiting save goes through.
            try await rig.console.pumpKeys(DemoUsers.bob.password.map { Key.character($0) }) { _ in true }
            screens.append(Self.screen(rig.console.state))
            try await rig.console.pumpKeys([.enter]) { $0.editor == nil && $0.operations.isEmpty }
            screens.append(Self.screen(rig.console.state))
            #expect(rig.console.state.login == nil && !rig.console.state.session.loggedOut)
            #expect(try await rig.admin.role(id: id).comment?.hasSuffix(" (kept)") == true)
            for screen in screens {
                #expect(!screen.contains(wrong) && !screen.contains(DemoUsers.bob.password))
            }
            #expect(rig.console.state.errors.allSatisfy { !$0.text.contains(wrong) && !$0.text.contains(DemoUsers.bob.password) })
        }
    }

    @Test func escAtThePasswordDialogStaysLoggedOutWithTheEditsKeptAndTheNextSaveAsksAgain() async throws {
        try await Rig.with(DemoUsers.bob, tokenSeconds: 3) { rig in
            try await rig.start()
            try await Self.editComment(&rig, " (after esc)")
            let id = try #require(rig.console.state.editor?.base.id)
            try await Task.sleep(for: .seconds(4))
            try await rig.console.pumpKeys([.function(2), .character("y")]) { $0.login != nil }
            try await rig.console.pumpKeys([.character("p"), .escape]) { $0.login == nil && $0.operations.isEmpty }
            let editor = try #require(rig.console.state.editor, "the form stays open")
            #expect(editor.draft.comment.hasSuffix(" (after esc)"))
            #expect(editor.error?.contains("PrivX needs the password of bob") == true, "\(editor.error ?? "")")
            #expect(rig.console.state.session.loggedOut)
            #expect(Self.screen(rig.console.state).contains("LOGGED OUT"))
            #expect(try await rig.admin.role(id: id).comment?.hasSuffix(" (after esc)") != true, "nothing was written")

            // F2 again: the dialog asks again, and this time the save goes through.
            try await rig.console.pumpKeys([.function(2), .character("y")]) { $0.login != nil }
            try await rig.console.pumpKeys(DemoUsers.bob.password.map { Key.character($0) } + [.enter]) { $0.editor == nil && $0.operations.isEmpty }
            #expect(!rig.console.state.session.loggedOut)
            #expect(try await rig.admin.role(id: id).comment?.hasSuffix(" (after esc)") == true)
        }
    }

    @Test(arguments: [Size(width: 50, height: 12), Size(width: 80, height: 24)])
    func theDialogFitsOverTheFormWithItsKeysAndTheMaskOnly(_ size: Size) {
        var state = Fixtures.loadedState()
        state.size = size
        Fixtures.press(&state, .character("e"))
        #expect(state.editor != nil)
        _ = Console.update(&state, .passwordNeeded(PasswordRequest(user: "bob", reason: .sessionExpired)))
        for character in "s3cret-Typed" { Fixtures.press(&state, .character(character)) }
        Fixtures.press(&state, .backspace)
        let screen = Self.screen(state)
        #expect(screen.contains("Log in to PrivX") && screen.contains("Password for bob:"), "\(screen)")
        #expect(screen.contains("Enter log in · Esc stay logged out"), "\(screen)")
        #expect(screen.contains(String(repeating: "\u{2022}", count: 11)) && !screen.contains(String(repeating: "\u{2022}", count: 12)))
        #expect(!screen.contains("s3cret"), "\(screen)")
        #expect(state.editor != nil, "the form stays open below")
        // Keys reach the dialog only: `q` is typed, not quit; Esc closes the dialog, not the form.
        Fixtures.press(&state, .character("q"))
        #expect(!state.shouldQuit && state.login?.secret.count == 12)
        let effects = Fixtures.press(&state, .escape)
        #expect(state.login == nil && state.editor != nil && state.session.loggedOut)
        guard case .answerPassword(let answer)? = effects.first else { Issue.record("no answer: \(effects)"); return }
        #expect(answer == nil)
        #expect(Self.screen(state).contains("LOGGED OUT"))
    }

    @Test func aTypedPasswordIsRedactedInDescriptionsAndWipedAfterUse() {
        let secret = SecretText()
        for character in "pässwörd" { secret.append(character) }
        #expect(secret.count == 8 && secret.reveal() == "pässwörd")
        secret.removeLast()
        #expect(secret.reveal() == "pässwör")
        let effect = Effect.answerPassword(secret)
        var dumped = ""
        dump(effect, to: &dumped)
        for text in [String(describing: effect), String(reflecting: effect), dumped, "\(secret)"] {
            #expect(!text.contains("pässw"), "\(text)")
        }
        let copy = secret
        secret.wipe()
        #expect(copy.isEmpty && copy.reveal().isEmpty, "every copy is wiped")
    }

    @Test func theRoleManagerWithoutAWSRightsSeesTheAWSKeysGreyedAndRefusedBeforeAnyRequest() async throws {
        try await Rig.with(DemoUsers.bob) { rig in
            try await rig.start()
            // The AWS roles are not asked for: their screen says why, and no 403 was needed to learn it.
            #expect(rig.console.state.awsRoles.withheld == "AWS roles are not listed: they need role-target-resources-view, which your PrivX roles do not grant.")
            #expect(!rig.console.state.awsRoles.list.loading && rig.console.state.awsRoles.list.catalog.rows.isEmpty)
            #expect(!rig.console.state.errors.contains { $0.text.contains("403") }, "\(rig.console.state.errors.map(\.text))")
            var aws = rig.console.state
            aws.size = Size(width: 120, height: 30)
            _ = Console.update(&aws, .key(.character("2")))
            #expect(Self.screen(aws).contains("they need role-target-resources-view"), "\(Self.screen(aws))")
            let hints = ConsoleHints.current(rig.console.state).map(\.item)
            let greyed = hints.filter { !$0.enabled }
            #expect(greyed.map(\.keys) == ["a"] && greyed.first?.reason == "needs role-target-resources-manage", "\(greyed)")
            #expect(hints.first { $0.title == "edit" }?.enabled == true, "bob holds roles-manage")
            let sent = rig.requestCount
            try await rig.console.pumpKeys([.character("a")]) { _ in true }
            #expect(rig.console.state.modal == nil && rig.console.state.editor == nil)
            #expect(rig.console.state.toasts.toasts.last?.message.contains("it needs role-target-resources-manage") == true,
                    "\(rig.console.state.toasts.toasts.last?.message ?? "")")
            #expect(rig.requestCount == sent, "a greyed key sends no request")
            let help = ActionRegistry.items(for: .roles, readOnly: false, unavailable: [:], hintsOnly: false,
                                            held: rig.console.state.session.permissions)
            #expect(help.contains { !$0.enabled && $0.reason == "it needs role-target-resources-manage, which your PrivX roles do not grant" })
            #expect(help.filter { !$0.enabled }.allSatisfy { $0.reason?.contains("role-target-resources-manage") == true },
                    "only the AWS keys are greyed for bob")
        }
    }

    @Test func theReadOnlyAuditorSeesEveryChangeGreyedWithThePermissionNamed() async throws {
        try await Rig.with(DemoUsers.carol) { rig in
            try await rig.start()
            var state = rig.console.state
            state.size = Size(width: 80, height: 24)
            var screen = Self.screen(state)
            #expect(screen.contains("user carol from Local users"), "\(screen)")
            #expect(screen.contains("\(SimulatorSeed.small.roleCount) roles"), "the counts stay whole: \(screen)")
            state.size = Size(width: 50, height: 12)
            screen = Self.screen(state)
            #expect(screen.contains("carol from Local users"), "the caller, shortened to fit: \(screen)")
            let hints = ConsoleHints.current(rig.console.state).map(\.item)
            // One greyed item per missing permission, after the navigation keys, so it shows on a 120-column bar.
            let greyed = hints.filter { !$0.enabled }
            #expect(greyed.map(\.keys) == ["e n c d v", "a", "u"], "\(greyed)")
            #expect(greyed.map(\.reason) == ["needs roles-manage", "needs role-target-resources-manage",
                                             "needs roles-manage or role-target-resources-manage or users-manage"], "\(greyed)")
            var wide = rig.console.state
            wide.size = Size(width: 120, height: 30)
            #expect(Self.screen(wide).contains("e n c d v  (needs roles-manage)"), "\(Self.screen(wide))")
            // Help names each one with the permission.
            let help = ActionRegistry.items(for: .roles, readOnly: false, unavailable: [:], hintsOnly: false,
                                            held: rig.console.state.session.permissions)
            for key in ["e", "n", "c", "d", "v"] {
                let item = try #require(help.first { $0.keys.split(separator: " ").first == Substring(key) }, "\(key)")
                #expect(!item.enabled && item.reason == "it needs roles-manage, which your PrivX roles do not grant", "\(key): \(item)")
            }
            let sent = rig.requestCount
            for key in [Key.character("e"), .character("n"), .character("d"), .character("v")] {
                try await rig.console.pumpKeys([key]) { _ in true }
                #expect(rig.console.state.editor == nil && rig.console.state.modal == nil && rig.console.state.inspector == nil, "\(key)")
                #expect(rig.console.state.toasts.toasts.last?.message.contains("it needs roles-manage") == true)
            }
            #expect(rig.requestCount == sent)
            // The auditor may read AWS roles; changing their mappings is refused up front.
            try await rig.console.pumpKeys([.character("2")]) { $0.awsRoles.list.loaded && $0.operations.isEmpty }
            let awsGreyed = ConsoleHints.current(rig.console.state).map(\.item).filter { !$0.enabled }
            #expect(awsGreyed.map(\.keys) == ["m d", "u"] && awsGreyed.first?.reason == "needs role-target-resources-manage", "\(awsGreyed)")
            try await rig.console.pumpKeys([.character("m")]) { _ in true }
            #expect(rig.console.state.modal == nil)
        }
    }
}

extension ConsoleDriver {
    /// A driver over an existing inbox and runner (a runner that answers the password dialog).
    init(settings: ConsoleSettings, inbox: Inbox, runner: EffectRunner, size: Size = Size(width: 100, height: 30)) {
        self.inbox = inbox
        self.runner = runner
        state = AppState(settings: settings, size: size)
    }

    /// Presses `keys`, then runs what they start concurrently until `done` holds for the state.
    mutating func pumpKeys(_ keys: [Key], timeout: Double = 30, until done: (AppState) -> Bool) async throws {
        var effects: [Effect] = []
        for key in keys {
            effects += Console.update(&state, .key(key))
            // Keys typed into a dialog that opens meanwhile must reach it: run what the key started first.
            try await pump(effects, timeout: timeout) { _ in true }
            effects = []
        }
        try await pump([], timeout: timeout, until: done)
    }

    /// Starts `effects` as tasks (as the app does) and feeds their messages back, starting what those ask for,
    /// until `done` holds and nothing posted is left unhandled; a request waiting for the password dialog does
    /// not stop the loop.
    mutating func pump(_ effects: [Effect], timeout: Double = 30, until done: (AppState) -> Bool) async throws {
        for effect in effects { runner.run(effect) }
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        var quiet = 0
        while true {
            let messages = inbox.drain()
            for message in messages {
                for effect in Console.update(&state, message) { runner.run(effect) }
            }
            quiet = messages.isEmpty ? quiet + 1 : 0
            // Done once the condition holds and the inbox stayed empty for a moment (answers in flight land).
            if done(state), quiet >= 3 { return }
            if ContinuousClock.now > deadline { throw PumpTimeout(description: "the console did not settle within \(timeout) s") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// The paths a client requested.
final class RequestLog: Sendable {
    let paths = Mutex<[String]>([])
}

struct PumpTimeout: Error, CustomStringConvertible {
    var description: String
}
