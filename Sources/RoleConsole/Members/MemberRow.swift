import PrivXAPI

/// A member as the members table shows it.
public struct MemberRow: CatalogRow {
    public let id: String
    public let cells: [String]
    public let search: SearchKey

    /// The table's columns.
    public static let columnTitles = ["Principal", "Full name", "E-mail", "Source"]

    /// Builds the row; the source shows as its directory name when known.
    public init(user: User, sourceName: String?) {
        id = user.id.isEmpty ? user.principal : user.id
        let source = sourceName ?? user.sourceType ?? user.source ?? "–"
        cells = [user.principal, user.fullName ?? "", user.email ?? "", source]
        search = SearchKey(text: [user.principal, user.fullName ?? "", user.email ?? ""], fields: ["source": [source]])
    }

    /// Every member column sorts by its text.
    public func sortValue(_ column: Int) -> SortValue { .text(column < cells.count ? cells[column].lowercased() : "") }
}
