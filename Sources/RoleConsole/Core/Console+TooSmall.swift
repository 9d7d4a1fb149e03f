import Foundation
import TerminalUI

/// Below the minimum size nothing of the console is drawn, so no key may reach what is hidden (a form's
/// field, a list, a dialog): only q and Ctrl-C act, and a resize brings the screen back.
extension Console {
    /// True while the terminal is below `ConsoleLayout.minimum`.
    static func isTooSmall(_ state: AppState) -> Bool {
        TooSmallScreen(minimum: ConsoleLayout.minimum).applies(to: state.size)
    }

    /// A key while too small: q and Ctrl-C quit (asking first, as Ctrl-C does, when a form holds unsaved
    /// edits or a write is in flight: a second q then quits and the edits go to a recovery file); every
    /// other key is dropped.
    static func tooSmallKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard key == .character("q") || key == .ctrl("c") else { return [] }
        if unsavedForm(state) == nil, state.operations.writes == 0 {
            state.shouldQuit = true
            return []
        }
        return handleSignal(&state, SIGINT)
    }

    /// What the too-small screen says besides its size: what a q does now.
    static func tooSmallNote(_ state: AppState) -> String {
        if case .confirm(.interrupt(let name), _)? = state.modal {
            return "Unsaved edits of \(sanitize(name)): q again quits and keeps them in a recovery file; enlarge the window to go back to the form."
        }
        if case .confirm(.quit, _)? = state.modal {
            return "A write is still in flight: q again quits without waiting for its answer."
        }
        return "Enlarge the window or press q to quit."
    }
}
