import Foundation
import Testing
import RoleConsole
import TerminalUI

// Golden screens live in Tests/RoleConsoleTests/Golden/<name>.txt: the text grid, a "-- styles --"
// line, then one style letter per cell (see Style.mapLetter: "." normal, m muted, h header,
// s selection, f focus, o ok, w warning, d danger, b badge; uppercase or "*" = emphasized), then
// the parked cursor.
//
// To regenerate on purpose after a deliberate visual change, run:
//   UPDATE_GOLDEN=1 swift test --skip-build --disable-xctest --filter RoleConsoleTests
// and review the diff of Tests/RoleConsoleTests/Golden/ before committing.

enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    /// Compares a dump with its golden file line by line (or writes it when UPDATE_GOLDEN=1).
    static func check(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(name).txt: run with UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
            return
        }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let e = index < expectedLines.count ? expectedLines[index] : "<missing>"
            let a = index < actualLines.count ? actualLines[index] : "<missing>"
            if e != a {
                Issue.record("golden \(name).txt line \(index + 1) differs\nexpected: \(e)\nactual:   \(a)", sourceLocation: sourceLocation)
                return
            }
        }
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
