/// The table's selection, scroll position, marks and sort, kept by the console and changed by keys.
///
/// Selection follows an item's identity: after the rows change (refresh, sort, filter) call
/// `reselect(rowCount:identity:)` and the same item stays selected wherever it moved.
///
/// Geometry is settled at render time, the way ratatui's `TableState` is: an update keeps the logical
/// position (`selected`) and leaves `offset` alone (`apply(_:rowCount:identity:)`, `select`,
/// `reselect(rowCount:position:identity:)`); the table draws with the offset that keeps the selection
/// visible (`Table.render`), and the owner stores that offset and the drawn height back with
/// `settle(rowCount:visibleRows:)`, so the next frame scrolls as little as possible and paging moves by the
/// rows that were on screen. The `visibleRows:` variants do both at once for callers that know the height.
public struct TableState: Equatable, Sendable {
    /// Index of the selected row in the current row order.
    public var selected = 0
    /// First visible row as last settled (the drawn offset); a render keeps the selection visible from here.
    public var offset = 0
    /// Data rows the table had when it was last drawn (`settle`); nil before the first frame, when a page
    /// is one row.
    public var viewportRows: Int?
    /// Identity of the selected item (set by `select` and the movement keys).
    public var selectedID: String?
    /// Identities of marked (multi-selected) items.
    public var marked: Set<String> = []
    /// Sorted column index, if any.
    public var sortColumn: Int?
    /// Sort direction.
    public var sortAscending = true

    /// A state with the first row selected.
    public init() {}

    /// Moves the selection for a navigation key; returns false when the key is not a table key.
    ///
    /// Keys: Up/Down/k/j, PgUp/PgDn, Home/End/g/G, Space marks the selected row.
    public mutating func apply(_ key: Key, rowCount: Int, visibleRows: Int, identity: (Int) -> String) -> Bool {
        let page = max(1, visibleRows - 1)
        switch key {
        case .up, .character("k"): move(to: selected - 1, rowCount: rowCount, visibleRows: visibleRows, identity: identity)
        case .down, .character("j"): move(to: selected + 1, rowCount: rowCount, visibleRows: visibleRows, identity: identity)
        case .pageUp, .ctrl("b"): move(to: selected - page, rowCount: rowCount, visibleRows: visibleRows, identity: identity)
        case .pageDown, .ctrl("f"): move(to: selected + page, rowCount: rowCount, visibleRows: visibleRows, identity: identity)
        case .home, .character("g"): move(to: 0, rowCount: rowCount, visibleRows: visibleRows, identity: identity)
        case .end, .character("G"): move(to: rowCount - 1, rowCount: rowCount, visibleRows: visibleRows, identity: identity)
        case .character(" "):
            guard rowCount > 0 else { return true }
            let id = identity(selected)
            if marked.contains(id) { marked.remove(id) } else { marked.insert(id) }
            move(to: selected + 1, rowCount: rowCount, visibleRows: visibleRows, identity: identity)
        default:
            return false
        }
        return true
    }

    /// Selects a row and scrolls so it is visible.
    public mutating func move(to index: Int, rowCount: Int, visibleRows: Int, identity: (Int) -> String) {
        guard rowCount > 0 else { selected = 0; offset = 0; selectedID = nil; return }
        selected = min(max(0, index), rowCount - 1)
        selectedID = identity(selected)
        offset = Self.offset(keeping: selected, current: offset, rowCount: rowCount, visibleRows: visibleRows)
    }

    /// Finds the previously selected item after the rows changed; keeps the index when it is gone.
    public mutating func reselect(rowCount: Int, visibleRows: Int, identity: (Int) -> String) {
        if let selectedID, let found = (0..<rowCount).first(where: { identity($0) == selectedID }) {
            move(to: found, rowCount: rowCount, visibleRows: visibleRows, identity: identity)
        } else {
            move(to: selected, rowCount: rowCount, visibleRows: visibleRows, identity: identity)
        }
    }

    /// Like `reselect(rowCount:visibleRows:identity:)` with a direct lookup of where an identity is now,
    /// so a 100 000-row table finds its selection without asking every row for its identity.
    public mutating func reselect(rowCount: Int, visibleRows: Int, position: (String) -> Int?, identity: (Int) -> String) {
        if let selectedID, let found = position(selectedID) {
            move(to: found, rowCount: rowCount, visibleRows: visibleRows, identity: identity)
        } else {
            move(to: selected, rowCount: rowCount, visibleRows: visibleRows, identity: identity)
        }
    }

    /// Moves the selection for a navigation key without touching the scroll offset (the render settles it);
    /// pages move by the rows last drawn. False when the key is not a table key.
    public mutating func apply(_ key: Key, rowCount: Int, identity: (Int) -> String) -> Bool {
        let page = max(1, (viewportRows ?? 1) - 1)
        switch key {
        case .up, .character("k"): select(selected - 1, rowCount: rowCount, identity: identity)
        case .down, .character("j"): select(selected + 1, rowCount: rowCount, identity: identity)
        case .pageUp, .ctrl("b"): select(selected - page, rowCount: rowCount, identity: identity)
        case .pageDown, .ctrl("f"): select(selected + page, rowCount: rowCount, identity: identity)
        case .home, .character("g"): select(0, rowCount: rowCount, identity: identity)
        case .end, .character("G"): select(rowCount - 1, rowCount: rowCount, identity: identity)
        case .character(" "):
            guard rowCount > 0 else { return true }
            let id = identity(selected)
            if marked.contains(id) { marked.remove(id) } else { marked.insert(id) }
            select(selected + 1, rowCount: rowCount, identity: identity)
        default:
            return false
        }
        return true
    }

    /// Selects a row (clamped to the rows); the offset is left for the render to settle.
    public mutating func select(_ index: Int, rowCount: Int, identity: (Int) -> String) {
        guard rowCount > 0 else { selected = 0; offset = 0; selectedID = nil; return }
        selected = min(max(0, index), rowCount - 1)
        selectedID = identity(selected)
    }

    /// Finds the previously selected item after the rows changed (keeping the index when it is gone),
    /// leaving the offset for the render to settle.
    public mutating func reselect(rowCount: Int, position: (String) -> Int?, identity: (Int) -> String) {
        if let selectedID, let found = position(selectedID) {
            select(found, rowCount: rowCount, identity: identity)
        } else {
            select(selected, rowCount: rowCount, identity: identity)
        }
    }

    /// Records what a frame of `visibleRows` data rows draws: the offset that keeps the selection visible,
    /// moving as little as possible from the last one, and the height for paging.
    public mutating func settle(rowCount: Int, visibleRows: Int) {
        offset = Self.offset(keeping: selected, current: offset, rowCount: rowCount, visibleRows: visibleRows)
        viewportRows = visibleRows
    }

    /// Sorts by a column, flipping direction when it is already the sort column.
    public mutating func sort(by column: Int) {
        if sortColumn == column { sortAscending.toggle() } else { sortColumn = column; sortAscending = true }
    }

    /// The first visible row that keeps `selected` on screen, moving as little as possible.
    public static func offset(keeping selected: Int, current: Int, rowCount: Int, visibleRows: Int) -> Int {
        guard visibleRows > 0, rowCount > visibleRows else { return 0 }
        var offset = min(max(0, current), rowCount - visibleRows)
        if selected < offset { offset = selected }
        if selected >= offset + visibleRows { offset = selected - visibleRows + 1 }
        return offset
    }
}
