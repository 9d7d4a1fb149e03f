import PrivXAPI

/// A role's `source_rules` tree as the rules editor changes it: nodes are addressed by index paths and
/// every operation moves whole node documents, so keys this client does not know survive an edit.
public struct RuleTree: Sendable, Hashable {
    /// One visible line of the tree: where the node is, how deep, and the node itself.
    public struct Row: Sendable, Hashable {
        /// Child indexes from the root (the root is `[]`).
        public var path: [Int]
        /// Nesting level (0 for the root).
        public var depth: Int
        /// The node's document.
        public var node: SourceRule
    }

    /// The root node (normally a GROUP).
    public private(set) var root: SourceRule

    /// A tree over `root`; a missing tree reads as an empty ANY group (maps nobody).
    public init(_ root: SourceRule?) { self.root = root ?? .group() }

    /// Every node depth-first, the root first.
    public var rows: [Row] {
        var out: [Row] = []
        func visit(_ node: SourceRule, _ path: [Int]) {
            out.append(Row(path: path, depth: path.count, node: node))
            for (index, child) in node.rules.enumerated() { visit(child, path + [index]) }
        }
        visit(root, [])
        return out
    }

    /// The node at `path`, if there is one.
    public func node(at path: [Int]) -> SourceRule? {
        var node = root
        for index in path {
            let children = node.rules
            guard children.indices.contains(index) else { return nil }
            node = children[index]
        }
        return node
    }

    /// Replaces the node at `path` through `change`; false when the path does not exist.
    @discardableResult
    public mutating func update(at path: [Int], _ change: (inout SourceRule) -> Void) -> Bool {
        func walk(_ node: inout SourceRule, _ rest: ArraySlice<Int>) -> Bool {
            guard let first = rest.first else { change(&node); return true }
            var children = node.rules
            guard children.indices.contains(first) else { return false }
            guard walk(&children[first], rest.dropFirst()) else { return false }
            node.rules = children
            return true
        }
        return walk(&root, path[...])
    }

    /// Where a new node goes for a selection: at the end of a selected group, else after the selected rule.
    /// Returns the path of the inserted node.
    @discardableResult
    public mutating func insert(_ new: SourceRule, near selection: [Int]) -> [Int] {
        if !root.isGroup {
            let old = root
            root = .group(match: "ANY", rules: [old])
            return insert(new, near: [0])
        }
        guard let selected = node(at: selection) else { return insert(new, near: []) }
        let parent: [Int], index: Int
        if selected.isGroup {
            parent = selection
            index = selected.rules.count
        } else {
            parent = Array(selection.dropLast())
            index = (selection.last ?? -1) + 1
        }
        update(at: parent) { group in
            var children = group.rules
            children.insert(new, at: min(index, children.count))
            group.rules = children
        }
        return parent + [index]
    }

    /// Removes the node at `path` (never the root) and returns it.
    @discardableResult
    public mutating func remove(at path: [Int]) -> SourceRule? {
        guard let last = path.last, let removed = node(at: path) else { return nil }
        update(at: Array(path.dropLast())) { group in
            var children = group.rules
            children.remove(at: last)
            group.rules = children
        }
        return removed
    }

    /// Swaps the node with its previous (`by: -1`) or next (`by: 1`) sibling; returns its new path.
    public mutating func move(at path: [Int], by offset: Int) -> [Int]? {
        guard let last = path.last, let parentNode = node(at: Array(path.dropLast())) else { return nil }
        let target = last + offset
        guard parentNode.rules.indices.contains(target) else { return nil }
        update(at: Array(path.dropLast())) { group in
            var children = group.rules
            children.swapAt(last, target)
            group.rules = children
        }
        return Array(path.dropLast()) + [target]
    }

    /// Moves the node into the group just above it among its siblings (at that group's end); returns its new path.
    public mutating func moveIntoPreviousGroup(at path: [Int]) -> [Int]? {
        guard let last = path.last, last > 0 else { return nil }
        let siblingPath = Array(path.dropLast()) + [last - 1]
        guard let sibling = node(at: siblingPath), sibling.isGroup, let moving = remove(at: path) else { return nil }
        update(at: siblingPath) { group in group.rules = group.rules + [moving] }
        return siblingPath + [sibling.rules.count]
    }

    /// Moves the node out of its group, right after that group; returns its new path.
    public mutating func moveOutOfGroup(at path: [Int]) -> [Int]? {
        guard path.count >= 2, let moving = remove(at: path) else { return nil }
        let parent = Array(path.dropLast())
        let grand = Array(parent.dropLast())
        let index = parent.last! + 1
        update(at: grand) { group in
            var children = group.rules
            children.insert(moving, at: min(index, children.count))
            group.rules = children
        }
        return grand + [index]
    }

    /// The first rule whose filter does not parse: its path and the problem.
    public var firstProblem: (path: [Int], problem: String)? {
        for row in rows where !row.node.isGroup && row.node.type.uppercased() == "RULE" {
            if let problem = LDAPFilterSyntax.problem(row.node.searchString ?? "") { return (row.path, problem) }
            if (row.node.source ?? "").isEmpty { return (row.path, "The rule has no directory: press s to choose one.") }
        }
        return nil
    }

    /// The tree as numbered lines (`top: ANY of`, `2.1: Corporate AD (cn=a*)`), so a diff of two trees
    /// shows what was added, removed, changed or moved.
    public static func outline(_ node: SourceRule?, sourceNames: [String: String]) -> [String] {
        guard let node else { return [] }
        return RuleTree(node).rows.map { row in
            let label = row.path.isEmpty ? "top" : row.path.map { String($0 + 1) }.joined(separator: ".")
            if row.node.isGroup { return "\(label): \((row.node.match ?? "ANY").uppercased()) of" }
            return "\(label): " + sourceLabel(row.node.source, sourceNames) + " " + (row.node.searchString ?? "")
        }
    }

    /// The save diff's two sides for a rules change: removed lines (−) and added lines (+) of the outlines.
    public static func difference(_ before: SourceRule?, _ after: SourceRule?, sourceNames: [String: String]) -> (before: String, after: String) {
        let old = outline(before, sourceNames: sourceNames), new = outline(after, sourceNames: sourceNames)
        let removed = old.filter { !new.contains($0) }, added = new.filter { !old.contains($0) }
        if removed.isEmpty && added.isEmpty {
            return (summary(before, sourceNames: sourceNames), summary(after, sourceNames: sourceNames))
        }
        return (removed.map { "\u{2212}" + $0 }.joined(separator: "; "), added.map { "+" + $0 }.joined(separator: "; "))
    }

    /// One line for the save diff: `ANY(Corporate AD (cn=a), ALL(…))`, directories by name.
    public static func summary(_ node: SourceRule?, sourceNames: [String: String]) -> String {
        guard let node else { return "(none)" }
        if node.isGroup {
            return (node.match ?? "ANY").uppercased() + "(" + node.rules.map { summary($0, sourceNames: sourceNames) }.joined(separator: ", ") + ")"
        }
        return sourceLabel(node.source, sourceNames) + " " + (node.searchString ?? "")
    }

    /// The directory's name, or a short form of an id no directory has.
    public static func sourceLabel(_ id: String?, _ names: [String: String]) -> String {
        guard let id, !id.isEmpty else { return "(no directory)" }
        if let name = names[id] { return name }
        return "directory " + (id.count > 13 ? String(id.prefix(8)) + "…" : id)
    }
}
