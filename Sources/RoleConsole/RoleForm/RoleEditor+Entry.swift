import RoleEditing
import TerminalUI

extension RoleEditor {
    /// The hint beside a field whose text is selected on entry.
    static let selectedOnEntryHint = "Selected on entry: typing replaces it, ←/→ edit it, Ctrl-U clears."

    /// The keyboard just moved to `focus`: a short field (`RoleFormField.ID.selectsOnEntry`) selects its
    /// text, so what is typed replaces it instead of being appended.
    mutating func enteredField() {
        if focus.selectsOnEntry { texts[focus]?.selectAll() }
    }
}

extension RoleEditor {
    /// Tab in an unknown time zone completes it as the command line does, never by silently taking the
    /// first match: one match is taken whole; several are completed to their common prefix (`Eur` →
    /// `Europe/`) and stay listed in the panel, and Tab stays in the field. When Tab cannot add anything,
    /// it says how many zones match and moves on (the field keeps what was typed, and its problem says so).
    /// Returns nil when Tab moves on, with the notice to show if any.
    mutating func completeTimeZone() -> (stays: Bool, notice: String?) {
        let typed = text(.timeZone).text
        guard !ContextDraft.isKnownTimeZone(typed) else { return (false, nil) }
        let choices = ContextDraft.timeZoneCompletions(typed)
        guard !choices.isEmpty else { return (false, "No time zone matches \u{201C}\(typed)\u{201D}: type a region such as Europe/ and Tab lists its zones.") }
        let prefix = CommandLineState.commonPrefix(choices)
        if let completed = choices.count == 1 ? choices[0] : prefix.count > typed.count ? prefix : nil {
            texts[.timeZone]?.set(completed)
            syncDraft()
            return (true, nil)
        }
        let more = choices.count == 20 ? "20 or more zones" : "\(choices.count) zones"
        return (false, "\(more) match \u{201C}\(typed)\u{201D}; none was taken. Back in Time zone, type more of the name and Tab completes it.")
    }
}

extension RoleEditor {
    /// What `q` does in a form, said when it lands on a field that takes no text (a checkbox, the weekdays,
    /// a list not being edited): the form never quits on a letter.
    static let qInForm = "q is only typed in text fields here; Esc closes the form (asking first when edits are unsaved), F2 saves, and q quits from the roles screen."

    /// True when `key` is a `q` the focused field would drop silently.
    func dropsQ(_ key: Key) -> Bool {
        guard key == .character("q") else { return false }
        switch focus.field.value {
        case .flag, .days: return true
        case .list: return lists[focus]?.editing == nil
        default: return false
        }
    }
}
