import Foundation
import PrivXAPI

/// Turns what a person typed for a user (an id, a principal, an e-mail address) into a user, through the API.
struct UserResolver {
    let api: any RoleStoreAPI

    /// The user with this id, or the one user whose principal or e-mail is exactly `reference` (case-insensitive),
    /// found with `POST /users/search` across every directory. Several users with that principal (one per
    /// directory) are refused with their directories, so a script never acts on the wrong person.
    func user(_ reference: String) async throws -> User {
        if ReferenceResolver.looksLikeID(reference) {
            do {
                return try await api.user(id: reference)
            } catch let error as PrivXError where error.status == 404 {
                // Not a user id: try it as a name.
            }
        }
        let found = try await api.searchUsers(UserSearch(keywords: reference), page: PageRequest(offset: 0, limit: 1000)).items
        let wanted = reference.lowercased()
        let exact = found.filter { $0.principal.lowercased() == wanted || ($0.email ?? "").lowercased() == wanted || $0.id == reference }
        if exact.count == 1 { return exact[0] }
        if exact.count > 1 {
            throw PrivXError.invalidRequest("Several users match \"\(reference)\": "
                + exact.map { "\($0.principal) (\($0.email ?? "no e-mail"), directory \($0.source ?? "?"), id \($0.id))" }.joined(separator: "; ")
                + ". Name one by its id.")
        }
        let hint = found.prefix(5).map(\.principal).joined(separator: ", ")
        throw PrivXError.notFound(kind: "user", reference: reference + (hint.isEmpty ? "" : " (similar: \(hint))"))
    }
}

/// How a user holds a role and on what terms, in words for tables.
enum GrantWording {
    /// `explicit`, `mapped`, or `explicit+mapped`.
    static func how(_ handle: RoleHandle) -> String {
        switch (handle.isExplicit, handle.isImplicit) {
        case (true, true): return "explicit+mapped"
        case (true, false): return "explicit"
        case (false, true): return "mapped"
        default: return "-"
        }
    }

    /// The grant's terms: `permanent`, `2026-01-01T00:00:00Z .. 2026-02-01T00:00:00Z`, `floating 8h`.
    static func terms(_ handle: RoleHandle) -> String {
        guard handle.isExplicit else { return "" }
        switch handle.grantType {
        case nil, "PERMANENT"?: return "permanent"
        case "FLOATING"?: return "floating " + (handle.floatingHours.map { "\($0)h" } ?? "?") + " from first connection"
        case "TIME_RESTRICTED"?: return handle.periods.map { "\($0.start) .. \($0.end)" }.joined(separator: ", ")
        case let other?: return other
        }
    }

    /// `active`, `expired`, or `not started` (a time-restricted grant whose first period is ahead).
    static func state(_ handle: RoleHandle) -> String {
        guard handle.isExplicit else { return handle.isImplicit ? "active" : "" }
        if handle.hasExpired() { return "expired" }
        if handle.grantType == "TIME_RESTRICTED", !handle.periods.isEmpty,
           handle.periods.allSatisfy({ $0.startDate.map { $0 > Date() } ?? false }) { return "not started" }
        return "active"
    }
}
