import TerminalUI

/// The keys of this run's change history: `u` on every list screen, and the `:history` screen's own.
enum HistoryKeys {
    static let all: [ConsoleAction] = [
        ActionRegistry.action(.undo, "Undo the newest change of this run still open (role save, mapping, grants, create, delete; asks first, :history lists them)",
               [.character("u")], label: "u", screens: [.roles, .awsRoles, .members, .users, .history], mutating: true, confirmation: .confirm,
               permission: "roles-manage (role edit, create, delete), role-target-resources-manage (mapping), users-manage or roles-manage (grant)",
               group: "Roles", hint: "undo") { state, _ in
            HistoryUndo.offer(&state)
            return []
        },
        ActionRegistry.action(.historyDetail, "Show the selected change whole (what it did, whether and how u reverts it)", [.enter], label: "Enter",
               screens: [.history], group: "Lists", hint: "detail") { state, _ in
            guard let record = HistoryView.record(at: state.historyScreen.table.selected, state) else { return [] }
            state.modal = .message(title: "Change #\(record.number)", text: sanitize(HistoryView.detail(record, state), keepNewlines: true), isError: false)
            return []
        },
    ]
}
