import Foundation
import TerminalUI

/// `:shell`: leaves curses, runs a short interactive command on the real terminal, and comes back,
/// exercising the suspend/resume path the console uses for `$EDITOR`.
///
/// The command is started with `posix_spawn` in the gallery's own process group, so it is the
/// terminal's foreground job and may read from it (Foundation's `Process` uses a new group, whose
/// reads would be stopped by SIGTTIN).
@MainActor
enum SubshellRunner {
    /// Returns an error message for a toast when the shell could not start.
    static func run(terminal: NcursesTerminal) -> String? {
        terminal.suspend()
        defer { terminal.resume() }
        let arguments = ["/bin/sh", "-c", "printf 'Outside the gallery (curses suspended). Press Enter to return. '; read answer"]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], nil, nil, argv, environ)
        guard spawned == 0 else {
            return "Could not start /bin/sh (error \(spawned)); the gallery carries on."
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return nil
    }
}
