import Foundation
import PrivXAPI
import RoleEditing
import TerminalUI

/// The console's pure core: `update` turns a message into a new state plus effects (bubbletea style).
public enum Console {
    /// What to load when the console opens. The AWS roles follow once the caller is known (`/users/current`, one
    /// short request): a caller whose roles do not grant listing them is told so on their screen up front, not by
    /// a 403 (issue 17); when the server does not say who the caller is, they load as before.
    public static let initialEffects: [Effect] = [.loadRoles, .loadSources, .loadIdentity]

    /// Marks the initial loads as running; call once with `initialEffects`.
    public static func start(_ state: inout AppState) -> [Effect] {
        state.roles.list.loading = true
        state.awsRoles.list.loading = true
        return initialEffects
    }

    /// Applies one message; returns the network work to start (with any name look-up the detail pane now needs).
    public static func update(_ state: inout AppState, _ message: Message) -> [Effect] {
        let place = state.messagePlace
        let newest = state.toasts.newestID
        let effects = apply(&state, message)
        // Messages belong to the screen they were posted on: leaving it clears them (not those just posted).
        if state.messagePlace != place { state.toasts.clear(through: newest) }
        state.followDetailSubject()
        guard state.screen == .roles else { return effects }
        // The conflict dialog says who changed the role meanwhile.
        var conflictAuthor: String?
        if case .conflict(_, let current)? = state.editor?.stage { conflictAuthor = current.updatedBy }
        return effects + state.roles.nameLookups(also: conflictAuthor)
    }

    static func apply(_ state: inout AppState, _ message: Message) -> [Effect] {
        switch message {
        case .key(let key):
            return handleKey(&state, key)
        case .resized(let size):
            state.size = size
            reselectAll(&state)
            return []
        case .tick(let now):
            state.now = now
            _ = state.toasts.expire(now: now)
            state.roles.settleHold(now: now)
            state.awsRoles.settleHold(now: now)
            if state.roles.list.loading || state.awsRoles.list.loading || state.operations.spins {
                state.tick += 1
            }
            return componentTicks(&state)
        case .signal(let sig):
            // A signal at the password dialog first answers it as Esc, so any question it raises is not hidden below.
            let declined = state.login != nil ? declinePassword(&state, .escape) : []
            return declined + handleSignal(&state, sig)
        case .recoveryFound(let draft):
            return offerRecovery(&state, draft)
        case .userResolved:
            return state.route(message, to: \.roles)
        case .finished(let id, let result):
            state.operations.end(id)
            if let number = state.history.inFlight.removeValue(forKey: id) { return HistoryUndo.answered(&state, number, result) }
            return apply(&state, result)
        case .apiCall(let record):
            state.apiLog.append(record)
            if state.apiLog.count > AppState.logLimit { state.apiLog.removeFirst(state.apiLog.count - AppState.logLimit) }
            return []
        default:
            return handleResult(&state, message)
        }
    }

    // MARK: Keys

    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if isTooSmall(state) { return tooSmallKey(&state, key) }
        let held = (roles: state.roles.hold?.moves, awsRoles: state.awsRoles.hold?.moves)
        let effects = dispatchKey(&state, key)
        // Any key but another table move lets the detail pane catch up at once.
        state.roles.release(unlessMovedSince: held.roles)
        state.awsRoles.release(unlessMovedSince: held.awsRoles)
        return effects
    }

    static func dispatchKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        KeyDispatcher.dispatch(&state, key)
    }

    /// Runs a screen action as if its key was pressed (the command line's `:evaluate`, `:quit`): through
    /// the dispatcher's refusals like any key.
    static func perform(_ state: inout AppState, _ action: ConsoleAction, key: Key) -> [Effect] {
        KeyDispatcher.run(action, &state, key)
    }
}
