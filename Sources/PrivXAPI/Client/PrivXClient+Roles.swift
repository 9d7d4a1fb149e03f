import Foundation

extension PrivXClient {
    public func roles(page: PageRequest) async throws -> Page<Role> {
        let list = try await callRawList(.GET, "/roles", query: page.queryItems)
        return Page(count: list.count, items: list.items.map(Role.init(validatedJSON:)))
    }

    public func allRoles(sortKey: String?, sortDirection: PageRequest.SortDirection?,
                         onPage: (@Sendable (_ roles: [Role], _ loaded: Int, _ total: Int) -> Void)?) async throws -> [Role] {
        try await PageCollector(pageSize: configuration.pageSize, concurrency: configuration.pageConcurrency,
                                speculative: configuration.speculativePages,
                                speculateAfter: configuration.speculativeDelay > 0 ? .seconds(configuration.speculativeDelay) : nil)
            .collect(onPage: onPage) { offset, limit in
                try await self.roles(page: PageRequest(offset: offset, limit: limit, sortKey: sortKey, sortDirection: sortDirection))
            }
    }

    public func role(id: String) async throws -> Role {
        Role(document: try await callObject(.GET, "/roles/" + Self.requireID(id, "role")))
    }

    public func createRole(_ role: Role) async throws -> String {
        var document = role.document
        document["id"] = nil
        let answer = try await callJSON(.POST, "/roles", body: .object(document))
        guard let id = answer["id"]?.stringValue else {
            throw PrivXError.invalidResponse(method: "POST", path: Self.roleStorePrefix + "/roles", detail: "no id in the answer")
        }
        return id
    }

    public func updateRole(_ role: Role) async throws {
        _ = try await call(.PUT, "/roles/" + Self.requireID(role.id, "role"), body: role.json)
    }

    public func deleteRole(id: String) async throws {
        _ = try await call(.DELETE, "/roles/" + Self.requireID(id, "role"))
    }

    public func resolveRoles(names: [String]) async throws -> [RoleRef] {
        guard !names.isEmpty else { return [] }
        let list = try await callList(.POST, "/roles/resolve", body: .array(names.map(JSONValue.string)))
        return list.items.map(RoleRef.init(document:))
    }

    public func searchRoles(names: [String], page: PageRequest) async throws -> Page<Role> {
        let body = JSONValue.object(JSONObject(["name": .array(names.map(JSONValue.string))]))
        let list = try await callRawList(.POST, "/roles/search", query: page.queryItems, body: body)
        return Page(count: list.count, items: list.items.map(Role.init(validatedJSON:)))
    }

    public func evaluate(_ role: Role) async throws -> EvaluateResult {
        let list = try await callList(.POST, "/roles/evaluate", body: role.json)
        let users = list.items.map(User.init(document:))
        if users.isEmpty, list.count > 0 { return EvaluateResult(count: list.count, users: nil) }
        return EvaluateResult(count: list.count, users: users)
    }

    public func members(roleID: String, page: PageRequest) async throws -> Page<User> {
        let list = try await callList(.GET, "/roles/\(Self.requireID(roleID, "role"))/members", query: page.queryItems)
        return Page(count: list.count, items: list.items.map(User.init(document:)))
    }

    public func allMembers(roleID: String, progress: (@Sendable (Int, Int) -> Void)?) async throws -> [User] {
        try await PageCollector(pageSize: configuration.pageSize, concurrency: configuration.pageConcurrency)
            .collect(onPage: PageCollector.counting(progress)) { offset, limit in
                try await self.members(roleID: roleID, page: PageRequest(offset: offset, limit: limit))
            }
    }

    public func user(id: String) async throws -> User {
        User(document: try await callObject(.GET, "/users/" + Self.requireID(id, "user")))
    }

    public func sources() async throws -> [Source] {
        try await callList(.GET, "/sources").items.map(Source.init(document:))
    }

    public func status() async throws -> ServiceStatus {
        ServiceStatus(document: try await callObject(.GET, "/status"))
    }
}
