/// What a 403 switches off. The server names the permission it refused (`PERMISSION_DENIED`, the property or the
/// quoted name, `Console.missingPermission`); every action whose key needs only refused permissions is then
/// unavailable everywhere its key is drawn (hint bars, `?` help, the key lines) and the dispatcher refuses it
/// with the reason, not only the action that met the 403. The permission each key needs is the one its table
/// documents, taken from the contract's endpoint table (`shared/docs/role-store-api.md`; docs/role-store-evidence.md,
/// "Permissions a 403 switches off").
enum PermissionRefusals {
    /// Each action with the permission names its key entries document, from every key table (screens, the form,
    /// the principal keys panel, the layers).
    static let needed: [(action: ActionID, permissions: [String])] = {
        var rows: [(ActionID, [String])] = []
        func add<Place>(_ table: [KeyEntry<Place>]) {
            for entry in table {
                guard let action = entry.needs, !entry.permissionNames.isEmpty else { continue }
                if !rows.contains(where: { $0.0 == action }) { rows.append((action, entry.permissionNames)) }
            }
        }
        add(ActionRegistry.all)
        add(EditorKeys.table)
        add(PrincipalKeysKeys.table)
        add(ModalKeys.table)
        return rows
    }()

    /// Records that the server refused `permission` (for `action`, the one that met the 403): `action` and every
    /// action needing only refused permissions become unavailable, each with the permission it lacks.
    static func refuse(_ permission: String, action: ActionID?, in unavailable: inout [ActionID: String]) {
        if let action { unavailable[action] = permission }
        let refused = Set(unavailable.values).union([permission])
        for (id, permissions) in needed where unavailable[id] == nil && permissions.allSatisfy(refused.contains) {
            unavailable[id] = alternatives(permissions)
        }
    }

    /// The names once each, in order, as a reason says them ("users-manage or roles-manage").
    static func alternatives(_ names: [String]) -> String {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }.joined(separator: " or ")
    }
}
