#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back the way the shell had it on every exit path, including signals and traps.
///
/// The restore bytes (leave the alternate screen, reset attributes, show the cursor, keypad and mouse
/// off) are computed once at start-up; the handlers only call `write`, `tcsetattr`, `signal` and
/// `raise`, which are async-signal-safe.
public enum TerminalRestore {
    nonisolated(unsafe) private static var bytes: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var byteCount = 0
    nonisolated(unsafe) private static var termiosStore: UnsafeMutablePointer<termios>?
    nonisolated(unsafe) private static var active: Int32 = 0
    nonisolated(unsafe) private static var installed = false
    nonisolated(unsafe) private static var crashLog: Int32 = -1

    /// Signals after which the terminal is restored before the default action runs.
    public static let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    /// Unblocks the signals the terminal layer relies on (a parent may have blocked them): termination
    /// signals restore the terminal, SIGWINCH reports resizes, SIGTSTP/SIGCONT suspend and resume.
    public static func unblockTerminalSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT] { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Saves the shell's terminal modes; call before curses changes them.
    public static func saveShellModes(fileDescriptor: Int32 = 0) {
        let store = termiosStore ?? UnsafeMutablePointer<termios>.allocate(capacity: 1)
        store.initialize(to: termios())
        if tcgetattr(fileDescriptor, store) == 0 { termiosStore = store } else { store.deallocate() }
    }

    /// Arms the restore with the bytes that undo curses' screen changes and installs the handlers.
    public static func arm(restoreSequence: [UInt8]) {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, restoreSequence.count))
        buffer.initialize(from: restoreSequence, count: restoreSequence.count)
        let old = bytes
        bytes = buffer
        byteCount = restoreSequence.count
        old?.deallocate()
        active = 1
        _ = crashHead.count + crashTail.count + crashSignals.count
        if !installed {
            installed = true
            for sig in handledSignals { signal(sig, restoreAndReraise) }
            atexit(restoreAtExit)
        }
    }

    /// Where a crash signal (a runtime trap, SIGSEGV, ...) writes its one-line note: stderr is lost on
    /// the alternate screen, so the note goes to the log file (an open, append-mode descriptor).
    public static func setCrashLog(fileDescriptor: Int32) {
        // Touch the lazily initialized constants now: a signal handler must not run their initializers.
        _ = crashHead.count + crashTail.count + crashSignals.count
        crashLog = fileDescriptor
    }

    /// Puts the restore-then-default handler back on `sig` (after `SignalRouter` routed it elsewhere).
    public static func reinstallHandler(_ sig: Int32) {
        if installed { signal(sig, restoreAndReraise) } else { signal(sig, SIG_DFL) }
    }

    /// Restores the terminal, then ends the process with the signal's default action (the exit status
    /// a shell shows as 128 + `sig`); async-signal-safe.
    public static func restoreAndDie(_ sig: Int32) { restoreAndReraise(sig) }

    /// Writes "privx-roles: stopped by signal N ..." to the crash log (async-signal-safe: no allocation).
    static func noteCrash(_ sig: Int32) {
        guard crashLog >= 0 else { return }
        let head = crashHead
        let tail = crashTail
        _ = head.withUnsafeBufferPointer { write(crashLog, $0.baseAddress, $0.count) }
        var digits: (UInt8, UInt8, UInt8) = (0, 0, 0)
        let value = Int(max(0, min(sig, 999)))
        digits.0 = UInt8(48 + value / 100)
        digits.1 = UInt8(48 + (value / 10) % 10)
        digits.2 = UInt8(48 + value % 10)
        withUnsafeBytes(of: &digits) { raw in
            let skip = value >= 100 ? 0 : (value >= 10 ? 1 : 2)
            _ = write(crashLog, raw.baseAddress! + skip, 3 - skip)
        }
        _ = tail.withUnsafeBufferPointer { write(crashLog, $0.baseAddress, $0.count) }
    }

    private static let crashHead: [UInt8] = Array("privx-roles: stopped by fatal signal ".utf8)
    private static let crashTail: [UInt8] = Array(" (a runtime trap or crash); the terminal was restored. The lines above show what the console was doing.\n".utf8)

    /// Signals that mean the program itself failed (as opposed to being asked to stop).
    static let crashSignals: [Int32] = [SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    /// True while curses owns the screen (false while suspended for another program, and after shutdown).
    static var isActive: Bool { active != 0 }

    /// Marks curses inactive (after `endwin`), so the handlers leave the terminal alone.
    public static func disarm() { active = 0 }

    /// Marks curses active again (after a resume).
    public static func rearm() { active = bytes == nil ? 0 : 1 }

    /// Writes the restore bytes and the shell's modes now (async-signal-safe).
    public static func restoreNow() {
        guard active != 0 else { return }
        active = 0
        if let bytes { _ = write(1, bytes, byteCount) }
        if let termiosStore { _ = tcsetattr(0, TCSANOW, termiosStore) }
        _ = tcflush(0, TCIFLUSH)
    }
}

private func restoreAndReraise(_ sig: Int32) {
    TerminalRestore.restoreNow()
    if TerminalRestore.crashSignals.contains(sig) { TerminalRestore.noteCrash(sig) }
    signal(sig, SIG_DFL)
    raise(sig)
}

private func restoreAtExit() {
    TerminalRestore.restoreNow()
}
