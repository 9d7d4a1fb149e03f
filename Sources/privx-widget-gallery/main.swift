import Foundation
import TerminalUI

// privx-widget-gallery: every TerminalUI widget on four pages, driven by real ncurses. Used by the
// end-to-end tests in tmux and for measurements. Flags: --ascii --no-color --mouse --rows N --measure-render.

let arguments = Array(CommandLine.arguments.dropFirst())
let environment = ProcessInfo.processInfo.environment

func value(after flag: String) -> String? {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

if arguments.contains("--help") || arguments.contains("-h") {
    print("""
    usage: privx-widget-gallery [--ascii] [--no-color] [--mouse] [--rows N] [--measure-render]
      --ascii           ASCII borders and markers (also chosen when the locale is not UTF-8)
      --no-color        monochrome theme (also NO_COLOR=1)
      --mouse           clicks and wheel
      --rows N          rows in the table (default 100000)
      --measure-render  time full frames of the table page and exit
    keys: 1-4 or F2-F5 pages, ? help, : command line, q quit
    """)
    exit(0)
}

let rowCount = value(after: "--rows").flatMap(Int.init) ?? 100_000

if arguments.contains("--measure-render") {
    LocaleSetup.configure()
    RenderMeasurement.run(rowCount: rowCount, size: Size(width: 100, height: 30), frames: 200)
    exit(0)
}

let options = TerminalOptions.from(arguments: arguments, environment: environment)
let terminal: NcursesTerminal
do {
    terminal = try NcursesTerminal.start(options: options, environment: environment)
} catch {
    FileHandle.standardError.write(Data("privx-widget-gallery: \(error)\n".utf8))
    exit(TerminalStartupError.exitCode)
}

var app = GalleryApp(rowCount: rowCount)
let clock = ContinuousClock()
let started = clock.now
var dirty = true
while !app.quit {
    if dirty {
        var buffer = terminal.makeBuffer()
        let cursor = app.render(into: &buffer)
        terminal.draw(buffer, cursor: cursor)
        dirty = false
    }
    if let key = terminal.readKey(timeoutMilliseconds: 100) {
        if case .mouse(let event) = key, app.page == .table {
            switch event.kind {
            case .wheelUp: app.handle(.up)
            case .wheelDown: app.handle(.down)
            case .click: app.click(y: event.y)
            }
        } else {
            app.handle(key)
        }
        if app.shellRequested {
            app.shellRequested = false
            if let failure = SubshellRunner.run(terminal: terminal) { app.toasts.post(.error, failure, now: app.now) }
        }
        dirty = true
    } else {
        let elapsed = clock.now - started
        dirty = app.advance(now: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
terminal.shutdown()
