import Foundation
import Testing

/// Random keys and resizes into the real console through ncurses in tmux: the process survives and the
/// terminal is restored at the end. Deterministic key choice (seed printed, `PRIVX_MONKEY_SEED` replays);
/// `PRIVX_TMUX_MONKEY_KEYS` sets the count (500 by default, 5 000 in `make soak`). Part of the serialized
/// console suite, so it never runs beside a test whose in-process simulator needs the threads.
extension ConsoleEndToEndTests {
    /// tmux key names: everything the console binds plus other keys; never q, ctrl-c/z/s/q/\ or `:`
    /// (those end or freeze the run on purpose and are tested on their own).
    static let monkeyKeys: [String] = ["Up", "Down", "Left", "Right", "PageUp", "PageDown", "Home", "End", "Tab", "BTab", "Enter",
                                 "Escape", "BSpace", "DC", "IC", "Space"]
        + (1...12).map { "F\($0)" }
        + "abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/!?-_.*".map { String($0) }
        + ["C-r", "C-a", "C-e", "C-u", "C-w", "C-k", "C-l", "M-x", "M-b"]

    @Test func randomKeysAndResizesThroughNcurses() throws {
        let seed = ProcessInfo.processInfo.environment["PRIVX_MONKEY_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64(UInt32.max))
        let total = ProcessInfo.processInfo.environment["PRIVX_TMUX_MONKEY_KEYS"].flatMap { Int($0) } ?? 500
        print("tmux monkey seed: \(seed) (replay with PRIVX_MONKEY_SEED=\(seed) PRIVX_TMUX_MONKEY_KEYS=\(total))")
        var rng = SeededGenerator(state: seed)
        let shell = try ConsoleShell()
        defer { shell.removeState() }
        try shell.launch("--demo")
        try shell.tmux.waitFor("Roles (60 of 60)", timeout: 60)
        let pid = try shell.appPID()
        var sent = 0
        while sent < total {
            if Int.random(in: 0..<25, using: &rng) == 0 {
                let tiny = Bool.random(using: &rng)
                try shell.tmux.resize(width: tiny ? Int.random(in: 10...49, using: &rng) : Int.random(in: 50...200, using: &rng),
                                      height: tiny ? Int.random(in: 3...11, using: &rng) : Int.random(in: 12...60, using: &rng))
            }
            let batch = min(total - sent, Int.random(in: 1...8, using: &rng))
            try shell.tmux.send(contentsOf: (0..<batch).map { _ in Self.monkeyKeys.randomElement(using: &rng)! })
            sent += batch
            usleep(15_000)
            guard kill(pid, 0) == 0 else { break }
        }
        try shell.tmux.resize(width: 120, height: 32)
        // Proof that every key was read and the console still answers: close whatever is open, then open help.
        var answered = false
        for _ in 0..<3 where !answered && kill(pid, 0) == 0 {
            for _ in 0..<6 {
                try shell.tmux.send("Escape")
                usleep(150_000)
            }
            try shell.tmux.send("1")
            usleep(150_000)
            try shell.tmux.send("?")
            answered = (try? shell.tmux.waitFor("Keys on Roles", timeout: 10)) != nil
        }
        let screen = (try? shell.tmux.capture()) ?? ""
        let alive = answered && kill(pid, 0) == 0 && !screen.contains("EXIT-")
        print("keys survived: \(alive ? sent : 0) of \(total) through ncurses in tmux (seed \(seed))")
        #expect(alive, "the console died; replay with PRIVX_MONKEY_SEED=\(seed). Last screen:\n\(screen)\nlog:\n\(shell.log.suffix(1500))")
        kill(pid, SIGTERM)
        let status = try shell.exitStatus(timeout: 30)
        #expect(status == 143, "exit \(status) after SIGTERM (seed \(seed)); last screen:\n\(screen)\nlog:\n\(shell.log.suffix(1500))")
        try shell.expectRestored()
    }
}

/// SplitMix64, so a seed replays the same keys.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension TmuxSession {
    /// Sends many named keys in one tmux call.
    func send(contentsOf keys: [String]) throws { try run(["send-keys", "-t", target] + keys) }
}
