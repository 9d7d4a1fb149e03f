import Foundation
import PrivXAPI
@testable import RoleConsole
import RoleStoreSimulator
import TerminalUI
import Testing

/// Random keys and resizes into the whole console (update, render on a `MemoryTerminal`, effects
/// executed for real against a simulator), with the invariants checked after every step. Deterministic:
/// the seed is printed and `PRIVX_MONKEY_SEED` replays it; `PRIVX_MONKEY_KEYS` sets the count
/// (5 000 by default, 100 000 in `make soak`).
@Suite(.serialized) struct MonkeyTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Every key the console binds plus random printable, control, function and navigation keys.
    static let boundKeys: [Key] = Array(Set(ActionRegistry.all.flatMap(\.keys)).sorted { $0.name < $1.name })
    static let otherKeys: [Key] = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .tab, .backTab, .enter, .escape,
                                   .backspace, .delete, .insert, .character(" "), .character("y"), .character("n"), .character("r"),
                                   .character("o"), .character("c"), .character("w"), .character("a")]
        + (1...12).map { Key.function($0) }
    static let printable = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.:/!?*()[]{}<>=\"'é界🙂\u{301}")

    func randomKey(_ rng: inout Generator) -> Key {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<45: return Self.boundKeys.randomElement(using: &rng)!
        case 45..<70: return Self.otherKeys.randomElement(using: &rng)!
        case 70..<93: return .character(Self.printable.randomElement(using: &rng)!)
        case 93..<98: return .ctrl(Character(UnicodeScalar(UInt8.random(in: 97...122, using: &rng))))
        default: return .alt(Character(UnicodeScalar(UInt8.random(in: 97...122, using: &rng))))
        }
    }

    func randomSize(_ rng: inout Generator) -> Size {
        if Bool.random(using: &rng) {
            return Size(width: Int.random(in: 1...49, using: &rng), height: Int.random(in: 1...14, using: &rng))
        }
        return Size(width: Int.random(in: 50...220, using: &rng), height: Int.random(in: 12...70, using: &rng))
    }

    /// True when the state is waiting on a question whose yes sends a write.
    static func askingToWrite(_ state: AppState) -> Bool {
        switch state.modal {
        case .confirm(let pending, _)?, .typedConfirm(let pending, _)?:
            switch pending {
            case .quit, .interrupt: return false
            default: return true
            }
        default: break
        }
        // The add-members dialog's review is its confirmation: y there grants.
        if state.modal == nil, state.screen == .members, state.members?.adding?.stage == .review { return true }
        if state.modal == nil, case .confirm? = state.principalKeys?.mode { return true }
        if state.modal == nil, state.inspector == nil, let editor = state.editor {
            switch editor.stage {
            case .confirming, .conflict: return true
            default: return false
            }
        }
        return false
    }

    /// The most writes an effect may send (a grant plan writes each AWS role once, a role grant each user's list once).
    static func writeBudget(_ effect: Effect) -> Int {
        switch effect.work {
        case .applyMapping, .saveRole, .deleteRole, .deleteAWSRole: 1
        case .applyGrants(let plan): plan.targets.count
        case .members(.grant(_, let users, _)): users.count
        case .members(.revoke): 1
        case .members(.restore(_, let users)): users.count
        case .principalKeys(.generate), .principalKeys(.importKey), .principalKeys(.delete): 1
        default: 0
        }
    }

    @MainActor func checkInvariants(_ state: AppState, _ terminal: MemoryTerminal, step: Int, seed: UInt64) -> String? {
        func bounds<Row>(_ pane: ListPane<Row>, _ name: String) -> String? {
            let count = pane.catalog.view.count
            if pane.table.selected < 0 || (count > 0 && pane.table.selected >= count) || (count == 0 && pane.table.selected != 0) {
                return "\(name) selection \(pane.table.selected) outside 0..<\(count)"
            }
            return nil
        }
        if let problem = bounds(state.roles.list, "roles") ?? bounds(state.awsRoles.list, "AWS roles") { return problem }
        if let members = state.members, let problem = bounds(members.list, "members") { return problem }
        if terminal.screen.size != terminal.size || state.size != terminal.size {
            return "frame \(terminal.screen.size) on a terminal of \(terminal.size) (state \(state.size))"
        }
        if let cursor = terminal.cursor, cursor.visible,
           cursor.x < 0 || cursor.y < 0 || cursor.x >= terminal.size.width || cursor.y >= terminal.size.height {
            return "cursor \(cursor.x),\(cursor.y) outside \(terminal.size)"
        }
        let lines = terminal.screen.textLines()
        if lines.count != terminal.size.height || lines.contains(where: { TextWidth.of($0) > terminal.size.width }) {
            return "text drawn outside the \(terminal.size) screen"
        }
        // A question is on top: its title is on screen, nothing is stacked over it.
        if terminal.size.width >= 60, terminal.size.height >= 16, case .confirm(let pending, _)? = state.modal {
            // A title wider than the box is cut with "…" (the text names the role whole): its start must show.
            let title = String(sanitize(ModalViews.question(pending).title).prefix(24))
            if !lines.joined(separator: "\n").contains(title) {
                return "the dialog \u{201C}\(title)\u{201D} is not on top; screen:\n" + lines.joined(separator: "\n")
            }
        }
        return nil
    }

    static func environmentInt(_ name: String) -> UInt64? {
        ProcessInfo.processInfo.environment[name].flatMap { UInt64($0) }
    }

    @MainActor @Test func randomKeysAndResizesKeepEveryInvariant() async throws {
        let seed = Self.environmentInt("PRIVX_MONKEY_SEED") ?? UInt64.random(in: 1...UInt64(UInt32.max))
        let total = Int(Self.environmentInt("PRIVX_MONKEY_KEYS") ?? 5000)
        print("monkey seed: \(seed) (replay with PRIVX_MONKEY_SEED=\(seed) PRIVX_MONKEY_KEYS=\(total))")
        let rig = try await FaultRig.start()
        do {
            var rng = Generator(state: seed)
            let terminal = MemoryTerminal(size: Size(width: 100, height: 30))
            let inbox = Inbox()
            let runner = EffectRunner(api: rig.client, inbox: inbox)
            var state = AppState(settings: ConsoleSettings(endpoint: "127.0.0.1", identity: "monkey", readOnly: false), size: terminal.size)
            var writeBudget = 0
            var confirmedWrites = 0
            var quits = 0
            var failure: String?

            func settle(_ effects: [Effect]) async {
                var queue = effects
                while !queue.isEmpty {
                    let effect = queue.removeFirst()
                    await runner.perform(effect)
                    for message in inbox.drain() { queue += Console.update(&state, message) }
                }
            }
            await settle(Console.start(&state))

            var survived = 0
            for step in 1...total {
                if Int.random(in: 0..<100, using: &rng) == 0 {
                    terminal.resize(to: randomSize(&rng))
                    _ = terminal.readKey(timeoutMilliseconds: 0)
                    await settle(Console.update(&state, .resized(terminal.size)))
                } else {
                    let asking = Self.askingToWrite(state)
                    // Accept a question now and then, so writes (and their confirmations) are exercised too.
                    var key = asking && Int.random(in: 0..<4, using: &rng) == 0 ? Key.character("y") : randomKey(&rng)
                    // Steer toward the questions now and then: toggle and apply in a checklist, F2 in the form.
                    if state.checklist != nil, Int.random(in: 0..<8, using: &rng) == 0 {
                        key = Bool.random(using: &rng) ? .character(" ") : .enter
                    } else if state.modal == nil, state.editor?.stage == .editing, Int.random(in: 0..<15, using: &rng) == 0 {
                        key = .function(2)
                    }
                    let effects = Console.update(&state, .key(key))
                    let writes = effects.map(Self.writeBudget).reduce(0, +)
                    if writes > 0 {
                        if !asking {
                            failure = "step \(step): \(key.name) sent a write without a confirmation: \(effects)"
                            break
                        }
                        confirmedWrites += 1
                        writeBudget += writes
                    }
                    await settle(effects)
                }
                if state.shouldQuit {
                    quits += 1
                    state.shouldQuit = false
                    state.exitSignal = nil
                }
                if step % 50 == 0 { await settle(Console.update(&state, .tick(Date().timeIntervalSince1970))) }
                let (buffer, cursor) = ConsoleView.render(state, glyphs: terminal.glyphs)
                terminal.draw(buffer, cursor: cursor)
                if let problem = checkInvariants(state, terminal, step: step, seed: seed) {
                    failure = "step \(step): \(problem)"
                    break
                }
                if step % 250 == 0 || step == total {
                    let logged = rig.loggedWrites().count
                    if logged > writeBudget {
                        failure = "step \(step): the simulator logged \(logged) writes, only \(writeBudget) were confirmed"
                        break
                    }
                }
                survived = step
                if step % 10_000 == 0 { print("monkey: \(step) keys, \(confirmedWrites) confirmed writes, \(state.errors.count) errors shown") }
            }
            print("keys survived: \(survived) of \(total) (seed \(seed); \(confirmedWrites) confirmed writes, "
                  + "\(rig.loggedWrites().count) logged by the simulator; \(quits) quits answered; \(state.errors.count) errors shown)")
            #expect(failure == nil, "\(failure ?? "") — replay with PRIVX_MONKEY_SEED=\(seed)")
            #expect(survived == total)
        }
        await rig.stop()
    }
}
