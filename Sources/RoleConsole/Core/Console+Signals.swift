import Foundation
import PrivXAPI
import TerminalUI

/// The console's lifecycle: signals, quitting, the exit status and what an ending leaves behind.
extension Console {
    /// A termination signal taken over by the run loop. SIGTERM and SIGHUP end the console at once (an
    /// unsaved form goes to a recovery file on the way out); Ctrl-C asks first when the form has unsaved
    /// edits or a write is in flight, and a second Ctrl-C while asking quits.
    static func handleSignal(_ state: inout AppState, _ sig: Int32) -> [Effect] {
        guard sig == SIGINT else {
            state.exitSignal = sig
            state.shouldQuit = true
            return []
        }
        if case .confirm(let pending, _)? = state.modal {
            switch pending {
            case .interrupt, .quit:
                state.exitSignal = SIGINT
                state.shouldQuit = true
                return []
            default: break
            }
        }
        if let editor = state.editor, !editor.changes.isEmpty {
            let name = editor.base.id.isEmpty ? editor.draft.name : editor.base.name
            state.modal = .confirm(.interrupt(roleName: name), QuestionFocus())
            return []
        }
        if state.operations.writes > 0 {
            state.modal = .confirm(.quit, QuestionFocus())
            return []
        }
        state.exitSignal = SIGINT
        state.shouldQuit = true
        return []
    }

    /// The exit status for a run that ended this way: 0, or 128 + the signal (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).
    public static func exitStatus(_ state: AppState) -> Int32 {
        state.exitSignal.map { 128 + $0 } ?? 0
    }

    /// The form to write to a recovery file when the console ends now: an open form with unsaved edits.
    public static func unsavedForm(_ state: AppState) -> RoleEditor? {
        guard let editor = state.editor, !editor.changes.isEmpty else { return nil }
        return editor
    }

    /// A recovery file from an earlier run: the offer opens (unless a form, a dialog or another offer is open).
    static func offerRecovery(_ state: inout AppState, _ draft: RecoveryDraft) -> [Effect] {
        guard state.editor == nil, state.modal == nil, state.recovery == nil else { return [] }
        state.recovery = RecoveryOffer(draft: draft)
        return []
    }

    /// What a person needs to know when a write got no clear answer: it may have been applied. Only a
    /// write request itself can be in that state (not the re-read before it, nor the token call).
    static func ambiguousWriteNote(_ error: PrivXError) -> String {
        if case .timeout(let method, let path, _) = error, PrivXError.changesData(method: method, path: path) {
            return " The change may or may not have been applied: reload (ctrl-r) and check before trying again."
        }
        return ""
    }

    /// y on the quit question or the Ctrl-C question.
    static func confirmedEnding(_ state: inout AppState, _ pending: PendingConfirmation) -> [Effect] {
        switch pending {
        case .quit:
            state.shouldQuit = true
        case .interrupt:
            state.exitSignal = SIGINT
            state.shouldQuit = true
        default:
            break
        }
        return []
    }
}
