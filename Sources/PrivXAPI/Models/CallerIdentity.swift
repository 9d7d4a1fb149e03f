/// Who the client acts as and what it may do, read from `GET /role-store/api/v1/users/current`, so a program can
/// say who is logged in and grey out what the caller cannot do before trying (403 stays the fallback).
public struct CallerIdentity: Sendable, Hashable {
    /// One role of the caller with the permissions it grants.
    public struct RoleGrant: Sendable, Hashable {
        public var id: String
        public var name: String
        public var permissions: [String]
    }

    public var id: String
    /// The login name (`principal`).
    public var principal: String
    public var fullName: String?
    /// The id of the user directory (source) the caller comes from.
    public var sourceID: String?
    /// `LOCAL`, `AD`, ...
    public var sourceType: String?
    public var roles: [RoleGrant]
    /// The effective permissions: the document's `permissions` when the server sends a list, otherwise the union
    /// of the roles' permissions (a captured user document has `"permissions": null` next to roles that carry
    /// them: Tests/RealPrivXCorpus/mcp_user.json).
    public var permissions: Set<String>

    /// Reads a user document; nil when it has neither an id nor a principal.
    public init?(object: JSONObject) {
        let id = object["id"]?.stringValue ?? ""
        let principal = object["principal"]?.stringValue ?? ""
        guard !id.isEmpty || !principal.isEmpty else { return nil }
        self.id = id
        self.principal = principal.isEmpty ? id : principal
        fullName = object["full_name"]?.stringValue
        sourceID = object["source"]?.stringValue
        sourceType = object["source_type"]?.stringValue
        roles = (object["roles"]?.objectItems ?? []).map { role in
            RoleGrant(id: role["id"]?.stringValue ?? "", name: role["name"]?.stringValue ?? "",
                      permissions: (role["permissions"]?.arrayValue ?? []).compactMap(\.stringValue))
        }
        if let listed = object["permissions"]?.arrayValue {
            permissions = Set(listed.compactMap(\.stringValue))
        } else {
            permissions = Set(roles.flatMap(\.permissions))
        }
    }

    /// True when the caller holds `permission`.
    public func can(_ permission: String) -> Bool { permissions.contains(permission) }

    /// "Alice Admin (alice)", or the principal alone.
    public var displayName: String {
        guard let fullName, !fullName.isEmpty, fullName != principal else { return principal }
        return "\(fullName) (\(principal))"
    }
}

extension PrivXClient {
    /// The caller's identity and effective permissions. For a person this is their user and roles; for an API
    /// client, the server's answer for the client (its roles' permissions) where it gives one.
    public func currentIdentity() async throws(PrivXError) -> CallerIdentity {
        let path = "/users/current"
        let object = try await callObject(.GET, path)
        guard let identity = CallerIdentity(object: object) else {
            throw .invalidResponse(method: "GET", path: Self.roleStorePrefix + path, detail: "the answer names no user (no id or principal)")
        }
        return identity
    }
}
