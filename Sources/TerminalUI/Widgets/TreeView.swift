/// A node of a tree (for mapping rules: a rule and its conditions).
public struct TreeNode: Equatable, Sendable {
    /// Stable identity (expansion and selection follow it).
    public var id: String
    /// The (untrusted) label.
    public var label: String
    /// Label style.
    public var style: Style
    /// Child nodes.
    public var children: [TreeNode]

    /// Creates a node.
    public init(id: String, label: String, style: Style = .normal, children: [TreeNode] = []) {
        self.id = id
        self.label = label
        self.style = style
        self.children = children
    }
}

/// One visible row of a flattened tree.
public struct TreeRow: Equatable, Sendable {
    /// The node.
    public var node: TreeNode
    /// Depth from the root level.
    public var depth: Int
    /// For each ancestor level, whether that ancestor was the last child (no guide line below it).
    public var ancestorsLast: [Bool]
    /// Whether this node is the last of its siblings.
    public var isLast: Bool
}

/// Expansion and selection of a tree view.
public struct TreeState: Equatable, Sendable {
    /// Expanded node identities.
    public var expanded: Set<String> = []
    /// Selected visible row.
    public var selected = 0
    /// First visible row.
    public var offset = 0

    /// A collapsed tree with the first row selected.
    public init() {}

    /// Up/Down move; Right/+ expand; Left/- collapse (or go to the parent); Enter/Space toggle.
    public mutating func apply(_ key: Key, roots: [TreeNode], visibleRows: Int) -> Bool {
        let rows = TreeView.flatten(roots, expanded: expanded)
        guard !rows.isEmpty else { return false }
        selected = min(selected, rows.count - 1)
        let node = rows[selected].node
        switch key {
        case .up, .character("k"): selected = max(0, selected - 1)
        case .down, .character("j"): selected = min(rows.count - 1, selected + 1)
        case .home: selected = 0
        case .end: selected = rows.count - 1
        case .right, .character("+"), .character("l"):
            if !node.children.isEmpty { expanded.insert(node.id) }
        case .left, .character("-"), .character("h"):
            if expanded.contains(node.id) {
                expanded.remove(node.id)
            } else if let parent = (0..<selected).last(where: { rows[$0].depth < rows[selected].depth }) {
                selected = parent
            }
        case .enter, .character(" "):
            if expanded.contains(node.id) { expanded.remove(node.id) } else if !node.children.isEmpty { expanded.insert(node.id) }
        default:
            return false
        }
        let count = TreeView.flatten(roots, expanded: expanded).count
        offset = TableState.offset(keeping: selected, current: offset, rowCount: count, visibleRows: visibleRows)
        return true
    }
}

/// An expandable tree with indentation guides (`├─`, `└─`, `│`) and expand markers (`▸`, `▾`).
public struct TreeView: Sendable {
    /// Top-level nodes.
    public var roots: [TreeNode]
    /// Whether the view has focus.
    public var focused: Bool

    /// Creates a tree view.
    public init(roots: [TreeNode], focused: Bool = true) {
        self.roots = roots
        self.focused = focused
    }

    /// The visible rows for an expansion set, depth-first.
    public static func flatten(_ roots: [TreeNode], expanded: Set<String>) -> [TreeRow] {
        var rows: [TreeRow] = []
        func visit(_ nodes: [TreeNode], depth: Int, ancestors: [Bool]) {
            for (i, node) in nodes.enumerated() {
                let last = i == nodes.count - 1
                rows.append(TreeRow(node: node, depth: depth, ancestorsLast: ancestors, isLast: last))
                if expanded.contains(node.id) { visit(node.children, depth: depth + 1, ancestors: ancestors + [last]) }
            }
        }
        visit(roots, depth: 0, ancestors: [])
        return rows
    }

    /// Draws the visible rows; returns the cursor parked on the selected row.
    @discardableResult
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, state: TreeState) -> CursorRequest? {
        guard !rect.isEmpty else { return nil }
        buffer.fill(rect)
        let g = buffer.glyphs
        let rows = Self.flatten(roots, expanded: state.expanded)
        let offset = TableState.offset(keeping: state.selected, current: state.offset, rowCount: rows.count, visibleRows: rect.height)
        var cursor: CursorRequest?
        for line in 0..<rect.height {
            let index = offset + line
            guard index < rows.count else { break }
            let row = rows[index]
            var prefix = ""
            for last in row.ancestorsLast.dropFirst() { prefix += last ? "  " : g.treePipe }
            if row.depth > 0 { prefix += row.isLast ? g.treeLast : g.treeBranch }
            let marker = row.node.children.isEmpty ? g.leaf : (state.expanded.contains(row.node.id) ? g.expanded : g.collapsed)
            let selected = index == state.selected
            let rowRect = rect.row(line)
            if selected {
                buffer.fill(rowRect, style: focused ? .selection : .focus)
                cursor = CursorRequest(x: rect.x, y: rowRect.y, visible: false)
            }
            let base: Style = selected ? (focused ? .selection : .focus) : .muted
            // A `›` gutter marks the selected row (not only its colour).
            buffer.write(spans: [TextRun(selected ? g.pointer + " " : "  ", base), TextRun(prefix, base), TextRun(marker + " ", selected ? base : .normal),
                                 TextRun(row.node.label, selected ? base : row.node.style)], in: rowRect)
        }
        return cursor
    }
}
