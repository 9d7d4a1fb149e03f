import Foundation
import PrivXAPI

/// A member as the members table shows it: who, from which directory, and how they hold the role
/// (mapped by the role's rules, or an explicit grant with its terms).
public struct MemberRow: CatalogRow {
    public let id: String
    public let cells: [String]
    public let search: SearchKey
    /// True when the members list says the user holds the role by an explicit grant.
    public let isExplicit: Bool

    /// The table's columns.
    public static let columnTitles = ["Principal", "Full name", "E-mail", "Source", "Holds by"]

    /// Builds the row; the source shows as its directory name when known, the grant from the user's
    /// role handle for this role once it has been read (`GET /users/{id}/roles`).
    public init(user: User, sourceName: String?, grant: RoleHandle? = nil, now: Double = 0) {
        id = user.id.isEmpty ? user.principal : user.id
        let source = sourceName ?? user.sourceType ?? user.source ?? "–"
        isExplicit = user.isExplicitMember || grant?.isExplicit == true
        let holding = GrantText.holding(grant, explicit: isExplicit, now: now)
        cells = [user.principal, user.fullName ?? "", user.email ?? "", source, holding]
        // The Source and Holds-by columns are searched like the others (`/corporate`, `/explicit`, `/expired`).
        search = SearchKey(text: [user.principal, user.fullName ?? "", user.email ?? "", source, holding],
                           fields: ["source": [source], "holds": [holding]])
    }

    /// Every member column sorts by its text.
    public func sortValue(_ column: Int) -> SortValue { .text(column < cells.count ? cells[column].lowercased() : "") }
}
