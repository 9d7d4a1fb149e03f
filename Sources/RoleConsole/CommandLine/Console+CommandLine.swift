import Foundation
import TerminalUI

/// The `:` command line: what `:name` does and what Tab completes.
extension Console {
    /// Commands and role names that complete `text`.
    public static func completions(_ state: AppState, _ text: String) -> [String] {
        let commands = ["roles", "awsroles", "users", "log", "errors", "evaluate", "help", "quit"]
        let lower = text.lowercased()
        var out = commands.filter { $0.hasPrefix(lower) }
        if !text.isEmpty {
            for row in state.roles.catalog.rows where row.role.name.lowercased().hasPrefix(lower) {
                out.append(row.role.name)
                if out.count >= 12 { break }
            }
        }
        return out
    }

    static func runCommand(_ state: inout AppState, _ text: String) -> [Effect] {
        let command = text.trimmingCharacters(in: .whitespaces)
        switch command.lowercased() {
        case "": return []
        case "roles", "role", "r": show(&state, .roles)
        case "awsroles", "aws", "awsrole": show(&state, .awsRoles)
        case "users", "user", "u": return perform(&state, ActionRegistry.action(.showUsers), key: .character("3"))
        case "log": show(&state, .log)
        case "errors", "error", "err": show(&state, .errors)
        case "help", "h": state.modal = .help(offset: 0)
        case "evaluate", "eval":
            show(&state, .roles)
            return perform(&state, ActionRegistry.action(.evaluateRole), key: .character("v"))
        case "quit", "q", "q!": return perform(&state, ActionRegistry.action(.quit), key: .character("q"))
        default:
            guard let row = state.roles.catalog.rows.first(where: { $0.role.name == command })
                    ?? state.roles.catalog.rows.first(where: { $0.role.name.lowercased() == command.lowercased() }) else {
                state.toasts.post(.warning, "Unknown command or role \u{201C}\(command)\u{201D}. Try :roles, :awsroles, :users, :log, :errors, :help, :quit or a role name (Tab completes).", now: state.now, seconds: 6)
                return []
            }
            show(&state, .roles)
            if state.roles.catalog.position(of: row.id) == nil { _ = setFilter(&state, "", onlyIfActive: false) }
            if let position = state.roles.catalog.position(of: row.id) {
                let catalog = state.roles.catalog
                state.roles.table.select(position, rowCount: catalog.view.count, identity: { catalog.id(at: $0) })
            }
        }
        return []
    }
}
