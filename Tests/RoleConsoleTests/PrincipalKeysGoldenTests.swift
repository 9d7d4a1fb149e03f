import Foundation
import PrivXAPI
import RoleConsole
import TerminalUI
import Testing

/// The principal keys panel drawn on a MemoryTerminal and compared with golden files: the list with a key
/// being generated and the progress line, the delete question, and the import prompt in the bottom row.
@MainActor @Suite struct PrincipalKeysGoldenTests {
    /// The roles screen with the second role's panel open over three keys (the last one still generating).
    func panel() -> AppState {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down, .character("K"))
        let roleID = state.principalKeys?.roleID ?? ""
        var keys = (0..<2).map { PrincipalKey(document: JSONObject(["id": .string("key-\($0)"), "public_key": .string(PrincipalKeysHintTests.line(UInt8($0)))])) }
        keys.append(PrincipalKey(document: JSONObject(["id": .string("key-new"), "public_key": .string("")])))
        _ = Console.update(&state, .principalKeys(.loaded(roleID: roleID, keys: keys)))
        return state
    }

    @Test func listWhileAKeyIsGenerated() {
        var state = panel()
        let roleID = state.principalKeys?.roleID ?? ""
        _ = Console.update(&state, .key(.character("n")))
        _ = Console.update(&state, .key(.character("y")))
        _ = Console.update(&state, .principalKeys(.progress(roleID: roleID, keyID: "key-new", poll: 3, waited: 1.75)))
        Fixtures.press(&state, .end)
        Golden.check("principal-keys-generating", snapshot(state))
    }

    @Test func generateQuestion() {
        var state = panel()
        Fixtures.press(&state, .character("n"))
        Golden.check("principal-keys-generate", snapshot(state))
    }

    @Test func deleteQuestion() {
        var state = panel()
        Fixtures.press(&state, .character("d"))
        Golden.check("principal-keys-delete", snapshot(state))
    }

    @Test func importPromptWithItsProblem() {
        var state = panel()
        Fixtures.press(&state, .character("i"))
        Fixtures.type(&state, "/nonexistent-privx-golden/id_ed25519")
        Fixtures.press(&state, .enter)
        Golden.check("principal-keys-import", snapshot(state))
    }
}
