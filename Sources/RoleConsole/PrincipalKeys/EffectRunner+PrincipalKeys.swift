import PrivXAPI

/// Principal key work against the API: every write read back through the verified writes of
/// `RoleStoreAPI+PrincipalKeys.swift`, a generated key polled with backoff within a bound
/// (`PrincipalKeyGeneration`), and the role re-read after a change so the detail pane's
/// `principal_public_key_strings` follows.
extension EffectRunner {
    func performPrincipalKeys(_ work: PrincipalKeysEffect, _ answer: @escaping @Sendable (Message) -> Message) async {
        await attempt(.principalKeys(work.job), answer) { .principalKeys(try await self.principalKeys(work)) }
    }

    private func principalKeys(_ work: PrincipalKeysEffect) async throws -> PrincipalKeysResult {
        switch work {
        case .load(let roleID, _):
            return .loaded(roleID: roleID, keys: try await api.principalKeys(roleID: roleID))
        case .generate(let roleID, let roleName, let waitSeconds):
            let written = try await api.generatePrincipalKeyVerified(roleID: roleID, verifier: verifier)
            guard var key = written.value else { throw lost("generated", roleName) }
            if !key.isReady {
                let inbox = self.inbox, keyID = key.id
                inbox.post(.principalKeys(.progress(roleID: roleID, keyID: keyID, poll: 0, waited: 0)))
                key = try await PrincipalKeyGeneration(bound: waitSeconds).wait(api: api, roleID: roleID, keyID: keyID) { poll, waited in
                    inbox.post(.principalKeys(.progress(roleID: roleID, keyID: keyID, poll: poll, waited: waited)))
                }
            }
            return await changed(roleID, .generated(key))
        case .importKey(let roleID, let roleName, let path):
            return await changed(roleID, .imported(try await importKey(roleID: roleID, roleName: roleName, path: path), path: path))
        case .delete(let roleID, let roleName, let keyID, let fingerprint):
            let written = try await api.deletePrincipalKeyVerified(roleID: roleID, keyID: keyID, verifier: verifier)
            guard written.held else {
                throw PrivXError.invalidRequest("the server acknowledged the delete but still lists the key \(fingerprint) of \(roleName); "
                    + "nothing was deleted. The list shows what the server holds; try again.")
            }
            return await changed(roleID, .deleted(keyID: keyID, fingerprint: fingerprint))
        }
    }

    /// Reads the private key from `path` and imports it. The key's text exists only inside this call: read
    /// here, sent once as the request body, dropped when the call returns; `PrivateKeyFile` prints as its path.
    private func importKey(roleID: String, roleName: String, path: String) async throws -> PrincipalKey {
        let file = try PrivateKeyFile(path: path)
        let written = try await api.importPrincipalKeyVerified(roleID: roleID, privateKey: file, verifier: verifier)
        guard let key = written.value else { throw lost("imported", roleName) }
        return key
    }

    /// The change with the keys and the role as the server now has them (nil for a read that failed: the
    /// change itself held, and the list reloads).
    private func changed(_ roleID: String, _ change: PrincipalKeyChange) async -> PrincipalKeysResult {
        let keys = try? await api.principalKeys(roleID: roleID)
        let role = try? await api.role(id: roleID)
        return .changed(roleID: roleID, change, keys: keys, role: role)
    }

    private func lost(_ what: String, _ roleName: String) -> PrivXError {
        .invalidRequest("the key was sent but no \(what) key of \(roleName) was found when its keys were read back; "
            + "the list shows what the server holds.")
    }
}
