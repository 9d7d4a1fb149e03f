import Foundation
import PrivXAPI
import RoleConsole
import TerminalUI
import Testing

/// What the console does with a signal the run loop took over, and the recovery file round trip.
@Suite struct SignalAndRecoveryTests {
    func editing() -> AppState {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character("/"))
        Fixtures.type(&state, "linux")
        Fixtures.press(&state, .enter, .character("e"), .tab, .end)
        Fixtures.type(&state, " draft")
        return state
    }

    func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("recovery-\(UUID().uuidString)").path
    }

    @Test func ctrlCWithoutUnsavedEditsQuitsWith130() {
        var state = Fixtures.loadedState()
        _ = Console.update(&state, .signal(SIGINT))
        #expect(state.shouldQuit)
        #expect(Console.exitStatus(state) == 130)
    }

    @Test func ctrlCWithADirtyFormAsksAndASecondOneQuits() {
        var state = editing()
        _ = Console.update(&state, .signal(SIGINT))
        #expect(!state.shouldQuit)
        guard case .confirm(.interrupt(let name), _)? = state.modal else { Issue.record("no question"); return }
        #expect(name == "linux-admins")
        Fixtures.press(&state, .character("n"))
        #expect(state.modal == nil && state.editor?.draft.comment.hasSuffix(" draft") == true, "n keeps working on the form")
        _ = Console.update(&state, .signal(SIGINT))
        _ = Console.update(&state, .signal(SIGINT))
        #expect(state.shouldQuit)
        #expect(Console.exitStatus(state) == 130)
        #expect(Console.unsavedForm(state) != nil, "the run loop writes it to the recovery file")
    }

    @Test func sigtermAndSighupEndAtOnceWithTheirStatus() {
        for (sig, status) in [(SIGTERM, Int32(143)), (SIGHUP, Int32(129))] {
            var state = editing()
            _ = Console.update(&state, .signal(sig))
            #expect(state.shouldQuit)
            #expect(Console.exitStatus(state) == status)
            #expect(Console.unsavedForm(state) != nil)
        }
    }

    @Test func theRecoveryFileHoldsTheDraftTheBaseAndUpdatedWithMode0600() throws {
        let state = editing()
        let editor = try #require(Console.unsavedForm(state))
        let store = RecoveryStore(directory: temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        let path = try store.write(RecoveryDraft(editor: editor, now: 1_763_650_100))
        #expect(path.hasSuffix("/recovery-r-linux.json"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let loaded = try #require(store.load().first)
        #expect(loaded.roleID == "r-linux" && loaded.roleName == "linux-admins")
        #expect(loaded.basedOnUpdated == "2026-11-20T14:02:33Z")
        #expect(loaded.draft.comment?.hasSuffix(" draft") == true)
        #expect(loaded.base.comment?.hasSuffix(" draft") == false)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.lowercased().contains("secret") && !text.lowercased().contains("token"))
    }

    @Test func theNextStartOffersTheDraftAndRestoringOpensTheForm() throws {
        let store = RecoveryStore(directory: temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        let editor = try #require(Console.unsavedForm(editing()))
        try store.write(RecoveryDraft(editor: editor, now: 1_763_650_100))

        var state = Fixtures.loadedState()
        let found = try #require(store.load().first)
        _ = Console.update(&state, .recoveryFound(found))
        guard state.recovery != nil else { Issue.record("no offer"); return }
        let screen = ConsoleView.render(state, glyphs: .unicode).0.textLines().joined(separator: "\n")
        #expect(screen.contains("Recovered an unsaved edit of role linux-admins from"))
        #expect(screen.contains("2025-11-20 14:48:20 UTC"))
        #expect(screen.contains("r restore") && screen.contains("d discard"))
        let effects = Fixtures.press(&state, .character("r"))
        #expect(effects == [.forgetRecovery(file: found.file)])
        let restored = try #require(state.editor)
        #expect(restored.draft.comment.hasSuffix(" draft"))
        #expect(restored.base.updated == "2026-11-20T14:02:33Z")
        #expect(restored.changes.map(\.field) == ["comment"])
        Fixtures.press(&state, .function(2))
        guard case .confirming(let changes)? = state.editor?.stage else { Issue.record("F2 does not show the diff"); return }
        #expect(changes.map(\.field) == ["comment"])
    }

    @Test func discardingRemovesTheFile() async throws {
        let store = RecoveryStore(directory: temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        let editor = try #require(Console.unsavedForm(editing()))
        let path = try store.write(RecoveryDraft(editor: editor, now: 1_763_650_100))
        var state = Fixtures.loadedState()
        _ = Console.update(&state, .recoveryFound(try #require(store.load().first)))
        let effects = Fixtures.press(&state, .character("d"))
        #expect(state.modal == nil && state.recovery == nil && state.editor == nil)
        // A real client that is never called: forgetting a recovery file is local work.
        let client = try PrivXClient(configuration: ClientConfiguration(baseURL: "http://127.0.0.1:9", credentials: .bearerToken("unused")))
        let runner = EffectRunner(api: client, inbox: Inbox())
        for effect in effects { await runner.perform(effect) }
        await client.shutdown()
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(store.load().isEmpty)
    }
}
