#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands termination signals (SIGINT, SIGTERM, SIGHUP) to the run loop instead of ending the process,
/// so the loop can ask about unsaved edits, write a recovery file and restore the terminal itself.
///
/// The handler only does async-signal-safe work: it counts the signal and writes its number into a
/// self-pipe that the loop reads without blocking. If the loop has not taken two earlier deliveries of
/// the same signal (it is stuck), a third one restores the terminal and ends the process at once.
/// Ctrl-C that arrives while the console is suspended for another program (an editor) is left to it.
public enum SignalRouter {
    nonisolated(unsafe) private static var readEnd: Int32 = -1
    nonisolated(unsafe) private static var writeEnd: Int32 = -1
    nonisolated(unsafe) private static var counts: UnsafeMutablePointer<Int32>?
    nonisolated(unsafe) private static var routed: [Int32] = []

    /// Deliveries of one signal the loop may leave untaken before the next one forces the default action.
    static let forceAfter: Int32 = 2

    /// Routes `signals` to the loop (idempotent); `pending()` returns them as they arrive.
    public static func route(_ signals: [Int32]) {
        if counts == nil {
            let table = UnsafeMutablePointer<Int32>.allocate(capacity: 65)
            table.initialize(repeating: 0, count: 65)
            counts = table
        }
        if readEnd < 0 {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { return }
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            readEnd = fds[0]
            writeEnd = fds[1]
        }
        for sig in signals where sig > 0 && sig < 65 {
            if !routed.contains(sig) { routed.append(sig) }
            signal(sig, routedHandler)
        }
    }

    /// Gives the routed signals back to the terminal-restoring default handlers.
    public static func unroute() {
        for sig in routed { TerminalRestore.reinstallHandler(sig) }
        routed = []
    }

    /// The signals delivered since the last call, oldest first (never blocks).
    public static func pending() -> [Int32] {
        guard readEnd >= 0, let counts else { return [] }
        var out: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, 64) }
            guard count > 0 else { break }
            for byte in buffer[0..<count] {
                let sig = Int32(byte)
                counts[Int(sig)] = 0
                out.append(sig)
            }
        }
        return out
    }

    fileprivate static func deliver(_ sig: Int32) {
        guard let counts, sig > 0, sig < 65 else { return }
        // Ctrl-C while another program has the terminal (the console suspended for $EDITOR) was meant
        // for that program, which gets it too: the console does not quit over it.
        if sig == SIGINT && !TerminalRestore.isActive { return }
        counts[Int(sig)] += 1
        if counts[Int(sig)] > forceAfter {
            TerminalRestore.restoreAndDie(sig)
            return
        }
        var byte = UInt8(truncatingIfNeeded: sig)
        _ = write(writeEnd, &byte, 1)
    }
}

private func routedHandler(_ sig: Int32) {
    SignalRouter.deliver(sig)
}
