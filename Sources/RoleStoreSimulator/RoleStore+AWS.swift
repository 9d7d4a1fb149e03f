/// AWS roles: the cached scan results, their mappings to PrivX roles, and re-scans.
extension RoleStore {
    /// The AWS role as clients see it, mapping names refreshed from the current roles.
    func awsRoleJSON(_ id: String) -> SimulatorJSON? {
        guard var role = state.awsRoles[id] else { return nil }
        role["roles"] = .array(mappedRoles(role))
        return role
    }

    private func mappedRoles(_ role: SimulatorJSON) -> [SimulatorJSON] {
        (role["roles"]?.arrayValue ?? []).compactMap { entry in
            guard let id = entry["id"]?.stringValue else { return nil }
            let name = state.roles[id]?["name"] ?? entry["name"] ?? .string("")
            return ["id": .string(id), "name": name]
        }
    }

    func listAWSRoles() -> [UInt8] {
        let ids = state.awsRoles.keys.sorted { lhs, rhs in
            let (a, b) = (state.awsRoles[lhs]?["name"]?.stringValue ?? "", state.awsRoles[rhs]?["name"]?.stringValue ?? "")
            return a != b ? a < b : lhs < rhs
        }
        return Self.listBody(count: ids.count, items: ids.compactMap { awsRoleJSON($0) })
    }

    func getAWSRole(_ id: String) throws(APIError) -> SimulatorJSON {
        guard let role = awsRoleJSON(id) else { throw .notFound("AWS role", id) }
        return role
    }

    func deleteAWSRole(_ id: String) throws(APIError) {
        guard state.awsRoles[id] != nil else { throw .notFound("AWS role", id) }
        try commit(.deleteAWSRole(id))
    }

    func awsRoleMappings(_ id: String) throws(APIError) -> [UInt8] {
        guard let role = state.awsRoles[id] else { throw .notFound("AWS role", id) }
        let items = mappedRoles(role)
        return Self.listBody(count: items.count, items: items)
    }

    func putAWSRoleMappings(_ id: String, _ body: SimulatorJSON) throws(APIError) {
        guard var role = state.awsRoles[id] else { throw .notFound("AWS role", id) }
        guard let entries = body.arrayValue else {
            throw .badRequest("VALUE_INCORRECT_TYPE", "send a JSON array of {\"id\", \"name\"} objects; it replaces the whole set", property: "roles")
        }
        var seen: Set<String> = []
        var mapped: [SimulatorJSON] = []
        for (position, entry) in entries.enumerated() {
            if let name = entry["name"], name != .null, name.stringValue == nil {
                throw .badRequest("VALUE_INCORRECT_TYPE", "item \(position) has a name that is not a string (\(name.typeName))",
                                  property: "roles[\(position)].name")
            }
            guard let roleID = entry["id"]?.stringValue else {
                throw .badRequest("REQUIRED_VALUE_MISSING", "item \(position) has no role id", property: "roles[\(position)].id")
            }
            guard let privxRole = state.roles[roleID] else {
                throw .badRequest("INVALID_REQUEST_DATA", "\(roleID) is not a PrivX role id; nothing was changed. Pick roles from GET /role-store/api/v1/roles",
                                  property: "roles[\(position)].id")
            }
            if seen.insert(roleID).inserted {
                mapped.append(["id": .string(roleID), "name": privxRole["name"] ?? .string("")])
            }
        }
        role["roles"] = .array(mapped)
        try commit(.putAWSRole(role))
    }

    /// One scan of the AWS inventory: new roles appear, vanished ones turn MISSING, found ones OK.
    func rescanAWS() throws(APIError) {
        let generation = state.scanGeneration + 1
        let now = Timestamp.now()
        var cache = state.awsRoles
        for role in inventory.roles {
            let present = role.isPresent(atGeneration: generation)
            if var cached = cache[role.id] {
                let status = present ? "OK" : "MISSING"
                if cached["status"]?.stringValue != status || present {
                    cached["status"] = .string(status)
                    cached["updated"] = .string(now)
                }
                cache[role.id] = cached
            } else if present {
                cache[role.id] = role.document(status: "OK", updated: now, roles: [])
            }
        }
        try commit(.scan(generation: generation, cache: cache))
    }
}
