import Foundation
import Testing
import TerminalUI

// Golden screens live in Tests/TerminalUITests/Golden/<name>.txt (format: `MemoryTerminal.dump()`; comparing
// and regenerating: `GoldenFile` in TerminalUI). Regenerate on purpose with
//   UPDATE_GOLDEN=1 swift test --skip-build --disable-xctest --filter TerminalUITests
// and review the diff of Tests/TerminalUITests/Golden/ before committing.
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
