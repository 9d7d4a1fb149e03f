import Foundation
import Testing
import RoleConsole
import TerminalUI

// Golden screens live in Tests/RoleConsoleTests/Golden/<name>.txt (format: `MemoryTerminal.dump()`; comparing
// and regenerating: `GoldenFile` in TerminalUI). Regenerate on purpose with
//   UPDATE_GOLDEN=1 swift test --skip-build --disable-xctest --filter RoleConsoleTests
// and review the diff of Tests/RoleConsoleTests/Golden/ before committing.
enum Golden {
    static let file = GoldenFile(besideSupportFile: #filePath)

    /// Records the first difference from the golden file (or writes it when UPDATE_GOLDEN=1).
    static func check(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if case .problem(let text) = file.check(name, actual) { Issue.record(Comment(rawValue: text), sourceLocation: sourceLocation) }
    }
}

/// Widths must be measured in a UTF-8 locale, as the terminal does.
let utf8Locale: Bool = {
    setlocale(LC_CTYPE, "C.UTF-8") != nil
}()

/// Renders the console state into a MemoryTerminal and returns the golden dump.
@MainActor
func snapshot(_ state: AppState, glyphs: Glyphs = .unicode) -> String {
    _ = utf8Locale
    let terminal = MemoryTerminal(size: state.size, glyphs: glyphs)
    let (buffer, cursor) = ConsoleView.render(state, glyphs: glyphs)
    terminal.draw(buffer, cursor: cursor)
    return terminal.dump()
}
