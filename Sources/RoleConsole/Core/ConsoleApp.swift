import Foundation
import Logging
import PrivXAPI
import TerminalUI

/// The run loop on the main actor: read a key with a short timeout, drain the inbox, update, draw
/// when something changed, yield. Network work runs in tasks and only posts messages.
@MainActor
public final class ConsoleApp {
    public private(set) var state: AppState
    let terminal: any Terminal
    let runner: EffectRunner
    let inbox: Inbox
    let logger: Logger
    /// The password dialog behind the client's `PasswordProvider`; closed when the console ends.
    let passwords: PasswordBroker?
    private var lastSecond = -1.0
    /// Termination signals taken over from the default handlers (`SignalRouter.pending` in the app).
    public var signalSource: () -> [Int32] = { [] }
    /// Where an unsaved form goes when a signal ends the console, and where the next start looks.
    public var recovery: RecoveryStore?
    /// The process environment (`$TMUX` decides how a clipboard write is wrapped).
    public var environment = ProcessInfo.processInfo.environment

    /// A console on a terminal and an API; `inbox` may already receive API-call records. `passwords` (posting
    /// to the same inbox) is the `PasswordProvider` of a person's client, shown as the password dialog.
    public init(terminal: any Terminal, api: any RoleStoreAPI, settings: ConsoleSettings, inbox: Inbox = Inbox(),
                logger: Logger = Logger(label: "privx-roles.console"), passwords: PasswordBroker? = nil) {
        self.terminal = terminal
        self.inbox = inbox
        self.logger = logger
        self.passwords = passwords
        self.runner = EffectRunner(api: api, inbox: inbox, logger: logger, passwords: passwords)
        self.state = AppState(settings: settings, size: terminal.size)
    }

    /// Runs until the person quits or a signal ends it; `clock` gives seconds since 1970. Returns the exit
    /// status: 0, or 128 + the signal, after writing an unsaved form to a recovery file.
    @discardableResult
    public func run(clock: @escaping () -> Double = { Date().timeIntervalSince1970 }) async -> Int32 {
        logger.info("console started")
        state.now = clock()
        start(Console.start(&state))
        if let found = recovery?.load().first { dispatch(.recoveryFound(found)) }
        draw()
        while !state.shouldQuit {
            var dirty = false
            for sig in signalSource() {
                logger.info("signal \(sig) received")
                dispatch(.signal(sig))
                dirty = true
            }
            if state.shouldQuit { break }
            if let key = terminal.readKey(timeoutMilliseconds: 40) {
                state.now = clock()    // a table move notes when it happened (the detail pane follows after a rest)
                if key == .resize { dispatch(.resized(terminal.size)) }
                dispatch(.key(key))
                dirty = true
            }
            for message in inbox.drain() {
                dispatch(message)
                dirty = true
            }
            let now = clock()
            // Tick often while the detail pane waits for the selection to rest, so it follows on time.
            if now - lastSecond >= (state.holdingDetail ? 0.03 : 0.25) {
                lastSecond = now
                dispatch(.tick(now))
                dirty = true
            }
            if dirty && !state.shouldQuit { draw() }
            await Task.yield()
        }
        // A login still waiting for the dialog gives up, so its request ends and nothing waits on the screen.
        state.login?.secret.wipe()
        passwords?.close()
        if state.exitSignal != nil { saveUnsavedForm(now: clock()) }
        logger.info("console quit (exit status \(Console.exitStatus(state)))")
        return Console.exitStatus(state)
    }

    /// Writes the open form with unsaved edits to a recovery file, if there is one.
    func saveUnsavedForm(now: Double) {
        guard let editor = Console.unsavedForm(state) else { return }
        guard let recovery else {
            logger.warning("unsaved edits of \(editor.base.name) were lost: no recovery directory")
            return
        }
        do {
            let path = try recovery.write(RecoveryDraft(editor: editor, now: now))
            logger.notice("unsaved edits of \(editor.base.id.isEmpty ? editor.draft.name : editor.base.name) written to \(path)")
        } catch {
            logger.error("unsaved edits of \(editor.base.name) could not be kept: \(error)")
        }
    }

    /// Feeds one message through `update` and starts its effects.
    public func dispatch(_ message: Message) {
        start(Console.update(&state, message))
    }

    /// Draws the current state and stores the geometry the frame settled (offsets clamped to what fits,
    /// drawn heights for paging), as ratatui's stateful widgets do; see `ConsoleView.settle`.
    public func draw() {
        ConsoleView.settle(&state, glyphs: terminal.glyphs)
        let (buffer, cursor) = ConsoleView.render(state, glyphs: terminal.glyphs)
        terminal.draw(buffer, cursor: cursor)
    }

    private func start(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .editAsJSON(let text): editExternally(text)
            case .copyToClipboard(let text): copyToClipboard(text)
            default: runner.run(effect)
            }
        }
    }

    /// Sends `text` to the terminal's clipboard as OSC 52, wrapped for tmux's passthrough inside tmux.
    private func copyToClipboard(_ text: String) {
        switch ClipboardSequence.osc52(text, tmux: !(environment["TMUX"] ?? "").isEmpty) {
        case .success(let bytes):
            terminal.writeEscape(bytes)
            logger.info("copied \(text.utf8.count) bytes to the clipboard (OSC 52, \(bytes.count) bytes sent)")
        case .failure(.tooLarge(let bytes)):
            logger.warning("clipboard write of \(bytes) bytes not sent: over \(ClipboardSequence.maximumBytes)")
        }
    }

    /// Leaves curses, runs the person's editor on the role's JSON, comes back and hands over the result.
    private func editExternally(_ text: String) {
        terminal.suspend()
        // Termination signals are watched while the editor runs: SIGTERM/SIGHUP stop it at once, and the
        // loop then quits the usual way (recovery file, terminal restored, 128 + signal).
        let (outcome, signals) = ExternalEditor.edit(text, environment: ProcessInfo.processInfo.environment, signals: signalSource)
        terminal.resume()
        dispatch(.resized(terminal.size))
        dispatch(.externalEditDone(outcome))
        for sig in signals {
            logger.info("signal \(sig) received while the editor ran")
            dispatch(.signal(sig))
        }
    }
}
