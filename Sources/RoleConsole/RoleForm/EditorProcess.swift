import Foundation

/// The person's editor as a child in its own process group, given the terminal while it runs. Being its
/// own group lets a termination signal the console receives reach the editor and everything it started
/// (`killpg`), and the wait polls for such signals instead of blocking, so SIGTERM/SIGHUP end the edit
/// at once rather than when the editor happens to exit.
struct EditorProcess {
    /// How the child ended, and the termination signals that arrived meanwhile (oldest first).
    struct Ending {
        /// `waitpid` status of the child.
        var status: Int32
        /// Signals taken from `signals` while waiting; SIGTERM and SIGHUP were forwarded to the editor.
        var signals: [Int32]
        /// The first SIGTERM or SIGHUP that interrupted the edit, if any.
        var interruptedBy: Int32? { signals.first { $0 == SIGTERM || $0 == SIGHUP } }
    }

    /// Seconds the editor gets to exit after a forwarded signal before it is killed.
    static let graceSeconds = 2.0

    let pid: pid_t
    /// The terminal handed to the editor (nil when standard input is not a terminal).
    let terminal: Int32?

    /// Spawns `arguments` with `environment` in a new process group that becomes the terminal's foreground;
    /// nil with `posix_spawn`'s error number in `failure` when it could not start.
    static func spawn(_ arguments: [String], environment: [String], failure: inout Int32) -> EditorProcess? {
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own group (pgid = its pid), and default dispositions for the signals the console handles.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], nil, &attributes, argv, envp)
        guard spawned == 0 else {
            failure = spawned
            return nil
        }
        let terminal: Int32? = isatty(0) == 1 ? 0 : nil
        let process = EditorProcess(pid: pid, terminal: terminal)
        process.giveTerminal(to: pid)
        return process
    }

    /// Makes `group` the terminal's foreground process group (SIGTTOU ignored meanwhile: the console may
    /// be in the background when it takes the terminal back).
    func giveTerminal(to group: pid_t) {
        guard let terminal else { return }
        let previous = signal(SIGTTOU, SIG_IGN)
        _ = tcsetpgrp(terminal, group)
        signal(SIGTTOU, previous)
    }

    /// Waits for the editor, polling `signals` every 20 ms: SIGTERM and SIGHUP are forwarded to the
    /// editor's group at once, and a group still running `graceSeconds` later is killed. A stop (the
    /// editor read the terminal before it was its own) is answered by handing it the terminal and SIGCONT.
    func wait(signals: () -> [Int32]) -> Ending {
        var status: Int32 = 0
        var received: [Int32] = []
        var forwardedAt: Date?
        while true {
            let result = waitpid(pid, &status, WNOHANG | WUNTRACED)
            if result == pid {
                if status & 0xff == 0x7f {
                    giveTerminal(to: pid)
                    killpg(pid, SIGCONT)
                    continue
                }
                break
            }
            if result == -1 && errno != EINTR { break }
            for sig in signals() {
                received.append(sig)
                if (sig == SIGTERM || sig == SIGHUP) && forwardedAt == nil {
                    killpg(pid, sig)
                    killpg(pid, SIGCONT)
                    forwardedAt = Date()
                }
            }
            if let forwardedAt, Date().timeIntervalSince(forwardedAt) > Self.graceSeconds {
                killpg(pid, SIGKILL)
            }
            usleep(20_000)
        }
        // Anything the editor started and left behind in its group goes with it.
        if forwardedAt != nil { killpg(pid, SIGKILL) }
        giveTerminal(to: getpgrp())
        return Ending(status: status, signals: received)
    }
}
