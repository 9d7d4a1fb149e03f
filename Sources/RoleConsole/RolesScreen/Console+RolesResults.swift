import PrivXAPI
import TerminalUI

extension Console {
    /// The roles screen's answers: pages of roles as they land, the whole set, a deleted role.
    static func rolesResult(_ state: inout AppState, _ message: Message) {
        switch message {
        case .rolesProgress(let loaded, let total):
            state.roles.progress = (loaded, total)
        case .rolesPage(let roles, let loaded, let total):
            state.roles.progress = (loaded, total)
            // A first load shows each page as it lands, so the table is usable (move, filter, sort, open)
            // while the rest is on the wire; a reload keeps the rows on screen until the new set is whole.
            guard !state.roles.loaded else { break }
            let rows = roles.map(RoleRow.init(role:))
            if state.roles.streamed == 0 { state.roles.catalog.replace(rows) } else { state.roles.catalog.append(rows) }
            state.roles.streamed += roles.count
            reselectAll(&state)
        case .rolesLoaded(let roles):
            // Every page already in the table (and any edit made meanwhile kept): nothing to rebuild.
            if state.roles.loaded || state.roles.streamed != roles.count {
                state.roles.catalog.replace(roles.map(RoleRow.init(role:)))
            }
            state.roles.streamed = 0
            state.roles.loading = false
            state.roles.loaded = true
            state.roles.progress = nil
            state.roles.refreshedAt = state.now
            reselectAll(&state)
        case .roleDeleted(let id, let name):
            // Undo cannot bring a deleted object's edit back (found by the monkey test: undo then answered 404).
            if case .roleEdit(_, let after)? = state.lastChange, after.id == id { state.lastChange = nil }
            state.roles.catalog.replace(state.roles.catalog.rows.filter { $0.id != id })
            reselectAll(&state)
            state.toasts.post(.success, "Deleted the role \(name).", now: state.now)
        default:
            break
        }
    }
}
