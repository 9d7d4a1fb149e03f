import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal: ncursesw behind the `Terminal` protocol. The only file that imports `CNcursesw`.
///
/// It sends only the cells that changed since the last frame, then one `doupdate`.
@MainActor
public final class NcursesTerminal: Terminal {
    /// The current size in cells.
    public private(set) var size: Size
    /// Unicode or ASCII glyphs, from the locale and `--ascii`.
    public let glyphs: Glyphs
    /// The theme for the detected color capability.
    public let theme: Theme
    private let screenPointer: OpaquePointer
    /// The stream ncurses writes frames to (a dup of stdout); `writeEscape` writes after its output.
    private let output: UnsafeMutablePointer<FILE>
    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: ScreenBuffer?
    private var pairs: [ResolvedStyle: Int16] = [:]
    private var isActive = true
    private var isShutDown = false
    private let mouse: Bool

    /// Starts curses: locale, tty and TERM checks, `newterm` with the `xterm-256color` fallback, input modes,
    /// colors, escape delay, and the restore handlers. Throws a message-ready error instead of exiting.
    public static func start(options: TerminalOptions, environment: [String: String]) throws(TerminalStartupError) -> NcursesTerminal {
        let locale = LocaleSetup.configure()
        guard isatty(0) == 1, isatty(1) == 1 else { throw .notATerminal }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" { throw .dumbTerminal(term) }
        TerminalRestore.unblockTerminalSignals()
        TerminalRestore.saveShellModes()
        guard let output = fdopen(dup(1), "w"), let input = fdopen(dup(0), "r") else { throw .notATerminal }
        var screen = newterm(nil, output, input)
        if screen == nil {
            screen = newterm("xterm-256color", output, input)
        }
        guard let screen else { throw .unknownTerminal(term) }
        set_term(screen)
        guard let window = shim_stdscr() else { throw .unknownTerminal(term) }
        return NcursesTerminal(screen: screen, window: window, output: output, locale: locale, options: options, environment: environment)
    }

    private init(screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>, output: UnsafeMutablePointer<FILE>, locale: LocaleSetup.Result,
                 options: TerminalOptions, environment: [String: String]) {
        self.screenPointer = screen
        self.output = output
        self.window = window
        self.mouse = options.mouse
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        Self.defineBothCursorKeyModes()
        wtimeout(window, 50)
        curs_set(0)
        if environment["ESCDELAY"] == nil { set_escdelay(25) }
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(shim_colors())
        }
        self.theme = Theme(capability: ColorCapability.detect(colors: colors, noColor: options.noColor))
        self.glyphs = LocaleSetup.glyphs(for: locale, options: options)
        if options.mouse {
            mousemask(shim_mouse_mask(), nil)
            mouseinterval(0)
        }
        self.size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
        TerminalRestore.arm(restoreSequence: Self.restoreSequence(mouse: options.mouse))
    }

    /// Teaches ncurses the cursor-key sequences of both keypad modes (`ESC [ A` and `ESC O A`, ...): a key
    /// pressed while keypad mode is being switched (start-up, resume) or on a terminal whose terminfo
    /// names only one form is still an arrow, not Esc + `[` + `A`.
    private static func defineBothCursorKeyModes() {
        let keys: [(String, Int32)] = [
            ("A", KEY_UP), ("B", KEY_DOWN), ("C", KEY_RIGHT), ("D", KEY_LEFT), ("H", KEY_HOME), ("F", KEY_END),
        ]
        for (final, code) in keys {
            define_key("\u{1B}[" + final, code)
            define_key("\u{1B}O" + final, code)
        }
        let tilde: [(String, Int32)] = [("1", KEY_HOME), ("2", KEY_IC), ("3", KEY_DC), ("4", KEY_END), ("5", KEY_PPAGE), ("6", KEY_NPAGE), ("7", KEY_HOME), ("8", KEY_END)]
        for (number, code) in tilde { define_key("\u{1B}[" + number + "~", code) }
        define_key("\u{1B}[Z", KEY_BTAB)
    }

    private static func restoreSequence(mouse: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for name in ["sgr0", "cnorm", "rmkx"] {
            if let value = shim_tigetstr(name) { bytes += Array(String(cString: value).utf8) }
        }
        if mouse { bytes += Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l".utf8) }
        if let value = shim_tigetstr("rmcup") { bytes += Array(String(cString: value).utf8) }
        bytes += Array("\r\n".utf8)
        return bytes
    }

    /// Sends the changed cells, parks the cursor, then one `doupdate`.
    public func draw(_ buffer: ScreenBuffer, cursor: CursorRequest?) {
        guard isActive else { return }
        let base = (previous?.size == buffer.size) ? previous : nil
        if base == nil { clearok(window, true) }
        let width = min(buffer.size.width, size.width)
        let height = min(buffer.size.height, size.height)
        for y in 0..<height {
            var x = 0
            while x < width {
                guard changed(buffer, base, x: x, y: y) else { x += 1; continue }
                let start = (buffer[x, y].isContinuation && x > 0) ? x - 1 : x
                let style = buffer[start, y].style
                var text = ""
                var end = start
                while end < width {
                    let cell = buffer[end, y]
                    if end > start, !cell.isContinuation, cell.style != style || !changed(buffer, base, x: end, y: y) { break }
                    if !cell.isContinuation { text += cell.text }
                    end += 1
                }
                if !text.isEmpty {
                    apply(style)
                    _ = mvwaddstr(window, Int32(y), Int32(start), text)
                }
                x = max(end, x + 1)
            }
        }
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < size.width, cursor.y < size.height {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            curs_set(cursor.visible ? 1 : 0)
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
        previous = buffer
    }

    private func changed(_ buffer: ScreenBuffer, _ base: ScreenBuffer?, x: Int, y: Int) -> Bool {
        guard let base else { return true }
        if buffer[x, y] != base[x, y] { return true }
        // A wide character whose continuation changed must be resent as a whole.
        return buffer[x, y].width == 2 && buffer[x + 1, y] != base[x + 1, y]
    }

    private func apply(_ style: Style) {
        let resolved = theme.resolve(style)
        var attrs = shim_a_normal()
        if resolved.bold { attrs |= shim_a_bold() }
        if resolved.underline { attrs |= shim_a_underline() }
        if resolved.reverse { attrs |= shim_a_reverse() }
        if resolved.dim { attrs |= shim_a_dim() }
        wattr_set(window, attrs, pair(for: resolved), nil)
    }

    private func pair(for resolved: ResolvedStyle) -> Int16 {
        guard resolved.foreground != nil || resolved.background != nil else { return 0 }
        let key = ResolvedStyle(foreground: resolved.foreground, background: resolved.background)
        if let existing = pairs[key] { return existing }
        let number = Int16(pairs.count + 1)
        guard Int32(number) < shim_color_pairs() else { return 0 }
        init_pair(number, Int16(resolved.foreground ?? -1), Int16(resolved.background ?? -1))
        pairs[key] = number
        return number
    }

    /// Reads one key, waiting up to the timeout; alt-x arrives as Esc then x and is joined here.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard isActive else { return nil }
        wtimeout(window, Int32(timeoutMilliseconds))
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == shim_err() { return nil }
        if result == shim_key_code_yes() { return functionKey(Int32(code)) }
        if code == 27 {
            wtimeout(window, 0)
            var next: wint_t = 0
            let second = wget_wch(window, &next)
            if second == shim_ok(), next != 27, let key = Key.fromCharacter(UInt32(next)), case .character(let c) = key {
                return .alt(c)
            }
            // Not alt-x: give the next key back (a character with unget_wch, a function key with ungetch).
            if second == shim_ok() {
                unget_wch(wchar_t(next))
            } else if second == shim_key_code_yes() {
                ungetch(Int32(next))
            }
            return .escape
        }
        return Key.fromCharacter(UInt32(code))
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_RESIZE:
            size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
            previous = nil
            return .resize
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == shim_ok() else { return nil }
            let kind: MouseEvent.Kind
            if shim_mouse_is_wheel_up(event.bstate) != 0 { kind = .wheelUp }
            else if shim_mouse_is_wheel_down(event.bstate) != 0 { kind = .wheelDown }
            else if shim_mouse_is_click(event.bstate) != 0 { kind = .click }
            else { return nil }
            return .mouse(MouseEvent(kind: kind, x: Int(event.x), y: Int(event.y)))
        default:
            for n in 1...12 where code == shim_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    /// Writes `bytes` straight to the terminal's file descriptor, outside ncurses' screen model: the last
    /// frame was flushed by `doupdate` (and the stream is flushed again here), so the sequence cannot land
    /// inside a half-written frame, and ncurses' idea of the screen stays true because the sequence draws
    /// nothing. Partial writes and EINTR are retried; while suspended or shut down nothing is sent.
    public func writeEscape(_ bytes: [UInt8]) {
        guard isActive, !bytes.isEmpty else { return }
        fflush(output)
        let descriptor = fileno(output)
        var sent = 0
        bytes.withUnsafeBytes { raw in
            while sent < raw.count {
                let result = write(descriptor, raw.baseAddress! + sent, raw.count - sent)
                if result > 0 { sent += result } else if result < 0, errno == EINTR { continue } else { break }
            }
        }
    }

    /// Leaves curses so another program (an editor) can use the terminal.
    public func suspend() {
        guard isActive, !isShutDown else { return }
        TerminalRestore.disarm()
        endwin()
        isActive = false
    }

    /// Returns to curses and repaints everything on the next frame.
    public func resume() {
        guard !isActive, !isShutDown else { return }
        wrefresh(window)
        keypad(window, true)
        isActive = true
        previous = nil
        size = Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
        TerminalRestore.rearm()
    }

    /// Ends curses and restores the shell's terminal; later calls do nothing.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        if mouse { mousemask(0, nil) }
        if isActive { endwin() }
        isActive = false
        TerminalRestore.disarm()
        // Keys typed for the console but not read yet must not become shell input after it quits.
        _ = tcflush(0, TCIFLUSH)
    }
}
