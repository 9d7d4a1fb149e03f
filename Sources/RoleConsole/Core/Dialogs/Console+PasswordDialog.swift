import PrivXAPI
import TerminalUI

/// The password dialog's handlers (`ModalKeys.table` at `.password`) and what opens it.
extension Console {
    /// The client asks for the password: the dialog opens over everything, whatever else is open stays.
    static func passwordNeeded(_ state: inout AppState, _ request: PasswordRequest) {
        state.login?.secret.wipe()
        state.login = PasswordDialog(request: request)
    }

    /// Enter: hands the password to the waiting login; the dialog closes and what waited carries on.
    @Sendable static func submitPassword(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let dialog = state.login else { return [] }
        guard !dialog.secret.isEmpty else {
            state.login?.note = "Type your password first; Esc stays logged out."
            return []
        }
        state.login = nil
        state.session.loggedOut = false
        state.toasts.post(.info, "Logging in as \(sanitize(dialog.request.user))…", now: state.now, seconds: 3)
        return [.answerPassword(dialog.secret)]
    }

    /// Esc: no login. What waited fails with a message saying so; every edit stays, and the next action that
    /// reaches PrivX asks for the password again.
    @Sendable static func declinePassword(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let dialog = state.login else { return [] }
        dialog.secret.wipe()
        state.login = nil
        state.session.loggedOut = true
        state.toasts.post(.warning, "Not logged in: what needed PrivX stopped, your edits are kept. "
            + "Repeat the action (F2 saves, ctrl-r reloads) to log in again.", now: state.now, seconds: 10)
        return [.answerPassword(nil)]
    }

    /// Typed text of the password dialog: printable characters, Backspace, ctrl-u to clear. Nothing is echoed.
    static func passwordKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let dialog = state.login else { return [] }
        switch key {
        case .character(let character) where !character.isNewline:
            dialog.secret.append(character)
            state.login?.note = nil
        case .backspace:
            dialog.secret.removeLast()
        case .ctrl("u"):
            dialog.secret.wipe()
        default:
            break
        }
        return []
    }
}
