import Foundation
import PrivXAPI
import RoleConsole
import TerminalUI
import Testing

/// The console defects of issue 19, each through `Console.update` and the rendered screen.
@MainActor @Suite struct ConsoleDefectTests {
    func editing(width: Int = 100, height: Int = 30) -> AppState { Fixtures.editing(width: width, height: height) }

    func focus(_ state: inout AppState, _ field: RoleEditor.Focus) { Fixtures.focus(&state, field) }

    // Item 2: while too small, no key reaches the hidden form; q asks (unsaved edits), a second q quits.
    @Test func tooSmallScreenKeepsKeysFromTheHiddenForm() {
        var state = editing()
        focus(&state, .comment)
        Fixtures.type(&state, "!")
        _ = Console.update(&state, .resized(Size(width: 40, height: 10)))
        Fixtures.press(&state, .character("x"), .backspace, .enter, .escape, .character("q"))
        #expect(state.editor?.text(.comment).text == "Fixture role linux-admins!")
        #expect(!state.shouldQuit)
        #expect(snapshot(state).contains("Unsaved edits of linux-admins: q"))
        Fixtures.press(&state, .character("q"))
        #expect(state.shouldQuit)
        #expect(state.exitSignal == SIGINT)
    }

    @Test func tooSmallQuitsAtOnceWithNothingUnsaved() {
        var state = editing()
        _ = Console.update(&state, .resized(Size(width: 40, height: 10)))
        Fixtures.press(&state, .character("j"))
        #expect(!state.shouldQuit)
        Fixtures.press(&state, .character("q"))
        #expect(state.shouldQuit)
        #expect(state.exitSignal == nil)
    }
}
