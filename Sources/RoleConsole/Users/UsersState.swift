import Foundation
import PrivXAPI
import TerminalUI

/// The users screen as a component: search users across directories (`POST /users/search`, sent once
/// typing rests), open one to see the roles they hold (`/users/{id}/resolve`) marked explicit or mapped,
/// and for a mapped role the rule that maps them (each of the role's rules evaluated on its own).
public struct UsersState: ConsoleComponent {
    /// Which table has the keyboard.
    public enum Focus: Sendable, Equatable { case users, roles }

    /// The name, e-mail or principal typed, sent once typing rests.
    public var search = DebouncedSearch()
    /// True while the search input has the keyboard.
    public var editing = true
    public var total = 0
    public var list = ListPane<UserRow>(fields: ["source"])
    public var focus = Focus.users
    /// The user whose roles are shown.
    public var opened: User?
    public var loadingRoles = false
    public var roles: [UserRoleRow] = []
    /// roleID → which rules map the opened user (mapped roles only; absent while being evaluated).
    public var explanations: [String: RuleExplanation] = [:]
    public var rolesTable = TableState()

    public init() {}

    /// Where the search input's keys are while it has the keyboard.
    var searchPlace: ModalPlace? { editing ? .usersSearch : nil }

    /// Typed text in the search: a search is due once typing rests.
    mutating func typed(_ key: Key, _ context: inout ConsoleContext) -> [Effect] {
        _ = search.typed(key, now: context.now)
        return []
    }

    /// The clock: a rested query is sent.
    mutating func tick(_ context: inout ConsoleContext) -> [Effect] {
        guard let text = search.tick(now: context.now, retry: list.catalog.rows.isEmpty), !text.isEmpty else { return [] }
        list.loading = true
        return [.users(.search(query: text))]
    }

    /// `ctrl-r` on the users screen: the last search is sent again and the opened user's roles are read again.
    mutating func reload() -> [Effect] {
        var effects: [Effect] = []
        if !search.sent.isEmpty {
            search.waiting = true
            list.loading = true
            effects.append(.users(.search(query: search.sent)))
        }
        if let opened {
            loadingRoles = true
            explanations = [:]
            effects.append(.users(.open(opened)))
        }
        return effects
    }

    /// Enter on a user: their roles are read, then the rules of each mapped role are evaluated.
    mutating func open(_ context: inout ConsoleContext) -> [Effect] {
        guard let row = list.selected else { return [] }
        opened = row.user
        roles = []
        explanations = [:]
        rolesTable = TableState()
        loadingRoles = true
        focus = .roles
        return [.users(.open(row.user))]
    }

    /// ↑/↓ and paging in the table that has the keyboard.
    mutating func move(_ key: Key) {
        switch focus {
        case .users:
            let catalog = list.catalog
            _ = list.table.apply(key, rowCount: catalog.view.count, identity: { catalog.id(at: $0) })
        case .roles:
            let roles = self.roles
            _ = rolesTable.apply(key, rowCount: roles.count, identity: { roles.indices.contains($0) ? roles[$0].handle.id : "" })
        }
    }

    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect] {
        switch message {
        case .users(.found(let query, let users, let total)):
            guard search.answered(query) else { return [] }
            self.total = total
            list.loading = false
            list.loaded = true
            list.refreshedAt = context.now
            let names = context.sourceNames
            list.catalog.replace(users.map { UserRow(user: $0, sourceName: $0.source.flatMap { names[$0] }) })
            list.table.selected = 0
        case .users(.opened(let userID, let inEffect, let notInEffect)):
            guard userID == opened?.id else { return [] }
            loadingRoles = false
            roles = (inEffect.map { UserRoleRow(handle: $0, inEffect: true) } + notInEffect.map { UserRoleRow(handle: $0, inEffect: false) })
                .sorted { $0.handle.name < $1.handle.name }
        case .users(.explained(let userID, let roleID, let explanation)):
            guard userID == opened?.id else { return [] }
            explanations[roleID] = explanation
        case .members(.grantsChanged(_, let results, _)):
            // A grant changed for the opened user: their roles are read again.
            if let opened, results.contains(where: { $0.user.id == opened.id }) {
                loadingRoles = true
                return [.users(.open(opened))]
            }
        case .failed(.searchUsers, _):
            search.waiting = false
            list.loading = false
        case .failed(.resolveUser, _):
            loadingRoles = false
        default:
            break
        }
        return []
    }

    /// The "Mapped by" cell of a role row.
    public func mappedBy(_ row: UserRoleRow, sourceNames: [String: String]) -> String {
        guard row.handle.isImplicit else { return "" }
        switch explanations[row.handle.id] {
        case nil: return "evaluating…"
        case .matched(let rules)?:
            return rules.map { "\($0.searchString) in \(sourceNames[$0.source] ?? $0.source)" }.joined(separator: "; ")
        case .unknown(let why)?: return "? " + why
        }
    }
}
