import Foundation
import PrivXAPI

/// A user a grant is about: the id the API takes and the principal a person recognises.
public struct Grantee: Sendable, Hashable {
    public var id: String
    public var principal: String

    public init(id: String, principal: String) {
        self.id = id
        self.principal = principal
    }

    init(_ user: User) { self.init(id: user.id, principal: user.principal.isEmpty ? user.id : user.principal) }
}

/// The network work of the members screen (run by `EffectRunner.performMembers`).
public enum MembersEffect: Sendable, Hashable {
    /// Read the grant of `roleID` from each user's role list (`GET /users/{id}/roles`), for the Holds-by column.
    case loadGrants(roleID: String, roleName: String, userIDs: [String])
    /// Grant `role` to each user with `terms` (read-modify-write per user, `grantRole`).
    case grant(RoleRef, [Grantee], GrantTerms)
    /// Put back each user's grant as it was before (undo): a handle restores those terms, nil revokes.
    case restore(RoleRef, [GranteeBefore])
    /// Revoke the explicit grant of `role` from the user (`revokeRole`).
    case revoke(RoleRef, Grantee)
    /// `POST /users/search` for the add-members dialog.
    case searchUsers(query: String)
}

/// A user and the grant of one role they held before a change (nil: none), which an undo restores.
public struct GranteeBefore: Sendable, Hashable {
    public var user: Grantee
    public var before: RoleHandle?
}

/// What one user's grant change did, as read back.
public struct GranteeResult: Sendable {
    public var user: Grantee
    /// The role's handle before the change (nil: no explicit grant).
    public var before: RoleHandle?
    /// What changed; nil when it failed.
    public var change: PrivXAPI.GrantOutcome.Change?
    /// The handle read back after it (nil: no explicit grant now).
    public var after: RoleHandle?
    /// Why it failed, worded for a person.
    public var failure: String?
    /// The permission a 403 named.
    public var refusedPermission: String?
}

/// The results of the members screen's effects.
public enum MembersMessage: Sendable {
    /// userID → the user's handle of the role (explicit or not), for the users asked about.
    case grantsLoaded(roleID: String, [String: RoleHandle])
    /// A grant, revoke or undo ran for each user.
    case grantsChanged(RoleRef, [GranteeResult], undo: Bool)
    /// The add-members dialog's search answered.
    case usersFound(query: String, users: [User], total: Int)
}

extension EffectRunner {
    /// How many users' role lists are read at once.
    static let grantReadWidth = 6
    /// How many search results the add-members dialog shows.
    static let searchLimit = 50

    /// Performs a members effect and posts its answer.
    func performMembers(_ effect: MembersEffect, _ post: @escaping @Sendable (Message) -> Void) async {
        switch effect {
        case .loadGrants(let roleID, let roleName, let userIDs):
            do {
                post(.members(.grantsLoaded(roleID: roleID, try await grants(of: roleID, userIDs))))
            } catch {
                post(.failed(.readGrants(roleName: roleName), Self.privXError(error)))
            }
        case .searchUsers(let query):
            await findUsers(query, limit: Self.searchLimit, post) { .members(.usersFound(query: query, users: $0.items, total: $0.count)) }
        case .grant(let role, let users, let terms):
            var results: [GranteeResult] = []
            for user in users { results.append(await change(role, user) { try await self.api.grantRole(role, to: user.id, terms: terms, verifier: self.verifier) }) }
            post(.members(.grantsChanged(role, results, undo: false)))
        case .revoke(let role, let user):
            let result = await change(role, user) { try await self.api.revokeRole(role, from: user.id, verifier: self.verifier) }
            post(.members(.grantsChanged(role, [result], undo: false)))
        case .restore(let role, let users):
            var results: [GranteeResult] = []
            for entry in users {
                results.append(await change(role, entry.user) {
                    guard let before = entry.before else { return try await self.api.revokeRole(role, from: entry.user.id, verifier: self.verifier) }
                    guard let terms = GrantTerms(before) else {
                        throw PrivXError.invalidRequest("the earlier grant had terms the console cannot write back exactly (several periods); "
                            + "grant it again by hand (a on the members screen)")
                    }
                    return try await self.api.grantRole(role, to: entry.user.id, terms: terms, verifier: self.verifier)
                })
            }
            post(.members(.grantsChanged(role, results, undo: true)))
        }
    }

    /// The handle of `roleID` in each user's role list, a few users at a time.
    private func grants(of roleID: String, _ userIDs: [String]) async throws -> [String: RoleHandle] {
        var found: [String: RoleHandle] = [:]
        var index = 0
        while index < userIDs.count {
            let batch = userIDs[index..<min(userIDs.count, index + Self.grantReadWidth)]
            index += batch.count
            try await withThrowingTaskGroup(of: (String, RoleHandle?).self) { group in
                for id in batch {
                    group.addTask { (id, try await self.api.userRoles(userID: id).first { $0.id == roleID }) }
                }
                for try await (id, handle) in group { if let handle { found[id] = handle } }
            }
        }
        return found
    }

    /// Runs one user's grant change: the role's handle is read first (what an undo restores), then `body`
    /// writes and reads back. A failure is kept per user so one refusal does not stop the rest.
    private func change(_ role: RoleRef, _ user: Grantee, _ body: @Sendable () async throws -> PrivXAPI.GrantOutcome) async -> GranteeResult {
        var result = GranteeResult(user: user)
        do {
            result.before = try await api.userRoles(userID: user.id).first { $0.id == role.id && $0.isExplicit }
            let outcome = try await body()
            result.change = outcome.change
            result.after = outcome.roles.first { $0.id == role.id && $0.isExplicit }
            if let lost = outcome.writeError { logger.notice("grant change of \(role.name) for \(user.id): answer lost (\(lost.kind)), the server holds it") }
        } catch {
            let error = Self.privXError(error)
            if error.status == 403, let permission = Console.missingPermission(error) {
                result.refusedPermission = permission
                result.failure = "the API client lacks the permission \(permission) (HTTP 403); nothing was changed"
            } else {
                result.failure = error.description
            }
        }
        return result
    }
}

extension EffectRunner {
    /// A thrown error as the console words errors (anything else than a `PrivXError` becomes an invalid request).
    static func privXError(_ error: any Error) -> PrivXError {
        (error as? PrivXError) ?? .invalidRequest(String(describing: error))
    }
}

extension GranteeResult {
    init(user: Grantee) { self.user = user }
}

extension GrantTerms {
    /// The terms of an explicit grant as read, when they can be written back exactly (one period at most).
    init?(_ handle: RoleHandle) {
        switch handle.grantType {
        case nil, "PERMANENT"?: self = .permanent
        case "FLOATING"?:
            guard let hours = handle.floatingHours else { return nil }
            self = .floating(hours: hours)
        case "TIME_RESTRICTED"?:
            guard handle.periods.count == 1, let start = handle.periods[0].startDate, let end = handle.periods[0].endDate else { return nil }
            self = .timeRestricted(start: start, end: end)
        default: return nil
        }
    }
}
