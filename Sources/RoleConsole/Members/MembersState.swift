import PrivXAPI
import TerminalUI

/// The members screen as a component: the paged members list of one role. It owns its pages and its
/// list, starts its own loads, and takes its own results in `update` (the core routes
/// `membersLoaded`, `Message.members` and a failed `loadMembers` here).
///
/// The members endpoint has no search, so a filter reads every page (with progress in the title) and
/// filters the whole list; explicit members' grants are read from their role lists (`GET /users/{id}/roles`)
/// page by page, so each row says how the user holds the role.
public struct MembersState: ConsoleComponent {
    public var roleID: String
    public var roleName: String
    /// The server's total.
    public var total = 0
    public var users: [User] = []
    public var list = ListPane<MemberRow>(fields: ["source", "holds"])
    /// True while a page request is in flight.
    public var loadingPage = false
    /// True while every remaining page is read because a filter is typed.
    public var loadingAll = false
    /// userID → the user's handle of this role, read from their role list (explicit members only).
    public var grants: [String: RoleHandle] = [:]
    /// True once reading grants failed (a 403 without users-view): the rows say explicit without terms.
    public var grantsUnreadable = false
    /// The add-members dialog, while open.
    public var adding: AddMembersDialog?

    /// An empty list of `roleName`'s members (nothing requested yet).
    public init(roleID: String, roleName: String) {
        self.roleID = roleID
        self.roleName = roleName
    }

    /// The role as a reference for grant calls.
    var role: RoleRef { RoleRef(id: roleID, name: roleName) }

    /// The screen opened on a role: the list shows it is loading and the first page is asked for.
    static func opening(roleID: String, roleName: String) -> (MembersState, [Effect]) {
        var members = MembersState(roleID: roleID, roleName: roleName)
        members.list.loading = true
        return (members, members.requestPage(from: 0))
    }

    /// `ctrl-r` on the members screen: the pages are dropped and read again from the first; the filter stays
    /// (and reads every page again).
    mutating func reload() -> [Effect] {
        let filter = list.filterInput
        self = MembersState(roleID: roleID, roleName: roleName)
        list.filterInput = filter
        list.catalog.setFilter(filter.text)
        list.loading = true
        loadingAll = !filter.text.isEmpty
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


    /// The `/` filter changed: a filter needs the whole list, so the pages not yet read are read now.
    mutating func filterChanged(_ context: inout ConsoleContext) -> [Effect] {
        guard !list.catalog.filterText.isEmpty, users.count < total, !loadingAll else { return [] }
        loadingAll = true
        return loadingPage ? [] : requestPage(from: users.count)
    }

    /// The selected member.
    var selectedUser: User? {
        guard let id = list.selected?.id else { return nil }
        return users.first { ($0.id.isEmpty ? $0.principal : $0.id) == id }
    }

    /// A page of members (for this role; another role's late page is dropped), grants read, grant changes,
    /// search results for the add dialog, or a load failing.
    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect] {
        switch message {
        case .membersLoaded(let roleID, let offset, let page):
            guard roleID == self.roleID else { return [] }
            return pageLoaded(offset: offset, page, &context)
        case .members(.grantsLoaded(let roleID, let found)):
            guard roleID == self.roleID else { return [] }
            grants.merge(found) { $1 }
            rebuildRows(context)
        case .members(.grantsChanged(let role, let results, let undo)):
            guard role.id == roleID else { return [] }
            return grantsChanged(results, undo: undo, &context)
        case .members(.usersFound(let query, let found, let total)):
            adding?.found(query: query, found, total: total)
        case .failed(.loadMembers, _):
            loadingPage = false
            loadingAll = false
            list.loading = false
        case .failed(.readGrants, _):
            grantsUnreadable = true
        case .failed(.searchUsers, _):
            adding?.searchFailed()
        default:
            break
        }
        return []
    }

    private mutating func pageLoaded(offset: Int, _ page: Page<User>, _ context: inout ConsoleContext) -> [Effect] {
        if offset == 0 { users = [] }
        users += page.items
        total = page.count
        loadingPage = false
        list.loading = false
        list.loaded = true
        list.refreshedAt = context.now
        rebuildRows(context)
        var effects: [Effect] = []
        let unknown = page.items.filter { $0.isExplicitMember && grants[$0.id] == nil && !$0.id.isEmpty }.map(\.id)
        if !unknown.isEmpty, !grantsUnreadable { effects.append(.members(.loadGrants(roleID: roleID, roleName: roleName, userIDs: unknown))) }
        // A filter typed before this page arrived needs the rest too.
        if !list.catalog.filterText.isEmpty, users.count < total { loadingAll = true }
        if loadingAll {
            if users.count < total, !page.items.isEmpty {
                effects += requestPage(from: users.count)
            } else {
                loadingAll = false
            }
        }
        return effects
    }

    /// The rows from the users read so far and the grants known for them.
    mutating func rebuildRows(_ context: ConsoleContext) {
        let names = context.sourceNames
        let grants = self.grants
        list.catalog.replace(users.map {
            MemberRow(user: $0, sourceName: $0.source.flatMap { names[$0] }, grant: grants[$0.id], now: context.now)
        })
    }

    /// "Members of linux-admins (2 of 14)": the rows shown of the server's total, and the progress of a
    /// filter's read of every page.
    public var title: String {
        var title = "Members of \(roleName) (\(list.catalog.view.count) of \(total))"
        if loadingAll { title += " · reading all \(users.count)/\(total) for the filter" }
        else if loadingPage && list.loaded { title += " loading more…" }
        else if users.count < total && list.catalog.filterText.isEmpty { title += " · \(users.count) loaded" }
        return title
    }
}
