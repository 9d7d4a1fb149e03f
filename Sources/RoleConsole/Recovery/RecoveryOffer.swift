import Foundation
import TerminalUI

/// The offer of an unsaved form from an earlier run, as a component: it owns the recovery file found at
/// start and the question's buttons. `r` restores the edits into the form, `d` deletes the file,
/// Esc keeps it for the next start. The core opens it on `recoveryFound` and drops it once answered.
public struct RecoveryOffer: ConsoleComponent {
    /// The recovery file found at start.
    public var draft: RecoveryDraft
    /// The question's focused button.
    public var dialog = QuestionFocus()

    /// An offer of `draft`.
    public init(draft: RecoveryDraft) { self.draft = draft }

    /// What an answer asks of the composition: open the form with the recovered edits, or just close.
    enum Outcome {
        case restore(RoleEditor)
        case close
    }

    /// The answer to the offer: r restores, d discards, Esc leaves the file for the next start.
    mutating func answer(_ answer: Answer, _ context: inout ConsoleContext) -> (Outcome, [Effect]) {
        switch answer {
        case .restore: return restore(&context)
        case .discard: return (.close, discard(&context))
        default:
            context.post(.info, "The recovered edit of \(draft.subject) stays on disk; it is offered again at the next start (d discards it).", seconds: 8)
            return (.close, [])
        }
    }

    /// `r`: the form opens with the recovered edits; F2 shows the diff and saving checks `updated` against
    /// the role the edits were based on, as for any edit.
    func restore(_ context: inout ConsoleContext) -> (Outcome, [Effect]) {
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
    var question: Question {
        Question(.recovery, title: "Unsaved edit found", text: message,
                 choices: [Choice("r", "Restore", "restore: open the form with those edits (F2 shows the change; a change made on the server since is caught)",
                                  answer: .restore),
                           Choice("d", "Discard", "discard: delete the recovery file", answer: .discard, dangerous: true),
                           Choice(key: .escape, "Later", "later: keep the file for the next start", answer: .later)])
    }

    /// "Recovered an unsaved edit of role X from 2026-11-23 08:41 UTC".
    var message: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        let when = formatter.string(from: Date(timeIntervalSince1970: draft.savedAt))
        return "Recovered an unsaved edit of \(draft.subject) from \(when) (the console was stopped before it was saved)."
    }
}
