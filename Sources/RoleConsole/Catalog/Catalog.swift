/// A value a column sorts by: numbers sort as numbers, text case-insensitively.
public enum SortValue: Sendable, Comparable {
    case number(Int)
    case text(String)

    /// Numbers before text; each kind in its natural order.
    public static func < (lhs: SortValue, rhs: SortValue) -> Bool {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): a < b
        case (.text(let a), .text(let b)): a < b
        case (.number, .text): true
        case (.text, .number): false
        }
    }
}

/// A row a catalog can filter and sort: its cells, search key and per-column sort values, computed once.
public protocol CatalogRow: Sendable {
    /// Stable identity (selection follows it).
    var id: String { get }
    /// The table cells, one per column.
    var cells: [String] { get }
    /// Lower-cased text and fields for the `/` filter.
    var search: SearchKey { get }
    /// The sort value of a column.
    func sortValue(_ column: Int) -> SortValue
}

/// Rows plus a filtered, sorted view kept as an index array, so a 100 000-row list re-filters without
/// copying rows and renders only what is visible.
public struct Catalog<Row: CatalogRow>: Sendable {
    /// Every row, in server order.
    public private(set) var rows: [Row] = []
    /// Indexes into `rows` that pass the filter, in sort order.
    public private(set) var view: [Int] = []
    /// The filter text as typed.
    public private(set) var filterText = ""
    /// Sorted column, nil for server order.
    public private(set) var sortColumn: Int?
    /// Sort direction.
    public private(set) var ascending = true
    private var query = FilterQuery("", fields: [])
    private let fields: Set<String>

    /// An empty catalog whose filter knows these `key:` fields.
    public init(fields: Set<String>) { self.fields = fields }

    /// Replaces the rows, keeping filter and sort.
    public mutating func replace(_ newRows: [Row]) {
        rows = newRows
        rebuild()
    }

    /// Changes the filter.
    public mutating func setFilter(_ text: String) {
        filterText = text
        query = FilterQuery(text, fields: fields)
        rebuild()
    }

    /// Changes the sort.
    public mutating func setSort(column: Int?, ascending: Bool) {
        sortColumn = column
        self.ascending = ascending
        rebuild()
    }

    /// The parsed filter.
    public var filter: FilterQuery { query }

    /// The row shown at a view position.
    public func row(at position: Int) -> Row? {
        guard position >= 0, position < view.count else { return nil }
        return rows[view[position]]
    }

    /// The view position of the row with this id.
    public func position(of id: String) -> Int? {
        view.firstIndex { rows[$0].id == id }
    }

    /// The row with this id, filtered out or not.
    public func row(id: String) -> Row? {
        rows.first { $0.id == id }
    }

    private mutating func rebuild() {
        var indexes = query.isEmpty ? Array(rows.indices) : rows.indices.filter { query.matches(rows[$0].search) }
        if let column = sortColumn {
            let keys = rows.map { $0.sortValue(column) }
            let up = ascending
            indexes.sort { a, b in
                let ka = keys[a], kb = keys[b]
                if ka == kb { return a < b }
                return up ? ka < kb : kb < ka
            }
        }
        view = indexes
    }
}
