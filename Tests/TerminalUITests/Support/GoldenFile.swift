import Foundation
import Testing
import TerminalUI

// Golden screens live in Tests/TerminalUITests/Golden/<name>.txt: the text grid, a "-- styles --"
// line, then one style letter per cell (see Style.mapLetter: "." normal, m muted, h header,
// s selection, f focus, o ok, w warning, d danger, b badge; uppercase or "*" = emphasized), then
// the parked cursor.
//
// To regenerate on purpose after a deliberate visual change, run:
//   UPDATE_GOLDEN=1 swift test --skip-build --disable-xctest --filter TerminalUITests
// and review the diff of Tests/TerminalUITests/Golden/ before committing.

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

/// Renders with a drawing closure into a MemoryTerminal and returns the golden dump.
@MainActor
func snapshot(_ width: Int, _ height: Int, glyphs: Glyphs = .unicode, _ draw: (inout ScreenBuffer) -> CursorRequest?) -> String {
    _ = utf8Locale
    let terminal = MemoryTerminal(size: Size(width: width, height: height), glyphs: glyphs)
    var buffer = terminal.makeBuffer()
    let cursor = draw(&buffer)
    terminal.draw(buffer, cursor: cursor)
    return terminal.dump()
}

/// Sample data shared by the tests: Latin accents, CJK, emoji and an injected escape sequence.
enum Samples {
    static let names = ["Administrators", "Développeurs réseau", "運用チーム", "🚀 Deploy bots", "Ops-Zürich",
                        "\u{1B}[2J\u{1B}]0;pwned\u{07}evil", "数据库管理员 with a very long name that will not fit", "Crème brûlée"]
    static func row(_ i: Int) -> [String] { [names[i % names.count], String(i * 37 % 500), i % 2 == 0 ? "local" : "AWS"] }
    static let columns = [TableColumn("Name", minWidth: 10, maxWidth: 30), TableColumn("Members", minWidth: 7, maxWidth: 7, alignment: .right),
                          TableColumn("Source", minWidth: 6, maxWidth: 8)]
}
