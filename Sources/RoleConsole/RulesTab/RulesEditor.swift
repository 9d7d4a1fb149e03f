import PrivXAPI
import RoleEditing
import TerminalUI

/// The rules tab of the role form: which node of the `source_rules` tree is selected and what the
/// person is doing to it (typing a filter, choosing a directory, confirming a delete, reading the JSON).
/// It edits `RoleDraft.sourceRules` in place, so save and evaluate (F5) see the unsaved tree. A nested
/// component of the form (`RoleEditor.rules`): the form hands it its keys first (`apply`). Its scroll
/// positions are logical (the selected row, the raw JSON's requested offset, the chooser's cursor); the
/// view clamps them and `ConsoleView.settle` stores the height drawn, by which keys then page.
public struct RulesEditor: ConsoleComponent, Equatable {
    /// What the rules tab is doing.
    public enum Mode: Sendable, Equatable {
        /// Moving through the tree.
        case browsing
        /// Typing the selected rule's LDAP filter (checked as typed).
        case editingFilter(TextInputState)
        /// Choosing a directory from `/sources`: for a new rule (`adding`) or the selected one; `query` is
        /// the text typed to jump to a directory by name.
        case choosingSource(ChoiceListState, adding: Bool, query: String = "")
        /// Asking before deleting a group that still holds rules.
        case confirmingDelete
        /// The tree as raw JSON, read-only, scrolled to `offset` (a request: the view clamps it to what fits).
        case rawJSON(offset: Int)
    }

    /// What a key did, so the form can fall back to its own keys or show a notice.
    public enum Outcome: Sendable, Equatable {
        /// Done; nothing to say.
        case handled
        /// Not a rules key (Tab, Esc while browsing): the form handles it.
        case ignored
        /// Handled, with something to tell the person.
        case notice(String)
    }

    /// A directory to choose from, by name.
    public struct SourceChoice: Sendable, Hashable {
        /// The directory id a rule stores.
        public var id: String
        /// The name a person chooses by.
        public var name: String
        /// A choice for the directory `id` called `name`.
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The selected row of `RuleTree.rows`.
    public var selected = 0
    /// What the tab is doing now.
    public var mode: Mode = .browsing
    /// The rows of the tab's list area last drawn (nil before the first frame: keys then page by one row).
    public var viewportRows: Int?

    /// A tab with the root selected.
    public init() {}

    /// The selected node's path in `tree`, kept inside the tree.
    public func selectedPath(_ tree: RuleTree) -> [Int] {
        let rows = tree.rows
        return rows[min(max(0, selected), rows.count - 1)].path
    }

    /// The row index of `path` in `tree` (the root when it is gone).
    static func row(of path: [Int], in tree: RuleTree) -> Int {
        tree.rows.firstIndex { $0.path == path } ?? 0
    }

    /// Applies one key to the rules tab and the draft's tree; `sources` are the directories by name.
    public mutating func apply(_ key: Key, draft: inout RoleDraft, sources: [SourceChoice]) -> Outcome {
        let visibleRows = viewportRows ?? 1
        var tree = RuleTree(draft.sourceRules)
        defer { selected = min(max(0, selected), tree.rows.count - 1) }
        let path = selectedPath(tree)
        switch mode {
        case .editingFilter(var input):
            switch key {
            case .enter, .tab:
                mode = .browsing
                if let problem = LDAPFilterSyntax.problem(input.text) { return .notice("The filter still has a problem: \(problem) Enter edits it again.") }
                return key == .tab ? .ignored : .handled
            case .escape:
                mode = .browsing
                return .handled
            default:
                guard input.apply(key) else { return .handled }
                tree.update(at: path) { $0.searchString = input.text }
                draft.sourceRules = tree.root
                mode = .editingFilter(input)
                return .handled
            }
        case .choosingSource(var choice, let adding, var query):
            switch key {
            case .escape:
                mode = .browsing
                return .handled
            case .character(" ") where query.isEmpty, .enter:
                guard sources.indices.contains(choice.cursor) else { mode = .browsing; return .handled }
                let source = sources[choice.cursor].id
                if adding {
                    let newPath = tree.insert(.rule(source: source, searchString: ""), near: path)
                    draft.sourceRules = tree.root
                    selected = Self.row(of: newPath, in: tree)
                    mode = .editingFilter(TextInputState(""))
                } else {
                    tree.update(at: path) { $0.source = source }
                    draft.sourceRules = tree.root
                    mode = .browsing
                }
                return .handled
            case .character(let typed):
                query.append(typed)
                choice.jump(to: Self.jump(query, in: sources), visibleRows: visibleRows, count: sources.count)
            case .backspace:
                guard !query.isEmpty else { return .handled }
                query.removeLast()
                if !query.isEmpty { choice.jump(to: Self.jump(query, in: sources), visibleRows: visibleRows, count: sources.count) }
            default:
                _ = choice.apply(key, count: sources.count, visibleRows: visibleRows)
            }
            mode = .choosingSource(choice, adding: adding, query: query)
            return .handled
        case .confirmingDelete:
            // The question takes its keys before the tab does (`Console.answerQuestion`).
            return .handled
        case .rawJSON(let offset):
            // A request within the text; the view shows the last page for one past what fits.
            let lines = Self.jsonLines(tree).count
            let page = max(1, visibleRows - 1)
            switch key {
            case .escape, .character("t"), .character("q"): mode = .browsing
            case .down, .character("j"): mode = .rawJSON(offset: min(lines, offset + 1))
            case .up, .character("k"): mode = .rawJSON(offset: max(0, offset - 1))
            case .pageDown, .character(" "): mode = .rawJSON(offset: min(lines, offset + page))
            case .pageUp: mode = .rawJSON(offset: max(0, offset - page))
            case .home, .character("g"): mode = .rawJSON(offset: 0)
            case .end, .character("G"): mode = .rawJSON(offset: lines)
            default: break
            }
            return .handled
        case .browsing:
            return browse(key, tree: &tree, path: path, draft: &draft, sources: sources)
        }
    }

    /// The answer to "Delete a group?": y deletes the selected group and what it holds, n keeps it.
    mutating func answerDelete(_ yes: Bool, draft: inout RoleDraft) -> String {
        mode = .browsing
        guard yes else { return "Nothing deleted." }
        var tree = RuleTree(draft.sourceRules)
        let path = selectedPath(tree)
        let removed = tree.remove(at: path)
        draft.sourceRules = tree.root
        selected = Self.row(of: Array(path.dropLast()), in: tree)
        return "Deleted the group with \(removed?.rules.count ?? 0) node(s) in it; Esc twice in the form discards every edit."
    }

    /// The question before deleting the selected group that still holds rules.
    func deleteQuestion(draft: RoleDraft) -> Question {
        let tree = RuleTree(draft.sourceRules)
        let node = tree.node(at: selectedPath(tree)) ?? tree.root
        let label = "\(node.match ?? "ANY") group with \(counted(node.rules.count, "node"))"
        return Question(.deleteRuleGroup, title: "Delete a group?",
                        text: "Delete the \(label) and everything in it? It is only removed from this form; nothing is written until F2.",
                        choices: [Choice("y", "Delete", "delete the group", answer: .yes, dangerous: true), .cancel("Keep", "keep it")],
                        irreversible: true, warning: true)
    }

    private mutating func browse(_ key: Key, tree: inout RuleTree, path: [Int], draft: inout RoleDraft, sources: [SourceChoice]) -> Outcome {
        let node = tree.node(at: path) ?? tree.root
        func commit(_ newPath: [Int]?, refused: String) -> Outcome {
            guard let newPath else { return .notice(refused) }
            draft.sourceRules = tree.root
            selected = Self.row(of: newPath, in: tree)
            return .handled
        }
        switch key {
        case .up, .character("k"): selected -= 1
        case .down, .character("j"): selected += 1
        case .home: selected = 0
        case .end: selected = tree.rows.count - 1
        case .character("a"):
            guard !sources.isEmpty else {
                return .notice("No directories are known (GET /sources has not answered or listed none): close the form and press ctrl-r to reload.")
            }
            let current = node.isGroup ? nil : sources.firstIndex { $0.id == node.source }
            mode = .choosingSource(ChoiceListState(chosen: current), adding: true)
        case .character("g"):
            let newPath = tree.insert(.group(match: "ANY"), near: path)
            draft.sourceRules = tree.root
            selected = Self.row(of: newPath, in: tree)
            return .notice("Added an ANY group (m switches it to ALL); a adds rules into it.")
        case .enter, .character("e"):
            if node.isGroup { return toggleMatch(&tree, path, &draft) }
            mode = .editingFilter(TextInputState(node.searchString ?? ""))
        case .character("m"):
            guard node.isGroup else { return .notice("m switches a group between ANY and ALL; select a group.") }
            return toggleMatch(&tree, path, &draft)
        case .character("s"):
            guard !node.isGroup else { return .notice("s changes a rule's directory; select a rule.") }
            guard !sources.isEmpty else { return .notice("No directories are known (GET /sources has not answered or listed none).") }
            mode = .choosingSource(ChoiceListState(chosen: sources.firstIndex { $0.id == node.source }), adding: false)
        case .character("d"), .delete:
            guard !path.isEmpty else { return .notice("The top group cannot be deleted; delete its rules, or the role itself from the roles screen.") }
            if node.isGroup, !node.rules.isEmpty {
                mode = .confirmingDelete
                return .handled
            }
            tree.remove(at: path)
            draft.sourceRules = tree.root
            return .handled
        case .character("K"):
            return commit(path.isEmpty ? nil : tree.move(at: path, by: -1), refused: "Already first in its group (< moves it out of the group).")
        case .character("J"):
            return commit(path.isEmpty ? nil : tree.move(at: path, by: 1), refused: "Already last in its group (< moves it out of the group).")
        case .character(">"):
            return commit(tree.moveIntoPreviousGroup(at: path), refused: "> moves a node into the group just above it; there is none.")
        case .character("<"):
            return commit(tree.moveOutOfGroup(at: path), refused: "< moves a node out of its group; it is already in the top group.")
        case .character("t"):
            mode = .rawJSON(offset: 0)
        default:
            return .ignored
        }
        return .handled
    }

    private func toggleMatch(_ tree: inout RuleTree, _ path: [Int], _ draft: inout RoleDraft) -> Outcome {
        tree.update(at: path) { $0.match = ($0.match ?? "ANY").uppercased() == "ALL" ? "ANY" : "ALL" }
        draft.sourceRules = tree.root
        return .handled
    }

    /// The tab takes no result messages (the form's draft is what it edits).
    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect] { [] }

    /// The raw JSON's offset as drawn in `rows` rows: the request, clamped to the last page.
    static func jsonOffset(_ requested: Int, lines: Int, rows: Int) -> Int { max(0, min(requested, lines - rows)) }

    /// Stores what a frame drew: the list area's height, and the raw JSON's offset clamped to it.
    mutating func settle(visibleRows: Int, tree: RuleTree) {
        viewportRows = max(1, visibleRows)
        if case .rawJSON(let offset) = mode {
            mode = .rawJSON(offset: Self.jsonOffset(offset, lines: Self.jsonLines(tree).count, rows: visibleRows))
        }
    }

    /// The tree as indented JSON lines, for the read-only view.
    static func jsonLines(_ tree: RuleTree) -> [String] {
        JSONSerializer.string(tree.root.json, pretty: true).components(separatedBy: "\n")
    }

    /// The first directory whose name starts with `query`, else the first whose name contains it (any case).
    public static func jump(_ query: String, in sources: [SourceChoice]) -> Int? {
        let wanted = query.lowercased()
        guard !wanted.isEmpty else { return nil }
        return sources.firstIndex { $0.name.lowercased().hasPrefix(wanted) } ?? sources.firstIndex { $0.name.lowercased().contains(wanted) }
    }

    /// The directories of `/sources` by name, for the chooser.
    public static func choices(_ sourceNames: [String: String]) -> [SourceChoice] {
        sourceNames.map { SourceChoice(id: $0.key, name: $0.value) }
            .sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
    }
}

extension ChoiceListState {
    /// Puts the cursor on `index` (when there is one), scrolled into view.
    mutating func jump(to index: Int?, visibleRows: Int, count: Int) {
        guard let index else { return }
        cursor = index
        offset = TableState.offset(keeping: cursor, current: offset, rowCount: count, visibleRows: visibleRows)
    }
}
