import Foundation
import TerminalUI

/// The offer of an unsaved form from an earlier run, as a component: it owns the recovery file found at
/// start and the question's buttons. `r` (or y) restores the edits into the form, `d` deletes the file,
/// n/Esc keeps it for the next start. The core opens it on `recoveryFound` and drops it once answered.
public struct RecoveryOffer: ConsoleComponent {
    /// The recovery file found at start.
    public var draft: RecoveryDraft
    /// The question's focused button.
    public var dialog = ConfirmDialogState()

    /// An offer of `draft`.
    public init(draft: RecoveryDraft) { self.draft = draft }

    /// What an answer asks of the composition: open the form with the recovered edits, or just close.
    enum Answer {
        case restore(RoleEditor)
        case close
    }

    /// A key of the question (y, n, Esc, Tab, Enter on the focused button): the answer, or nil while it is still open.
    mutating func answer(_ key: Key, _ context: inout ConsoleContext) -> (Answer, [Effect])? {
        switch dialog.apply(key) {
        case .confirmed?: return restore(&context)
        case .cancelled?:
            context.post(.info, "The recovered edit of \(draft.subject) stays on disk; it is offered again at the next start (d discards it).", seconds: 8)
            return (.close, [])
        case nil: return nil
        }
    }

    /// `r`: the form opens with the recovered edits; F2 shows the diff and saving checks `updated` against
    /// the role the edits were based on, as for any edit.
    func restore(_ context: inout ConsoleContext) -> (Answer, [Effect]) {
        context.post(.info, "Restored the unsaved edit of \(draft.subject). Review it and press F2 to save.", seconds: 8)
        return (.restore(draft.editor), [.forgetRecovery(file: draft.file)])
    }

    /// `d`: the file is deleted.
    func discard(_ context: inout ConsoleContext) -> [Effect] {
        context.post(.info, "Discarded the recovered edit of \(draft.subject).")
        return [.forgetRecovery(file: draft.file)]
    }

    /// The offer takes no result messages.
    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect] { [] }

    /// The question as drawn.
    var question: ConfirmDialog {
        ConfirmDialog(title: "Unsaved edit found", message: message, confirmLabel: "r Restore", cancelLabel: "Later")
    }

    /// "Recovered an unsaved edit of role X from 2026-11-23 08:41 UTC".
    var message: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        let when = formatter.string(from: Date(timeIntervalSince1970: draft.savedAt))
        return "Recovered an unsaved edit of \(draft.subject) from \(when) (the console was stopped before it was saved).\n\n"
            + "r restore: open the form with those edits (F2 shows the change; a change made on the server since is caught)\n"
            + "d discard: delete the recovery file"
    }
}
