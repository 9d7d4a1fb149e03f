import TerminalUI

/// A table of server data with its loading state, filter input and selection.
public struct ListPane<Row: CatalogRow>: Sendable {
    public var catalog: Catalog<Row>
    public var table = TableState()
    public var loading = false
    public var loaded = false
    /// Pages loaded so far and the total, while loading.
    public var progress: (loaded: Int, total: Int)?
    /// Rows of the running load already put in the table (a first load shows pages as they land).
    public var streamed = 0
    /// When the data last arrived (seconds since 1970).
    public var refreshedAt: Double?
    /// The `/` filter as typed.
    public var filterInput = TextInputState()

    init(fields: Set<String>) { catalog = Catalog(fields: fields) }

    /// The selected row.
    public var selected: Row? { catalog.row(at: table.selected) }
}
