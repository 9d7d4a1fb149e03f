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
        case .roleDeleted(let id, let name):
            // Undo cannot bring a deleted object's edit back (found by the monkey test: undo then answered 404).
            context.forgetUndo { if case .roleEdit(_, let after) = $0 { after.id == id } else { false } }
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

    /// `u`: the inverse of the last change, shown before anything is written: a role edit opens the form at
    /// its save diff (returned, for the composition to open), a mapping change asks about the inverse plan.
    static func undo(_ context: inout ConsoleContext) -> RoleEditor? {
        switch context.lastChange {
        case nil:
            context.post(.info, "Nothing to undo: this session has not changed a role, a mapping or a grant yet (deletes cannot be undone).", seconds: 6)
        case .roleEdit(let before, let after)?:
            var editor = RoleEditor(role: after)
            var draft = RoleDraft(before)
            if after.system { draft.name = after.name }
            editor.draft = draft
            editor.reloadInputs()
            let changes = editor.draft.changes(from: editor.base, sourceNames: context.sourceNames)
            guard !changes.isEmpty else {
                context.post(.info, "Nothing to undo: the last edit changed no field of the form.")
                return nil
            }
            editor.stage = .confirming(changes)
            return editor
        case .mapping(let plan, let after)?:
            context.ask(.applyMapping(MappingPlan(awsRoleID: plan.awsRoleID, awsRoleName: plan.awsRoleName, baseline: after,
                                                  add: plan.remove, remove: plan.add)))
        case .grants(let role, let entries)?:
            context.ask(.undoGrants(role, entries, detail: Console.undoGrantsMessage(role, entries, now: context.now)))
        }
        return nil
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
