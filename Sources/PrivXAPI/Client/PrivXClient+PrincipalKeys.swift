import NIOHTTP1

/// A role's principal keys over HTTP: the paths and bodies of SSHcom/privx-sdk-go api/rolestore/client.go@0652e857
/// (`GetPrincipalKeys`, `CreatePrincipalKey` = `POST …/generate` without a body, `ImportPrincipalKey` =
/// `POST …/import` with `{"private_key": PEM}`, `GetPrincipalKey`, `DeletePrincipalKey`); generate and import
/// answer 201 `{id}` (privx.docs.ssh.com/v34 and v33 API reference).
extension PrivXClient {
    public func principalKeys(roleID: String) async throws -> [PrincipalKey] {
        try await callList(.GET, "/roles/\(Self.requireID(roleID, "role"))/principalkeys").items.map(PrincipalKey.init(document:))
    }

    public func principalKey(roleID: String, keyID: String) async throws -> PrincipalKey {
        PrincipalKey(document: try await callObject(.GET, "/roles/\(Self.requireID(roleID, "role"))/principalkeys/"
            + Self.requireID(keyID, "principal key")))
    }

    public func generatePrincipalKey(roleID: String) async throws -> String {
        try await createdID(.POST, "/roles/\(Self.requireID(roleID, "role"))/principalkeys/generate", body: nil)
    }

    public func importPrincipalKey(roleID: String, privateKey: PrivateKeyFile) async throws -> String {
        // The body exists only for this call; the transport keeps no copy of request bodies (APICallRecord has
        // method, path, status and timing only), and the server's error text never holds the key.
        let body = JSONValue.object(JSONObject(["private_key": .string(privateKey.pem)]))
        return try await createdID(.POST, "/roles/\(Self.requireID(roleID, "role"))/principalkeys/import", body: body)
    }

    public func deletePrincipalKey(roleID: String, keyID: String) async throws {
        _ = try await call(.DELETE, "/roles/\(Self.requireID(roleID, "role"))/principalkeys/" + Self.requireID(keyID, "principal key"))
    }

    /// The `id` of a 201 `{id}` answer.
    private func createdID(_ method: HTTPMethod, _ path: String, body: JSONValue?) async throws -> String {
        let answer = try await callJSON(method, path, body: body)
        guard let id = answer["id"]?.stringValue, !id.isEmpty else {
            throw PrivXError.invalidResponse(method: method.rawValue, path: Self.roleStorePrefix + path, detail: "no id in the answer")
        }
        return id
    }
}
