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
/// copying rows and renders only what is visible. Filter results are remembered per query (typing on
/// narrows the last result, erasing returns to a remembered one) and each column's sort order is
/// computed once as ranks, so a keystroke or sort change does not compare strings over every row.
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
    /// Rows passing the current filter, in server order (nil: every row).
    private var matched: [Int]?
    /// Recent filter results, newest last, for narrowing and for erasing back to an earlier query.
    private var remembered: [(query: FilterQuery, matched: [Int])] = []
    /// Per column sorted by so far: its order over every row (ranks, kept up to date as rows are appended).
    private var orders: [Int: ColumnOrder] = [:]
    private static var rememberedLimit: Int { 12 }
    /// Row index of each id, and each row's view position (-1: filtered out), for O(1) reselection.
    private var indexByID: [String: Int] = [:]
    private var viewPosition: [Int32] = []

    /// An empty catalog whose filter knows these `key:` fields.
    public init(fields: Set<String>) { self.fields = fields }

    /// Replaces the rows, keeping filter and sort.
    public mutating func replace(_ newRows: [Row]) {
        rows = newRows
        indexByID = Dictionary(rows.indices.map { (rows[$0].id, $0) }, uniquingKeysWith: { first, _ in first })
        remembered = []
        orders = [:]
        matched = computeMatches(query)
        rebuildView()
    }

    /// Adds rows after the existing ones (a page that landed while the rest loads), keeping filter and
    /// sort: only the new rows are matched and merged into each column's order. A row whose id is
    /// already present is skipped (it was created or saved here meanwhile; the console's copy is newer).
    public mutating func append(_ newRows: [Row]) {
        let start = rows.count
        for row in newRows where indexByID[row.id] == nil {
            indexByID[row.id] = rows.count
            rows.append(row)
        }
        guard rows.count > start else { return }
        let added = start..<rows.count
        for index in remembered.indices {
            let query = remembered[index].query
            remembered[index].matched += added.filter { query.matches(rows[$0].search) }
        }
        if matched != nil {
            matched! += added.filter { query.matches(rows[$0].search) }
        }
        for column in orders.keys {
            orders[column]!.append(added.map { rows[$0].sortValue(column) })
        }
        rebuildView()
    }

    /// Changes the filter.
    public mutating func setFilter(_ text: String) {
        let newQuery = FilterQuery(text, fields: fields)
        filterText = text
        if newQuery.terms == query.terms {
            query = newQuery
            return
        }
        query = newQuery
        matched = computeMatches(newQuery)
        rebuildView()
    }

    /// Changes the sort.
    public mutating func setSort(column: Int?, ascending: Bool) {
        sortColumn = column
        self.ascending = ascending
        rebuildView()
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
        guard let index = indexByID[id], index < viewPosition.count, viewPosition[index] >= 0 else { return nil }
        return Int(viewPosition[index])
    }

    /// The id of the row shown at a view position ("" outside the view), without copying the row.
    public func id(at position: Int) -> String {
        guard position >= 0, position < view.count else { return "" }
        return rows[view[position]].id
    }

    /// The row with this id, filtered out or not.
    public func row(id: String) -> Row? {
        indexByID[id].map { rows[$0] }
    }

    /// Rows passing `query`: remembered, narrowed from the smallest remembered result it narrows, or
    /// scanned; the result is remembered.
    private mutating func computeMatches(_ query: FilterQuery) -> [Int]? {
        guard !query.isEmpty else { return nil }
        if let hit = remembered.lastIndex(where: { $0.query.terms == query.terms }) {
            let entry = remembered.remove(at: hit)
            remembered.append(entry)
            return entry.matched
        }
        let base = remembered.filter { query.narrows($0.query) }.min { $0.matched.count < $1.matched.count }
        let result: [Int]
        if let base {
            result = base.matched.filter { query.matches(rows[$0].search) }
        } else {
            var all: [Int] = []
            for index in rows.indices where query.matches(rows[index].search) { all.append(index) }
            result = all
        }
        remembered.append((query, result))
        if remembered.count > Self.rememberedLimit { remembered.removeFirst() }
        return result
    }

    private mutating func rebuildView() {
        let unsorted = matched ?? Array(rows.indices)
        defer {
            var positions = [Int32](repeating: -1, count: rows.count)
            for (position, index) in view.enumerated() { positions[index] = Int32(position) }
            viewPosition = positions
        }
        guard let column = sortColumn else {
            view = unsorted
            return
        }
        let (rank, distinct) = ranks(for: column)
        // Counting sort by rank: stable, so equal values keep server order in both directions.
        var starts = [Int](repeating: 0, count: distinct + 1)
        for index in unsorted {
            let bucket = ascending ? Int(rank[index]) : distinct - 1 - Int(rank[index])
            starts[bucket + 1] += 1
        }
        for bucket in 0..<distinct { starts[bucket + 1] += starts[bucket] }
        var sorted = [Int](repeating: 0, count: unsorted.count)
        for index in unsorted {
            let bucket = ascending ? Int(rank[index]) : distinct - 1 - Int(rank[index])
            sorted[starts[bucket]] = index
            starts[bucket] += 1
        }
        view = sorted
    }

    /// Each row's rank in `column` (computed on first use after the rows are replaced).
    private mutating func ranks(for column: Int) -> (rank: [Int32], distinct: Int) {
        if let known = orders[column] { return (known.rank, known.distinct) }
        let order = ColumnOrder(rows.map { $0.sortValue(column) })
        orders[column] = order
        return (order.rank, order.distinct)
    }

    /// Dense ranks of sort values (equal values share a rank): numbers by value, then text by its UTF-8
    /// bytes (Unicode scalar order).
    static func ranks(of keys: [SortValue]) -> (rank: [Int32], distinct: Int) {
        let order = ColumnOrder(keys)
        return (order.rank, order.distinct)
    }
}
