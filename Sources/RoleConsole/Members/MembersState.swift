import PrivXAPI
import TerminalUI

/// The members screen as a component: the paged members list of one role. It owns its pages and its
/// list, starts its own loads, and takes its own results in `update` (the core routes
/// `membersLoaded` and a failed `loadMembers` here).
public struct MembersState: ConsoleComponent {
    public var roleID: String
    public var roleName: String
    /// The server's total.
    public var total = 0
    public var users: [User] = []
    public var list = ListPane<MemberRow>(fields: ["source"])
    /// True while a page request is in flight.
    public var loadingPage = false

    /// An empty list of `roleName`'s members (nothing requested yet).
    public init(roleID: String, roleName: String) {
        self.roleID = roleID
        self.roleName = roleName
    }

    /// The screen opened on a role: the list shows it is loading and the first page is asked for.
    static func opening(roleID: String, roleName: String) -> (MembersState, [Effect]) {
        var members = MembersState(roleID: roleID, roleName: roleName)
        members.list.loading = true
        return (members, members.requestPage(from: 0))
    }

    /// `r` on the members screen: the pages are dropped and read again from the first.
    mutating func reload() -> [Effect] {
        self = MembersState(roleID: roleID, roleName: roleName)
        return requestPage(from: 0)
    }

    /// Asks for the page at `offset` (marks a page in flight).
    mutating func requestPage(from offset: Int) -> [Effect] {
        loadingPage = true
        return [.loadMembers(roleID: roleID, roleName: roleName, offset: offset)]
    }

    /// A cursor move in the list (a logical position; the view scrolls): within the last page drawn of
    /// what is loaded, the next page is asked for.
    mutating func move(_ key: Key) -> [Effect] {
        let catalog = list.catalog
        _ = list.table.apply(key, rowCount: catalog.view.count, identity: { catalog.id(at: $0) })
        guard !loadingPage, users.count < total, list.table.selected >= catalog.view.count - (list.table.viewportRows ?? 1) else { return [] }
        return requestPage(from: users.count)
    }

    /// A page of members (for this role; another role's late page is dropped), or its load failing.
    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect] {
        switch message {
        case .membersLoaded(let roleID, let offset, let page):
            guard roleID == self.roleID else { return [] }
            if offset == 0 { users = [] }
            users += page.items
            total = page.count
            loadingPage = false
            list.loading = false
            list.loaded = true
            list.refreshedAt = context.now
            let names = context.sourceNames
            list.catalog.replace(users.map { MemberRow(user: $0, sourceName: $0.source.flatMap { names[$0] }) })
        case .failed(.loadMembers, _):
            loadingPage = false
            list.loading = false
        default:
            break
        }
        return []
    }
}
