import PrivXAPI
import TerminalUI

extension Console {
    /// A page of members.
    static func membersResult(_ state: inout AppState, _ message: Message) {
        switch message {
        case .membersLoaded(let roleID, let offset, let page):
            guard var members = state.members, members.roleID == roleID else { return }
            if offset == 0 { members.users = [] }
            members.users += page.items
            members.total = page.count
            members.loadingPage = false
            members.list.loading = false
            members.list.loaded = true
            members.list.refreshedAt = state.now
            let names = state.sourceNames
            members.list.catalog.replace(members.users.map { MemberRow(user: $0, sourceName: $0.source.flatMap { names[$0] }) })
            state.members = members
            reselectAll(&state)
        default:
            break
        }
    }
}
