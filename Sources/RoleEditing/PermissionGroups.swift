/// The permissions a role form offers, split as PrivX scopes them: access-group permissions (hosts,
/// connections, network targets) apply within the role's access group; the rest are global.
public enum PermissionGroups {
    /// Every permission name the console knows (PrivX v41 and newer), in PrivX's order.
    public static let known: [String] = [
        "licenses-manage", "api-clients-manage", "idp-clients-view", "idp-clients-manage", "connections-view",
        "connections-manage", "connections-playback", "connections-terminate", "connections-manual",
        "connections-trail", "connections-authorize", "ueba-view", "ueba-manage", "hosts-view", "hosts-manage",
        "privx-host-provisioning", "network-targets-view", "network-targets-manage", "role-target-resources-view",
        "role-target-resources-manage", "roles-view", "roles-manage", "sources-view", "sources-manage",
        "sources-data-push", "users-view", "users-manage", "logs-view", "logs-manage", "workflows-manage",
        "workflows-view", "vault-manage", "vault-add", "access-groups-manage", "workflows-requests-on-behalf",
        "workflows-requests", "authorized-keys-manage", "settings-manage", "settings-view", "requests-view",
        "certificates-view", "webauthn-credentials-manage", "mobilegw-view", "mobilegw-manage",
        "target-domains-view", "target-domains-manage",
        "access-roles-manage", "api-targets-view", "api-targets-manage",
    ]

    /// Which scope a permission has in the form.
    public enum Group: String, Sendable, Hashable, CaseIterable {
        case global = "Global"
        case accessGroup = "Access group"
        case unknown = "Unknown to this console (kept)"
    }

    /// The group of one permission name.
    public static func group(of permission: String) -> Group {
        guard knownSet.contains(permission) else { return .unknown }
        let scoped = ["hosts-", "connections-", "network-targets-", "privx-host-provisioning"]
        return scoped.contains { permission.hasPrefix($0) } ? .accessGroup : .global
    }

    /// The checklist items: every known permission plus the role's unknown ones, grouped, each group in order.
    public static func items(including current: [String]) -> [(group: Group, name: String)] {
        let extra = current.filter { !knownSet.contains($0) }
        let all = known + extra.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return Group.allCases.flatMap { group in all.filter { self.group(of: $0) == group }.map { (group, $0) } }
    }

    private static let knownSet = Set(known)
}
