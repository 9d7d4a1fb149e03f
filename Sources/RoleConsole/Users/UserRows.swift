import Foundation
import PrivXAPI

/// A user found by the users screen's search.
public struct UserRow: CatalogRow {
    public let id: String
    public let cells: [String]
    public let search: SearchKey
    public let user: User

    /// The table's columns.
    public static let columnTitles = ["Principal", "Full name", "E-mail", "Source"]

    public init(user: User, sourceName: String?) {
        self.user = user
        id = user.id.isEmpty ? user.principal : user.id
        let source = sourceName ?? user.sourceType ?? user.source ?? "–"
        cells = [user.principal, user.fullName ?? "", user.email ?? "", source]
        search = SearchKey(text: cells, fields: ["source": [source]])
    }

    public func sortValue(_ column: Int) -> SortValue { .text(column < cells.count ? cells[column].lowercased() : "") }
}

/// Why the role's rules map a user: the RULE nodes that select them, each evaluated on its own on the server.
public enum RuleExplanation: Sendable, Equatable {
    /// The rules that map the user: each rule's LDAP filter and directory id.
    case matched([MatchedRule])
    /// Why no rule could be named (evaluate refused, a count-only answer, no rule selects them alone).
    case unknown(String)
}

/// One RULE node of a role that selects the user.
public struct MatchedRule: Sendable, Equatable {
    public var searchString: String
    public var source: String

    public init(searchString: String, source: String) {
        self.searchString = searchString
        self.source = source
    }
}

/// One role the opened user holds, as the users screen lists it.
public struct UserRoleRow: Sendable, Equatable {
    public var handle: RoleHandle
    /// False for an explicit grant that does not count now (expired, not started): listed by `/users/{id}/roles`
    /// but not by `/users/{id}/resolve`.
    public var inEffect: Bool

    /// "explicit", "mapped", "explicit + mapped", "explicit, not now".
    public var holding: String {
        var parts: [String] = []
        if handle.isExplicit { parts.append(inEffect ? "explicit" : "explicit, not now") }
        if handle.isImplicit { parts.append("mapped") }
        return parts.isEmpty ? "–" : parts.joined(separator: " + ")
    }
}
