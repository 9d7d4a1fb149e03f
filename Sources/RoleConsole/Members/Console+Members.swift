import PrivXAPI
import TerminalUI

/// The members screen: opening it on a role and taking its pages as they arrive.
extension Console {
    static func openMembers(_ state: inout AppState) -> [Effect] {
        guard let row = state.roles.selected else { return [] }
        state.members = MembersState(roleID: row.id, roleName: row.role.name)
        state.members?.loadingPage = true
        state.members?.list.loading = true
        state.stack = [.roles, .members]
        state.focus = .table
        return [.loadMembers(roleID: row.id, roleName: row.role.name, offset: 0)]
    }
}
