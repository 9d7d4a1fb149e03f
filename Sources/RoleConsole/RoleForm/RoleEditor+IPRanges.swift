import RoleEditing
import TerminalUI

/// The IP ranges field's checks as typed: the list as it would be after Enter (the line being typed
/// included), every finding at once (`IPRangeCheck`), and `n` writing host-bits ranges as the network
/// they mean.
extension RoleEditor {
    /// The ranges as they would be if the line being typed were kept now.
    var rangesAsTyped: [String] {
        guard let list = lists[.ipMasks] else { return draft.context.ipMasks }
        var items = list.items
        // An empty line being typed is dropped on Enter (`ListEditorState`), so it is no problem yet.
        if let typed = list.editing?.text, !typed.trimmingCharacters(in: .whitespaces).isEmpty {
            if list.addingNew { items.insert(typed, at: min(list.cursor, items.count)) }
            else if list.cursor < items.count { items[list.cursor] = typed }
        }
        return items
    }

    /// What the panel says under the ranges: every error and warning, in line order.
    var rangeFindings: [IPRangeCheck.Finding] { IPRangeCheck.findings(rangesAsTyped) }

    /// `n` on the IP ranges: each range with host bits set becomes the network it means; says which changed.
    mutating func normalizeRanges(_ context: inout ConsoleContext) {
        guard let items = lists[.ipMasks]?.items, let normalized = IPRangeCheck.normalized(items) else {
            context.post(.info, "No IP range has host bits set: nothing to normalize.")
            return
        }
        let changed = zip(items, normalized).filter { $0 != $1 }.map { "\($0) → \($1)" }
        lists[.ipMasks]?.items = normalized
        syncDraft()
        discardArmed = false
        serverProblems[RoleFormField.ID.ipMasks.problemKey] = nil
        context.post(.success, "Normalized \(changed.joined(separator: ", ")); F2 saves.", seconds: 6)
    }
}
