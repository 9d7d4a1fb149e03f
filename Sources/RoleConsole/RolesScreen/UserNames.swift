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

extension RolesScreen {
    /// Who a role's `author`/`updatedby` value names, for the detail pane. Real servers send user names
    /// ("Superuser", "c1privxadmin": Tests/RealPrivXCorpus/bat_roles_page_0.json) as well as ids; a name is shown as
    /// sent, an id as the name `GET /users/{id}` gave, else as the id.
    public func personName(_ value: String) -> String {
        guard Self.needsLookup(value), case .resolved(let name)? = userNames[value] else { return value }
        return name
    }

    /// True for an id-shaped value (8-4-4-4-12 hex, version bits unchecked): only those are looked up.
    static func needsLookup(_ value: String) -> Bool { RoleDraft.isUUIDShaped(value) }

    /// A look-up effect for each id the detail pane shows (and `also`: who changed the role the form's
    /// conflict dialog is about) that has not been asked for yet; marks it pending, so each id costs one
    /// call per session and the screen never waits for it.
    mutating func nameLookups(also: String?) -> [Effect] {
        var values: [String] = []
        if let role = shown?.role { values += [role.author, role.updatedBy].compactMap { $0 } }
        if let also { values.append(also) }
        var effects: [Effect] = []
        for value in values where Self.needsLookup(value) && userNames[value] == nil {
            userNames[value] = .pending
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
