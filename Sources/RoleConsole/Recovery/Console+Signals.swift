import Foundation
import PrivXAPI
import TerminalUI

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
            state.modal = .confirm(.interrupt(roleName: name), ConfirmDialogState())
            return []
        }
        if state.operations.writes > 0 {
            state.modal = .confirm(.quit, ConfirmDialogState())
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

    /// A recovery file from an earlier run: offer it (unless a form is already open).
    static func offerRecovery(_ state: inout AppState, _ draft: RecoveryDraft) -> [Effect] {
        guard state.editor == nil, state.modal == nil else { return [] }
        state.modal = .confirm(.restoreDraft(draft), ConfirmDialogState())
        return []
    }

    /// `r` on the recovery offer: the form opens with the recovered edits; F2 shows the diff and saving
    /// checks `updated` against the role the edits were based on, as for any edit.
    static func restoreDraft(_ state: inout AppState, _ draft: RecoveryDraft) -> [Effect] {
        state.editor = draft.editor
        state.toasts.post(.info, "Restored the unsaved edit of \(draft.subject). Review it and press F2 to save.", now: state.now, seconds: 8)
        return [.forgetRecovery(file: draft.file)]
    }

    /// "Recovered an unsaved edit of role X from 2026-11-23 08:41 UTC".
    static func recoveryMessage(_ draft: RecoveryDraft) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        let when = formatter.string(from: Date(timeIntervalSince1970: draft.savedAt))
        return "Recovered an unsaved edit of \(draft.subject) from \(when) (the console was stopped before it was saved).\n\n"
            + "r restore: open the form with those edits (F2 shows the change; a change made on the server since is caught)\n"
            + "d discard: delete the recovery file"
    }

    /// What a person needs to know when a write got no clear answer: it may have been applied. Only a
    /// write request itself can be in that state (not the re-read before it, nor the token call).
    static func ambiguousWriteNote(_ error: PrivXError) -> String {
        if case .timeout(let method, let path, _) = error, PrivXError.changesData(method: method, path: path) {
            return " The change may or may not have been applied: reload (ctrl-r) and check before trying again."
        }
        return ""
    }

    /// y on the quit question, the Ctrl-C question or the recovery offer.
    static func confirmedEnding(_ state: inout AppState, _ pending: PendingConfirmation) -> [Effect] {
        switch pending {
        case .quit:
            state.shouldQuit = true
        case .interrupt:
            state.exitSignal = SIGINT
            state.shouldQuit = true
        case .restoreDraft(let draft):
            return restoreDraft(&state, draft)
        default:
            break
        }
        return []
    }

    /// `r` on the recovery offer: the form opens with the recovered edits.
    @Sendable static func restoreOffered(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .confirm(.restoreDraft(let draft), _)? = state.modal else { return [] }
        state.modal = nil
        return restoreDraft(&state, draft)
    }

    /// `d` on the recovery offer: the file is deleted.
    @Sendable static func discardOffered(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard case .confirm(.restoreDraft(let draft), _)? = state.modal else { return [] }
        state.modal = nil
        state.toasts.post(.info, "Discarded the recovered edit of \(draft.subject).", now: state.now)
        return [.forgetRecovery(file: draft.file)]
    }
}
