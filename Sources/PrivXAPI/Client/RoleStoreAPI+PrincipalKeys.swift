/// Principal key writes read back through `WriteVerifier`: after a lost answer (timeout, broken connection,
/// 5xx) the role's keys are re-read and the server decides whether the key was added or removed.
extension RoleStoreAPI {
    /// Generates a key and reads it back. When the answer was lost, the new key is the one whose id was not
    /// in the role's list before the call; the value is the key as read (its public half may still be empty).
    public func generatePrincipalKeyVerified(roleID: String, verifier: WriteVerifier = WriteVerifier())
        async throws -> WriteVerifier.Result<PrincipalKey> {
        let before = Set(try await principalKeys(roleID: roleID).map(\.id))
        return try await verifier.perform(
            write: { try await self.generatePrincipalKey(roleID: roleID) },
            read: { id in try await self.findAddedKey(roleID: roleID, id: id, before: before) },
            holds: { _ in true })
    }

    /// Imports a private key and reads the new key back, found as for `generatePrincipalKeyVerified`.
    public func importPrincipalKeyVerified(roleID: String, privateKey: PrivateKeyFile, verifier: WriteVerifier = WriteVerifier())
        async throws -> WriteVerifier.Result<PrincipalKey> {
        let before = Set(try await principalKeys(roleID: roleID).map(\.id))
        return try await verifier.perform(
            write: { try await self.importPrincipalKey(roleID: roleID, privateKey: privateKey) },
            read: { id in try await self.findAddedKey(roleID: roleID, id: id, before: before) },
            holds: { _ in true })
    }

    /// Deletes a key and checks that the role no longer lists it.
    public func deletePrincipalKeyVerified(roleID: String, keyID: String, verifier: WriteVerifier = WriteVerifier())
        async throws -> WriteVerifier.Result<Bool> {
        try await verifier.perform(
            write: { try await self.deletePrincipalKey(roleID: roleID, keyID: keyID) },
            read: { _ in try await !self.principalKeys(roleID: roleID).contains { $0.id == keyID } },
            holds: { $0 })
    }

    /// The key a generate or import added: by the id it answered, or (answer lost) the one key not listed before.
    private func findAddedKey(roleID: String, id: String?, before: Set<String>) async throws -> PrincipalKey? {
        if let id { return try await principalKey(roleID: roleID, keyID: id) }
        let added = try await principalKeys(roleID: roleID).filter { !before.contains($0.id) }
        return added.count == 1 ? added[0] : nil
    }
}
