import Foundation

/// Reads a password from the controlling terminal with echo off. The terminal's settings are put back on every
/// path: after the line, at end of input, and when Ctrl-C (or SIGTERM, SIGHUP, SIGQUIT) ends the program during
/// the prompt; the program then exits with 128 + the signal number (130 for Ctrl-C), as the console does. Ctrl-Z
/// is ignored while echo is off, so a suspended program never leaves the shell without echo.
enum PasswordPrompt {
    /// The terminal and its settings before the prompt, for the signal handler (which cannot capture).
    nonisolated(unsafe) private static var terminalFD: Int32 = -1
    nonisolated(unsafe) private static var original = termios()
    private static let endingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// Puts the terminal back and ends the program with 128 + the signal (async-signal-safe calls only).
    private static let restoreAndExit: @convention(c) (Int32) -> Void = { received in
        var saved = PasswordPrompt.original
        _ = tcsetattr(PasswordPrompt.terminalFD, TCSANOW, &saved)
        _ = Glibc.write(PasswordPrompt.terminalFD, "\n", 1)
        _exit(128 + received)
    }

    /// `read(prompt:)` on a thread of its own, so a person taking their time holds no thread of the async pool.
    static func ask(prompt: String) async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: read(prompt: prompt)) }
        }
    }

    /// Shows `prompt` on the terminal and reads one line without echo; nil when there is no terminal or input ended.
    static func read(prompt: String) -> String? {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { return nil }
        terminalFD = fd
        original = settings
        let previousHandlers = endingSignals.map { signal($0, restoreAndExit) }
        let previousStop = signal(SIGTSTP, SIG_IGN)
        var quiet = settings
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ICANON | ISIG)
        // Echo goes off (dropping typeahead, as getpass does) before the prompt shows, so nothing typed after
        // the prompt appears is lost or echoed.
        _ = tcsetattr(fd, TCSAFLUSH, &quiet)
        writeAll(fd, prompt)
        let line = readLine(fd)
        _ = tcsetattr(fd, TCSANOW, &settings)
        writeAll(fd, "\n")
        signal(SIGTSTP, previousStop)
        for (signalNumber, previous) in zip(endingSignals, previousHandlers) { signal(signalNumber, previous) }
        terminalFD = -1
        return line
    }

    /// The bytes up to the first newline; nil at end of input before any byte.
    static func readLine(_ fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(fd, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func writeAll(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
