/// The delete counterpart of `updateRoleVerified` / `createRoleVerified`, for `roles delete` and
/// `roles apply --prune`: a delete whose answer was lost is decided by re-reading the role.
extension RoleStoreAPI {
    /// Deletes a role and checks it is gone: `held` is true when a read of the id answers 404. After a
    /// timeout, a broken connection or a 5xx the role is re-read (`WriteVerifier`) before the delete is
    /// called failed; a 404 to the DELETE itself (someone deleted it first) counts as gone.
    public func deleteRoleVerified(id: String, verifier: WriteVerifier = WriteVerifier()) async throws -> WriteVerifier.Result<Bool> {
        do {
            return try await verifier.perform(
                write: { try await self.deleteRole(id: id) },
                read: { _ in
                    do {
                        _ = try await self.role(id: id)
                        return false
                    } catch let error as PrivXError where error.status == 404 {
                        return true
                    }
                },
                holds: { $0 })
        } catch let error as PrivXError {
            // Only the DELETE can throw a 404 here (the read-back turns one into "gone").
            guard case .http(404, "DELETE", _, _) = error else { throw error }
            return WriteVerifier.Result(value: true, held: true, writeError: error)
        }
    }
}
