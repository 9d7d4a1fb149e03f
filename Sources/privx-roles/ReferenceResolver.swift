import PrivXAPI

/// Turns what a person typed (a name, an id, an ARN) into server objects, through the API.
struct ReferenceResolver {
    let api: any RoleStoreAPI

    static func looksLikeID(_ text: String) -> Bool {
        let hex = text.filter { $0 != "-" }
        return text.count == 36 && hex.count == 32 && hex.allSatisfy(\.isHexDigit)
    }

    /// A role by id or exact name.
    func role(_ reference: String) async throws -> Role {
        if Self.looksLikeID(reference) {
            do {
                return try await api.role(id: reference)
            } catch let error as PrivXError where error.status == 404 {
                // Not an id after all: fall through to a name lookup.
            }
        }
        let matches = try await api.resolveRoles(names: [reference])
        guard let match = matches.first(where: { $0.name == reference }) ?? matches.first, !match.id.isEmpty else {
            throw PrivXError.notFound(kind: "PrivX role", reference: reference)
        }
        return try await api.role(id: match.id)
    }

    /// `{id, name}` references for several roles, in the order given; all names resolved in one call.
    func roleRefs(_ references: [String]) async throws -> [RoleRef] {
        let names = references.filter { !Self.looksLikeID($0) }
        let resolved = try await api.resolveRoles(names: names)
        var result: [RoleRef] = []
        for reference in references {
            if let match = resolved.first(where: { $0.name == reference }) {
                result.append(RoleRef(id: match.id, name: match.name))
            } else if Self.looksLikeID(reference) {
                let role = try await self.role(reference)
                result.append(RoleRef(id: role.id, name: role.name))
            } else {
                throw PrivXError.notFound(kind: "PrivX role", reference: reference)
            }
        }
        return result
    }

    /// An AWS role by id, ARN or display name (a name shared by several roles is refused with their ARNs).
    func awsRole(_ reference: String) async throws -> AWSRole {
        let all = try await api.awsRoles(refresh: false)
        if let match = all.first(where: { $0.id == reference || $0.arn == reference }) { return match }
        var byName = all.filter { $0.name == reference }
        if byName.isEmpty { byName = all.filter { $0.name.lowercased() == reference.lowercased() } }
        if byName.count == 1 { return byName[0] }
        if byName.count > 1 {
            throw PrivXError.invalidRequest("Several AWS roles are named \"\(reference)\": "
                + byName.map(\.arn).joined(separator: ", ") + ". Name one by its ARN or id.")
        }
        throw PrivXError.notFound(kind: "AWS role", reference: reference)
    }
}
