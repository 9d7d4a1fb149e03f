import PrivXAPI
import RoleEditing

/// Where the look-up of one `author`/`updatedby` id stands.
public enum UserNameLookup: Sendable, Hashable {
    /// `GET /users/{id}` is in flight; the id is shown meanwhile.
    case pending
    /// The user's or API client's name.
    case resolved(String)
    /// Not found, not allowed (users-view missing) or failed: the id is shown.
    case unresolved
}

extension Console {
    /// Who a role's `author`/`updatedby` value names, for the detail pane. Real servers send user names
    /// ("Superuser", "c1privxadmin": Tests/RealPrivXCorpus/bat_roles_page_0.json) as well as ids; a name is shown as
    /// sent, an id as the name `GET /users/{id}` gave, else as the id.
    public static func personName(_ value: String, _ state: AppState) -> String {
        guard needsLookup(value), case .resolved(let name)? = state.userNames[value] else { return value }
        return name
    }

    /// True for an id-shaped value (8-4-4-4-12 hex, version bits unchecked): only those are looked up.
    static func needsLookup(_ value: String) -> Bool { RoleDraft.isUUIDShaped(value) }

    /// A look-up effect for each id the detail pane (or the conflict dialog) shows that has not been asked for yet; marks it pending,
    /// so each id costs one call per session and the screen never waits for it.
    static func userNameLookups(_ state: inout AppState) -> [Effect] {
        guard state.screen == .roles else { return [] }
        var values: [String] = []
        if let role = state.detailRole?.role { values += [role.author, role.updatedBy].compactMap { $0 } }
        // The conflict dialog says who changed the role meanwhile.
        if case .conflict(_, let current)? = state.editor?.stage, let who = current.updatedBy { values.append(who) }
        var effects: [Effect] = []
        for value in values where needsLookup(value) && state.userNames[value] == nil {
            state.userNames[value] = .pending
            effects.append(.resolveUser(id: value))
        }
        return effects
    }
}

extension EffectRunner {
    /// The display name of a user or API client, or nil when the server does not give one (the id is shown).
    func resolveUserName(_ id: String) async -> String? {
        do {
            let name = try await api.user(id: id).displayName
            return name.isEmpty ? nil : name
        } catch {
            logger.debug("user \(id) not resolved: \(error)")
            return nil
        }
    }
}
