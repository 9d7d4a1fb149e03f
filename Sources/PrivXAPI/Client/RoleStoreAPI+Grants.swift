import Foundation

/// What a grant or a revoke did for one user, as the server holds it afterwards.
public struct GrantOutcome: Sendable {
    public enum Change: String, Sendable {
        /// The user did not hold the role explicitly and now does.
        case granted
        /// The user held an explicit grant with other terms; it now has the new ones.
        case updated
        /// The explicit grant is gone.
        case revoked
        /// Nothing to write: the grant already had these terms, or there was no grant to revoke.
        case unchanged
    }

    /// What changed.
    public var change: Change
    /// The user's roles as read back after the write (as read before it when nothing was written).
    public var roles: [RoleHandle]
    /// The write's own failure when its answer was lost and the re-read showed the change held anyway.
    public var writeError: PrivXError?
}

/// Grant and revoke as a read-modify-write of the user's role list, shared by the headless commands and the console.
///
/// PrivX has no per-grant endpoint: `PUT /users/{id}/roles` replaces the user's whole list (the Go SDK's
/// `UpdateUserRoles`; the Python SDK's `examples/example-role-grant.py` and the MCP server's
/// `internal/tools/roles/tool/grant.go`/`revoke.go` read the list, change it and PUT it back, with no check and with the
/// mapped entries included). Here the list is read right before the PUT (so grants someone else made meanwhile are
/// kept), only the explicit entries go back, unchanged, plus the one change (a mapped role is not a grant and is
/// never written), and the list is read back through `WriteVerifier`, which also decides a write whose answer was lost.
extension RoleStoreAPI {
    /// Grants `role` to the user with `terms`. A user who already holds it explicitly gets the new terms
    /// (`updated`), or nothing is written when the terms are the same (`unchanged`).
    public func grantRole(_ role: RoleRef, to userID: String, terms: GrantTerms,
                          verifier: WriteVerifier = WriteVerifier()) async throws -> GrantOutcome {
        try terms.validate()
        let current = try await userRoles(userID: userID)
        guard let plan = GrantPlan.granting(RoleHandle(roleID: role.id, name: role.name, terms: terms), terms: terms, in: current) else {
            return GrantOutcome(change: .unchanged, roles: current, writeError: nil)
        }
        return try await writeGrants(userID: userID, plan.0, change: plan.1, roleName: role.name, verifier: verifier) { after in
            after.contains { $0.id == role.id && $0.isExplicit && terms.matches($0) }
        }
    }

    /// Revokes the user's explicit grant of `role`. A role the user holds only through the role's rules cannot be
    /// revoked (the error says to change the rules or the directory); no grant at all is `unchanged`.
    public func revokeRole(_ role: RoleRef, from userID: String,
                           verifier: WriteVerifier = WriteVerifier()) async throws -> GrantOutcome {
        let current = try await userRoles(userID: userID)
        guard current.contains(where: { $0.id == role.id && $0.isExplicit }) else {
            if current.contains(where: { $0.id == role.id && $0.isImplicit }) {
                throw PrivXError.invalidRequest("The user holds \(role.name) through the role's rules (mapped), not by a grant, so there is "
                    + "nothing to revoke: change the role's rules, or the user's entry in the directory.")
            }
            return GrantOutcome(change: .unchanged, roles: current, writeError: nil)
        }
        let next = GrantPlan.revoking(roleID: role.id, in: current)
        return try await writeGrants(userID: userID, next, change: .revoked, roleName: role.name, verifier: verifier) { after in
            !after.contains { $0.id == role.id && $0.isExplicit }
        }
    }

    private func writeGrants(userID: String, _ next: [RoleHandle], change: GrantOutcome.Change, roleName: String,
                             verifier: WriteVerifier,
                             holds: @escaping ([RoleHandle]) -> Bool) async throws -> GrantOutcome {
        let result = try await verifier.perform(
            write: { try await self.setUserRoles(userID: userID, roles: next) },
            read: { _ in try await self.userRoles(userID: userID) },
            holds: holds)
        guard result.held else {
            throw PrivXError.invalidRequest("The server acknowledged the change of \(roleName) for user \(userID) but does not hold it "
                + "when read back; nothing was applied. Check the user's roles and try again.")
        }
        return GrantOutcome(change: change, roles: result.value ?? [], writeError: result.writeError)
    }
}

extension GrantTerms {
    /// Whether a handle's grant has these terms (times compared as instants, so `+02:00` equals its `Z` form).
    public func matches(_ handle: RoleHandle) -> Bool {
        switch self {
        case .permanent:
            return handle.grantType == nil || handle.grantType == "PERMANENT"
        case .timeRestricted(let start, let end):
            guard handle.grantType == "TIME_RESTRICTED", handle.periods.count == 1, let period = handle.periods.first,
                  let readStart = period.startDate, let readEnd = period.endDate else { return false }
            return abs(readStart.timeIntervalSince(start)) < 1 && abs(readEnd.timeIntervalSince(end)) < 1
        case .floating(let hours):
            return handle.grantType == "FLOATING" && handle.floatingHours == hours
        }
    }
}

/// The list a grant or a revoke PUTs, from the list read just before: the explicit entries as read (their documents
/// untouched) plus the one change; entries the user holds only by mapping are never part of it.
enum GrantPlan {
    /// The list with `handle` granted, and whether that is a new grant or new terms; nil when the user already holds
    /// the role explicitly with these terms.
    static func granting(_ handle: RoleHandle, terms: GrantTerms, in current: [RoleHandle]) -> ([RoleHandle], GrantOutcome.Change)? {
        var next = current.filter(\.isExplicit)
        if let index = next.firstIndex(where: { $0.id == handle.id }) {
            if terms.matches(next[index]) { return nil }
            next[index] = handle
            return (next, .updated)
        }
        next.append(handle)
        return (next, .granted)
    }

    /// The explicit entries without `roleID`.
    static func revoking(roleID: String, in current: [RoleHandle]) -> [RoleHandle] {
        current.filter { $0.isExplicit && $0.id != roleID }
    }
}
