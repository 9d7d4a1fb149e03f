extension PrivXClient {
    public func awsRoles(refresh: Bool) async throws -> [AWSRole] {
        let list = try await callList(.GET, "/awsroles", query: [("refresh", refresh ? "true" : "false")])
        return list.items.map(AWSRole.init(document:))
    }

    public func awsRole(id: String) async throws -> AWSRole {
        AWSRole(document: try await callObject(.GET, "/awsroles/" + Self.requireID(id, "AWS role")))
    }

    public func deleteAWSRole(id: String) async throws {
        _ = try await call(.DELETE, "/awsroles/" + Self.requireID(id, "AWS role"))
    }

    public func awsRoleLinkedRoles(id: String) async throws -> [RoleRef] {
        let list = try await callList(.GET, "/awsroles/\(Self.requireID(id, "AWS role"))/roles")
        return list.items.map(RoleRef.init(document:))
    }

    public func setAWSRoleLinkedRoles(id: String, roles: [RoleRef]) async throws {
        let body = JSONValue.array(roles.map { JSONValue.object(JSONObject(["id": .string($0.id), "name": .string($0.name)])) })
        _ = try await call(.PUT, "/awsroles/\(Self.requireID(id, "AWS role"))/roles", body: body)
    }
}
