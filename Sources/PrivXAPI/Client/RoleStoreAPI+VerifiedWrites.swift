/// The writes the console and the headless commands make, each read back through `WriteVerifier`: the
/// caller learns what the server holds, also when the write's own answer was lost.
extension RoleStoreAPI {
    /// Replaces the PrivX roles that grant an AWS role and reads the set back; it is held when `holds` says
    /// so, by default when the server's set has exactly the ids of `roles`.
    public func setAWSRoleLinkedRolesVerified(id: String, roles: [RoleRef], verifier: WriteVerifier = WriteVerifier(),
                                              holds: (([RoleRef]) -> Bool)? = nil) async throws -> WriteVerifier.Result<[RoleRef]> {
        let wanted = Set(roles.map(\.id))
        return try await verifier.perform(
            write: { try await self.setAWSRoleLinkedRoles(id: id, roles: roles) },
            read: { _ in try await self.awsRoleLinkedRoles(id: id) },
            holds: holds ?? { Set($0.map(\.id)) == wanted })
    }

    /// PUTs a role document and reads the role back; `holds` says whether what the server has now carries
    /// the edits (the caller knows which fields it changed).
    public func updateRoleVerified(_ role: Role, verifier: WriteVerifier = WriteVerifier(), holds: (Role) -> Bool)
        async throws -> WriteVerifier.Result<Role> {
        try await verifier.perform(
            write: { try await self.updateRole(role) },
            read: { _ in try await self.role(id: role.id) },
            holds: holds)
    }

    /// Creates a role and reads it back. When the POST's answer was lost the new role is found by its name;
    /// when a retry gets `VALUE_DUPLICATE` and the role of that name holds the edits, that role is the one
    /// the lost answer created, and it is returned instead of the refusal (so the form never gets stuck).
    public func createRoleVerified(_ role: Role, verifier: WriteVerifier = WriteVerifier(), holds: (Role) -> Bool)
        async throws -> WriteVerifier.Result<Role> {
        do {
            return try await verifier.perform(
                write: { try await self.createRole(role) },
                read: { id in try await self.findRole(id: id, name: role.name) },
                holds: holds)
        } catch let error as PrivXError where error.status == 400 && error.errorCode == "VALUE_DUPLICATE" {
            guard let found = try await verifier.readBack({ try await self.findRole(id: nil, name: role.name) }), holds(found) else {
                throw error
            }
            return WriteVerifier.Result(value: found, held: true, writeError: error)
        }
    }

    /// A role by id, or by its exact name (as the server matches names) when the id is not known; nil when absent.
    func findRole(id: String?, name: String) async throws -> Role? {
        if let id { return try await role(id: id) }
        guard let ref = try await resolveRoles(names: [name]).first else { return nil }
        return try await role(id: ref.id)
    }
}
