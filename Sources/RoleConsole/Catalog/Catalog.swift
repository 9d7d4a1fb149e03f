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
    /// Per column: each row's rank in that column's ascending order (equal values share a rank).
    private var ranks: [Int: (rank: [Int32], distinct: Int)] = [:]
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
        ranks = [:]
        matched = computeMatches(query)
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

    /// Each row's rank in `column` (computed on first use after the rows change).
    private mutating func ranks(for column: Int) -> (rank: [Int32], distinct: Int) {
        if let known = ranks[column] { return known }
        let result = Self.ranks(of: rows.map { $0.sortValue(column) })
        ranks[column] = result
        return result
    }

    /// Dense ranks of sort values (equal values share a rank): numbers by value, then text by its UTF-8
    /// bytes (Unicode scalar order), compared in one packed buffer instead of as `String`s.
    static func ranks(of keys: [SortValue]) -> (rank: [Int32], distinct: Int) {
        var numbers: [(value: Int, index: Int)] = []
        var texts: [Int] = []
        var packed: [UInt8] = []
        var bounds = [Int](repeating: 0, count: keys.count + 1)
        for (index, key) in keys.enumerated() {
            bounds[index] = packed.count
            switch key {
            case .number(let value): numbers.append((value, index))
            case .text(let text):
                texts.append(index)
                packed.append(contentsOf: text.utf8)
            }
            bounds[index + 1] = packed.count
        }
        numbers.sort { $0.value != $1.value ? $0.value < $1.value : $0.index < $1.index }
        packed.withUnsafeBufferPointer { buffer in
            texts.sort { a, b in
                let order = Self.compare(buffer, bounds[a]..<bounds[a + 1], bounds[b]..<bounds[b + 1])
                return order != 0 ? order < 0 : a < b
            }
        }
        var rank = [Int32](repeating: 0, count: keys.count)
        var current: Int32 = -1
        var previousNumber: Int?
        for entry in numbers {
            if entry.value != previousNumber { current += 1; previousNumber = entry.value }
            rank[entry.index] = current
        }
        packed.withUnsafeBufferPointer { buffer in
            for (position, index) in texts.enumerated() {
                if position == 0 || Self.compare(buffer, bounds[texts[position - 1]]..<bounds[texts[position - 1] + 1],
                                                 bounds[index]..<bounds[index + 1]) != 0 {
                    current += 1
                }
                rank[index] = current
            }
        }
        return (rank, Int(current) + 1)
    }

    /// Byte-wise order of two ranges of `buffer`: negative, zero or positive.
    private static func compare(_ buffer: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Int {
        let common = min(a.count, b.count)
        var offset = 0
        while offset < common {
            let x = buffer[a.lowerBound + offset], y = buffer[b.lowerBound + offset]
            if x != y { return Int(x) - Int(y) }
            offset += 1
        }
        return a.count - b.count
    }
}
