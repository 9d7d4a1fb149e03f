import PrivXAPI
import RoleEditing
import TerminalUI

/// The roles screen as a component: the roles list, its detail pane (scroll request and the hold while
/// the selection moves), and the names of the people a role's `author`/`updatedby` ids point to. It takes
/// its own answers in `update` (pages of roles, a deleted role, a resolved name); the shared list keys act
/// on its `list` from `Core/Lists/`.
public struct RolesScreen: ConsoleComponent, TwoPaneScreen {
    public var list = ListPane<RoleRow>(fields: RoleRow.filterFields)
    public var detail = DetailViewState()
    public var hold: DetailHold.Held<RoleRow>?
    /// `author`/`updatedby` ids looked up through `GET /users/{id}`: one call per id, kept for the session.
    public var userNames: [String: UserNameLookup] = [:]

    /// An empty screen (nothing loaded yet).
    public init() {}

    /// Pages of roles as they land, the whole set, a deleted role, a resolved name, or the load failing.
    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect] {
        switch message {
        case .rolesProgress(let loaded, let total):
            list.progress = (loaded, total)
        case .rolesPage(let roles, let loaded, let total):
            list.progress = (loaded, total)
            // A first load shows each page as it lands, so the table is usable (move, filter, sort, open)
            // while the rest is on the wire; a reload keeps the rows on screen until the new set is whole.
            guard !list.loaded else { break }
            let rows = roles.map(RoleRow.init(role:))
            if list.streamed == 0 { list.catalog.replace(rows) } else { list.catalog.append(rows) }
            list.streamed += roles.count
        case .rolesLoaded(let roles):
            // Every page already in the table (and any edit made meanwhile kept): nothing to rebuild.
            if list.loaded || list.streamed != roles.count {
                list.catalog.replace(roles.map(RoleRow.init(role:)))
            }
            list.streamed = 0
            list.loading = false
            list.loaded = true
            list.progress = nil
            list.refreshedAt = context.now
        case .roleDeleted(let id, let name, _):
            // Older changes of the deleted role are not undone through its old id (found by the monkey test: undo
            // then answered 404): `HistoryUndo.undoability` finds the role gone from this list.
            list.catalog.replace(list.catalog.rows.filter { $0.id != id })
            context.post(.success, "Deleted the role \(name).")
        case .userResolved(let id, let name):
            userNames[id] = name.map(UserNameLookup.resolved) ?? .unresolved
        case .failed(.loadRoles, _):
            list.loading = false
            list.progress = nil
            list.streamed = 0
        default:
            break
        }
        return []
    }

    /// `d` on a role: refused for system roles; typed name when people or AWS roles depend on it.
    func askToDelete(awsRoles: Catalog<AWSRoleRow>, _ context: inout ConsoleContext) {
        guard let row = list.selected else { return }
        if row.role.system {
            context.post(.warning, "Not deleted: \(row.role.name) is a \(RoleDraft.systemDeleteReason) (PrivX keeps its built-in roles).", seconds: 6)
            return
        }
        let members = row.role.memberCount ?? 0
        let grants = awsRoles.rows.filter { $0.mappedRoleIDs.contains(row.id) }.map(\.awsRole.name)
        var parts: [String] = []
        if members > 0 { parts.append("\(members) member\(members == 1 ? "" : "s") lose it") }
        if !grants.isEmpty { parts.append("it stops granting \(grants.count) AWS role\(grants.count == 1 ? "" : "s") (\(grants.prefix(3).joined(separator: ", "))\(grants.count > 3 ? ", …" : ""))") }
        let detail = parts.isEmpty ? "Nobody has it and it grants no AWS role." : parts.joined(separator: "; ") + "."
        context.ask(.deleteRole(id: row.id, name: row.role.name, detail: detail, typed: !parts.isEmpty), typed: !parts.isEmpty)
    }

    /// Puts a saved role's new version in the table.
    mutating func replace(_ role: Role) {
        var rows = list.catalog.rows
        if let index = rows.firstIndex(where: { $0.id == role.id }) { rows[index] = RoleRow(role: role) }
        list.catalog.replace(rows)
    }

    /// Puts a created role in the table once, also when a reload already brought it in (a create whose
    /// answer was lost and was confirmed later).
    mutating func insertCreated(_ role: Role) {
        list.catalog.replace(list.catalog.rows.filter { $0.id != role.id } + [RoleRow(role: role)])
    }

    /// Selects the role `id` when the filter shows it; false when it does not.
    @discardableResult
    mutating func select(id: String) -> Bool {
        guard let position = list.catalog.position(of: id) else { return false }
        let catalog = list.catalog
        list.table.select(position, rowCount: catalog.view.count, identity: { catalog.id(at: $0) })
        return true
    }
}
