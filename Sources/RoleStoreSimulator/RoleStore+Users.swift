import Foundation

/// Users and their explicit grants: `/users/search`, `/users/{id}/roles` (GET, PUT), `/users/{id}/resolve`.
/// Evidence: `SSHcom/privx-sdk-go` @ 0652e857594638b6c2bdcee42da784889d29b193, `api/rolestore/client.go`
/// (`GetUserRoles` reads `{count, items}`, `UpdateUserRoles` PUTs a bare array, `ResolveUserRoles`, `SearchUsers`
/// with `UserSearch{keywords, source, user_id}` and paging), and docs/role-store-evidence.md "Members and grants".
extension RoleStore {
    /// The directory user with `id`; API clients and unknown ids are `OBJECT_NOT_FOUND` here (they hold no grants
    /// in this simulator).
    func directoryUser(_ id: String) throws(APIError) -> DirectoryUser {
        guard let index = directory.usersByID[id] else { throw .notFound("user", id) }
        return directory.users[index]
    }

    /// `GET /users/{id}/roles`: the user's explicit grants (expired ones included, as granted) and the roles
    /// the rules map them to, one handle per role, marked `explicit` and `implicit` (mapped).
    func userRoles(_ id: String) throws(APIError) -> [UInt8] {
        let user = try directoryUser(id)
        let handles = roleHandles(user, now: Date().timeIntervalSince1970, effectiveOnly: false, resolve: false)
        return Self.listBody(count: handles.count, items: handles)
    }

    /// `GET /users/{id}/resolve`: the user with the roles they hold now (grants in effect and mapped roles) and
    /// the permissions those roles give.
    func resolveUser(_ id: String) throws(APIError) -> SimulatorJSON {
        let user = try directoryUser(id)
        let handles = roleHandles(user, now: Date().timeIntervalSince1970, effectiveOnly: true, resolve: true)
        var json = user.json
        json["roles"] = .array(handles)
        var seen: Set<String> = []
        let permissions = handles.flatMap { $0["permissions"]?.arrayValue ?? [] }.compactMap(\.stringValue).filter { seen.insert($0).inserted }
        json["permissions"] = .array(permissions.map { .string($0) })
        return json
    }

    /// `PUT /users/{id}/roles`: the whole list replaces the user's explicit grants. Elements marked
    /// `"explicit": false` are the mapped roles a GET listed and the SDKs send back (the MCP server's revoke does);
    /// they are not grants and are skipped, so sending a read list back unchanged changes nothing.
    func putUserRoles(_ id: String, _ body: SimulatorJSON) throws(APIError) {
        _ = try directoryUser(id)
        guard let elements = body.arrayValue else {
            throw .badRequest("VALUE_INCORRECT_TYPE", "the body is \(body.typeName); send a JSON array of role handles", property: "body")
        }
        var grants: [String: UserGrant] = [:]
        for (index, element) in elements.enumerated() {
            if element["explicit"]?.boolValue == false { continue }
            let grant = try UserGrant.parse(element, index: index)
            // A grant must name a role this store has: a grant of nothing could never be shown or counted.
            guard state.roles[grant.roleID] != nil else { throw .notFound("role", grant.roleID) }
            grants[grant.roleID] = grant
        }
        try commitGrants(of: id, grants.keys.sorted().map { grants[$0]! })
    }

    /// Simulates the user's first connection with a floating grant of `role` (`POST /privx-rolestore-sim/connect`):
    /// the window starts now and the grant becomes time-restricted, as PrivX's Role Store does.
    func startFloating(user id: String, role: String) throws(APIError) -> SimulatorJSON {
        _ = try directoryUser(id)
        var grants = state.grants(of: id)
        guard let index = grants.firstIndex(where: { $0.roleID == role }), grants[index].kind == .floating else {
            throw .badRequest("INVALID_REQUEST_DATA", "user \(id) holds no floating grant of role \(role)", property: "role_id")
        }
        grants[index] = grants[index].started(at: Date().timeIntervalSince1970)
        try commitGrants(of: id, grants)
        return .object(grants[index].handleFields.merging(["id": .string(role)]) { $1 })
    }

    private func commitGrants(of user: String, _ grants: [UserGrant]) throws(APIError) {
        try commit(.putUserGrants(user: user, grants: grants.map { ["id": .string($0.roleID), "terms": $0.terms ?? .null] }))
    }

    /// `POST /users/search`: every word of `keywords` must occur (case-insensitively) in the principal, full name,
    /// e-mail or id; `source` and `user_id` narrow further. Sorted and paged like the members list.
    func searchUsers(_ body: SimulatorJSON, page: PageRequest) throws(APIError) -> [UInt8] {
        guard body.objectValue != nil else {
            throw .badRequest("VALUE_INCORRECT_TYPE", "the body is \(body.typeName); send {keywords, source, user_id}", property: "body")
        }
        func text(_ key: String) throws(APIError) -> String? {
            guard let value = body[key], value != .null else { return nil }
            guard let string = value.stringValue else {
                throw .badRequest("VALUE_INCORRECT_TYPE", "\(key) is \(value.typeName), not a string", property: key)
            }
            return string
        }
        let words = (try text("keywords") ?? "").lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        let source = try text("source").flatMap { $0.isEmpty ? nil : $0 }
        var ids: Set<String>?
        if let value = body["user_id"], value != .null {
            guard let array = value.arrayValue, array.allSatisfy({ $0.stringValue != nil }) else {
                throw .badRequest("VALUE_INCORRECT_TYPE", "user_id is \(value.typeName), not an array of ids", property: "user_id")
            }
            ids = Set(array.compactMap(\.stringValue))
        }
        let key = page.sortKey ?? "principal"
        let users = directory.users.filter { user in
            if let source, user.sourceID != source { return false }
            if let ids, !ids.contains(user.id) { return false }
            let haystack = [user.principal, user.fullName, user.email, user.id].map { $0.lowercased() }
            return words.allSatisfy { word in haystack.contains { $0.contains(word) } }
        }.sorted { lhs, rhs in
            let (a, b) = (Self.userSortValue(lhs, key), Self.userSortValue(rhs, key))
            return a != b ? a < b : lhs.id < rhs.id
        }
        return Self.listBody(count: users.count, items: page.slice(users).map(\.json))
    }

    /// One handle per role the user holds explicitly or by mapping, in role-name order.
    private func roleHandles(_ user: DirectoryUser, now: Double, effectiveOnly: Bool, resolve: Bool) -> [SimulatorJSON] {
        var grants: [String: UserGrant] = [:]
        for grant in state.grants(of: user.id) where !effectiveOnly || grant.isActive(at: now) { grants[grant.roleID] = grant }
        var handles: [(name: String, json: SimulatorJSON)] = []
        for (roleID, role) in state.roles {
            let mapped = mappedSet(roleID).contains(user.index)
            let grant = grants[roleID]
            guard mapped || grant != nil else { continue }
            var handle: [String: SimulatorJSON] = [
                "id": .string(roleID), "name": role["name"] ?? "", "explicit": .bool(grant != nil), "implicit": .bool(mapped),
                "system": role["system"] ?? .bool(false),
            ]
            for key in ["comment", "permissions", "access_group_id", "context"] { if let value = role[key] { handle[key] = value } }
            if resolve {
                // "returned only from /users/resolve" (the reference's role_handle schema).
                for key in ["principal_public_key_strings", "permit_agent"] { if let value = role[key] { handle[key] = value } }
            }
            if let grant { handle.merge(grant.handleFields) { $1 } }
            handles.append((role["name"]?.stringValue ?? "", .object(handle)))
        }
        return handles.sorted { $0.name != $1.name ? $0.name < $1.name : ($0.json["id"]?.stringValue ?? "") < ($1.json["id"]?.stringValue ?? "") }
            .map(\.json)
    }
}
