import Foundation

/// A role's principal keys (`/roles/{id}/principalkeys…`): the contract of SSHcom/privx-sdk-go
/// api/rolestore/client.go@0652e857 (`GetPrincipalKeys`, `CreatePrincipalKey`, `ImportPrincipalKey`,
/// `GetPrincipalKey`, `DeletePrincipalKey`) and the API reference (privx.docs.ssh.com/v34
/// `api/role-store/generate-new-principal-key-for-role`, v33 `import-new-principal-key-for-role`: 201 with the
/// key's id). Generation is asynchronous, as the Terraform provider's 12 s poll of `GET …/principalkeys/{key_id}`
/// shows (SSHcom/terraform-provider-privx internal/provider/role_resource.go@a71be719): the key exists at once
/// with an empty `public_key`, which is filled `principalKeyDelay` seconds later. Every change is journaled.
extension RoleStore {
    /// `{count, items: [{id, public_key}]}`.
    func principalKeys(roleID: String) throws(APIError) -> SimulatorJSON {
        guard state.roles[roleID] != nil else { throw .notFound("role", roleID) }
        let keys = state.principalKeys[roleID] ?? []
        return ["count": .int(keys.count), "items": .array(keys)]
    }

    func principalKey(roleID: String, keyID: String) throws(APIError) -> SimulatorJSON {
        guard state.roles[roleID] != nil else { throw .notFound("role", roleID) }
        guard let key = state.principalKeys[roleID]?.first(where: { $0["id"]?.stringValue == keyID }) else {
            throw .notFound("principal key", keyID)
        }
        return key
    }

    /// Adds a key without its public half and finishes it in the background; answers its id.
    func generatePrincipalKey(roleID: String) throws(APIError) -> String {
        guard state.roles[roleID] != nil else { throw .notFound("role", roleID) }
        let keyID = UUIDText.random()
        try commit(.putPrincipalKey(roleID: roleID, key: ["id": .string(keyID), "public_key": ""]))
        finishLater(roleID: roleID, keyID: keyID)
        return keyID
    }

    /// Reads the public half out of `body.private_key` and stores only that; the private key is dropped here.
    func importPrincipalKey(roleID: String, _ body: SimulatorJSON) throws(APIError) -> String {
        guard state.roles[roleID] != nil else { throw .notFound("role", roleID) }
        guard case .object(let members) = body else {
            throw .badRequest("VALUE_INCORRECT_TYPE", "the body must be an object {\"private_key\": \"<PEM>\"}", property: nil)
        }
        // `private_key` is the Go SDK's name (model.go RolePrincipalKeyImport); the Python SDK's docstring shows
        // `primary_key` (SSHcom/privx-sdk-for-python privx_api/role_store.py@0d280c35 import_principal_key).
        // The two disagree, so both are read, `private_key` first.
        guard let value = members["private_key"] ?? members["primary_key"], value != .null else {
            throw .badRequest("REQUIRED_VALUE_MISSING", "private_key is required: the PEM text of the key to import", property: "private_key")
        }
        guard let pem = value.stringValue else {
            throw .badRequest("VALUE_INCORRECT_TYPE", "private_key must be a string holding the PEM text", property: "private_key")
        }
        let line: String
        do { line = try PrincipalKeyMaterial.publicLine(importing: pem) } catch { throw error.apiError }
        let keyID = UUIDText.random()
        try commit(.putPrincipalKey(roleID: roleID, key: ["id": .string(keyID), "public_key": .string(line)]))
        return keyID
    }

    func deletePrincipalKey(roleID: String, keyID: String) throws(APIError) {
        _ = try principalKey(roleID: roleID, keyID: keyID)
        try commit(.deletePrincipalKey(roleID: roleID, keyID: keyID))
    }

    /// Sets the generation delay and restarts generations a previous run left unfinished (killed mid-way).
    func startPrincipalKeyGeneration(delay: Double) {
        principalKeyDelay = delay
        for (roleID, keys) in state.principalKeys {
            for key in keys where key["public_key"]?.stringValue?.isEmpty ?? true {
                if let keyID = key["id"]?.stringValue { finishLater(roleID: roleID, keyID: keyID) }
            }
        }
    }

    private func finishLater(roleID: String, keyID: String) {
        let delay = principalKeyDelay
        Task.detached(priority: .utility) { [weak self] in
            if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000)) }
            // The key pair is made off the actor (RSA generation takes a moment); only its public line is kept.
            guard let line = try? PrincipalKeyMaterial.generateRSA() else { return }
            await self?.finishGeneration(roleID: roleID, keyID: keyID, line: line)
        }
    }

    private func finishGeneration(roleID: String, keyID: String, line: String) {
        // Deleted meanwhile (the key or its role): nothing to fill in.
        guard let key = state.principalKeys[roleID]?.first(where: { $0["id"]?.stringValue == keyID }),
              key["public_key"]?.stringValue?.isEmpty ?? true else { return }
        try? commit(.putPrincipalKey(roleID: roleID, key: ["id": .string(keyID), "public_key": .string(line)]))
    }
}
