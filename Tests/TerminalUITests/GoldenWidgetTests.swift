import Testing
import TerminalUI

/// Golden screens of every widget and state at 80×24 and a narrow 40×12, with accents, CJK, emoji
/// and injected escape sequences in the data. See Support/GoldenFile.swift for regeneration.
@MainActor
@Suite struct GoldenWidgetTests {
    nonisolated static let sizes = [Size(width: 80, height: 24), Size(width: 40, height: 12)]

    func name(_ base: String, _ size: Size) -> String { "\(base)-\(size.width)x\(size.height)" }

    func table(filter: String = "", rows: Int = 40) -> Table {
        Table(columns: Samples.columns, rowCount: rows, filter: filter, emptyText: "No roles match the filter. Esc clears it.",
              identity: { "r\($0)" }, row: Samples.row)
    }

    @Test(arguments: sizes) func tableWithSelectionMarksAndSort(size: Size) {
        var state = TableState()
        state.move(to: 2, rowCount: 40, visibleRows: 10, identity: { "r\($0)" })
        state.marked = ["r1", "r3"]
        state.sort(by: 0)
        let dump = snapshot(size.width, size.height) { buffer in
            let inside = Layout.bordered(&buffer, buffer.bounds, title: "Rôles 運用 🚀", focused: true)
            return table().render(into: &buffer, in: inside, state: state)
        }
        Golden.check(name("table", size), dump)
    }

    @Test(arguments: sizes) func tableScrolledToTheEnd(size: Size) {
        var state = TableState()
        let visible = size.height - 1
        _ = state.apply(.end, rowCount: 40, visibleRows: visible, identity: { "r\($0)" })
        let dump = snapshot(size.width, size.height) { buffer in
            table().render(into: &buffer, in: buffer.bounds, state: state)
        }
        Golden.check(name("table-end", size), dump)
    }

    @Test(arguments: sizes) func tableFilterMatchesAreEmphasized(size: Size) {
        let dump = snapshot(size.width, size.height) { buffer in
            table(filter: "é", rows: 8).render(into: &buffer, in: buffer.bounds, state: TableState())
        }
        Golden.check(name("table-filter", size), dump)
    }

    @Test(arguments: sizes) func tableEmptyState(size: Size) {
        let dump = snapshot(size.width, size.height) { buffer in
            table(rows: 0).render(into: &buffer, in: buffer.bounds, state: TableState())
        }
        Golden.check(name("table-empty", size), dump)
    }

    @Test func tableASCII() {
        var state = TableState()
        state.marked = ["r0"]
        let dump = snapshot(40, 12, glyphs: .ascii) { buffer in
            let inside = Layout.bordered(&buffer, buffer.bounds, title: "Roles", focused: true)
            return table().render(into: &buffer, in: inside, state: state)
        }
        Golden.check("table-ascii-40x12", dump)
    }

    static let detailBlocks: [DetailBlock] = [
        .section("Rôle"),
        .field(key: "Name", value: "Développeurs 運用チーム 🚀", style: .normal),
        .field(key: "State", value: "✓ enabled", style: .ok),
        .field(key: "Permissions", value: "users-view, roles-view, roles-manage, hosts-view, connections-manage", style: .normal),
        .blank,
        .section("Description"),
        .paragraph("Network developers in Zürich and 東京. Server text \u{1B}]0;pwned\u{07}\u{1B}[2J stays inert. Crème brûlée, naïve façade, smørrebrød; 数据库管理员が管理します。"),
        .field(key: "AWS role", value: "arn:aws:iam::123456789012:role/deploy-ロール", style: .warning),
    ]

    @Test(arguments: sizes) func detailWithSearch(size: Size) {
        var state = DetailViewState()
        state.query = "zürich"
        let view = DetailView(blocks: Self.detailBlocks)
        state.jump(forward: true, lines: view.lines(width: size.width), visibleRows: size.height)
        let dump = snapshot(size.width, size.height) { buffer in
            view.render(into: &buffer, in: buffer.bounds, state: state)
            return nil
        }
        Golden.check(name("detail-search", size), dump)
    }

    @Test func detailScrolledShowsPosition() {
        var state = DetailViewState()
        let view = DetailView(blocks: Self.detailBlocks)
        _ = state.apply(.pageDown, lines: view.lines(width: 30), visibleRows: 6)
        let dump = snapshot(30, 6) { buffer in
            view.render(into: &buffer, in: buffer.bounds, state: state)
            return nil
        }
        Golden.check("detail-scrolled-30x6", dump)
    }

    static let tree = [
        TreeNode(id: "r1", label: "Rule 1: any of", children: [
            TreeNode(id: "a", label: "group = Développeurs"),
            TreeNode(id: "b", label: "all of", children: [TreeNode(id: "b1", label: "department = 運用 🚀"), TreeNode(id: "b2", label: "title ~ Señor")]),
            TreeNode(id: "c", label: "email ends with @例え.jp"),
        ]),
        TreeNode(id: "r2", label: "Rule 2: disabled", style: .muted, children: [TreeNode(id: "r2a", label: "source = LDAP")]),
    ]

    @Test(arguments: sizes) func treeExpandedWithGuides(size: Size) {
        var state = TreeState()
        state.expanded = ["r1", "b"]
        state.selected = 3
        let dump = snapshot(size.width, size.height) { buffer in
            TreeView(roots: Self.tree).render(into: &buffer, in: buffer.bounds, state: state)
        }
        Golden.check(name("tree", size), dump)
    }

    @Test func treeASCII() {
        var state = TreeState()
        state.expanded = ["r1", "b"]
        let dump = snapshot(40, 8, glyphs: .ascii) { buffer in
            TreeView(roots: Self.tree, focused: false).render(into: &buffer, in: buffer.bounds, state: state)
        }
        Golden.check("tree-ascii-40x8", dump)
    }

    @Test(arguments: sizes) func formFields(size: Size) {
        let dump = snapshot(size.width, size.height) { buffer in
            let labelWidth = size.width >= 60 ? 16 : 10
            var cursor: CursorRequest?
            var y = 0
            func next(_ h: Int) -> Rect { defer { y += h }; return Rect(x: 0, y: y, width: size.width, height: h) }
            let input = TextInputState("Développeurs 運用チーム 🚀 with a long tail")
            cursor = TextField(chrome: FieldChrome(label: "Name", required: true, message: "At most 32 characters.", focused: true), labelWidth: labelWidth)
                .render(into: &buffer, in: next(2), state: input)
            TextField(chrome: FieldChrome(label: "Comment"), hint: "optional", labelWidth: labelWidth).render(into: &buffer, in: next(1), state: TextInputState())
            Checkbox(chrome: FieldChrome(label: "Enabled ✓"), isOn: true).render(into: &buffer, in: next(1))
            ToggleGroup(chrome: FieldChrome(label: "Days"), items: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], labelWidth: labelWidth)
                .render(into: &buffer, in: next(1), state: ToggleGroupState(on: [0, 1, 2, 3, 4], cursor: 5))
            ChoiceList(chrome: FieldChrome(label: "Source", required: true), options: ["Local", "LDAP: Zürich", "OpenID: 東京"])
                .render(into: &buffer, in: next(4), state: ChoiceListState(chosen: 1))
            return cursor
        }
        Golden.check(name("form-fields", size), dump)
    }

    @Test(arguments: sizes) func checklistFilteredAndListEditorEditing(size: Size) {
        let dump = snapshot(size.width, size.height) { buffer in
            var checklist = ChecklistState(checked: [1])
            for c in "view" { _ = checklist.apply(.character(c), items: Self.permissions, visibleRows: 4) }
            let half = buffer.bounds.height / 2
            Checklist(chrome: FieldChrome(label: "Permissions", focused: false), items: Self.permissions)
                .render(into: &buffer, in: Rect(x: 0, y: 0, width: size.width, height: half), state: checklist)
            var editor = ListEditorState(items: ["10.0.0.0/8", "2001:db8::/32", "192.168.10.0/24"])
            _ = editor.apply(.down, visibleRows: 3)
            _ = editor.apply(.character("e"), visibleRows: 3)
            _ = editor.apply(.ctrl("w"), visibleRows: 3)
            for c in "ëxample" { _ = editor.apply(.character(c), visibleRows: 3) }
            return ListEditor(chrome: FieldChrome(label: "Source networks", required: true, message: "Not an IP range: ëxample", focused: true))
                .render(into: &buffer, in: Rect(x: 0, y: half, width: size.width, height: size.height - half), state: editor)
        }
        Golden.check(name("checklist-listeditor", size), dump)
    }

    static let permissions = ["users-view", "users-manage", "roles-view", "roles-manage", "hosts-view", "connections-view", "秘密-view 🔑"]

    @Test(arguments: sizes) func confirmDialogStartsOnCancel(size: Size) {
        let dump = snapshot(size.width, size.height) { buffer in
            buffer.write("background text that the dialog covers", x: 0, y: size.height / 2)
            return ConfirmDialog(title: "Delete role?", message: "Delete “Ops-Zürich 運用” (12 members)? They lose its permissions at once.",
                                 confirmLabel: "Delete", dangerous: true).render(into: &buffer, in: buffer.bounds, state: ConfirmDialogState())
        }
        Golden.check(name("dialog-confirm", size), dump)
    }

    @Test(arguments: sizes) func typedConfirmPartlyTyped(size: Size) {
        let dump = snapshot(size.width, size.height) { buffer in
            var state = TypedConfirmState()
            for c in "Ops-Z" { _ = state.apply(.character(c), expected: "Ops-Zürich") }
            return TypedConfirmDialog(title: "Delete 3 roles", message: "This removes 3 roles and their mappings for good.",
                                      expected: "Ops-Zürich", confirmLabel: "Delete").render(into: &buffer, in: buffer.bounds, state: state)
        }
        Golden.check(name("dialog-typed", size), dump)
    }

    @Test(arguments: sizes) func messageBox(size: Size) {
        let dump = snapshot(size.width, size.height) { buffer in
            MessageBox(title: "Error", message: "Error: 409 conflict: the role “運用” was changed by someone else. Reload it (r) and apply your edit again.",
                       style: .danger).render(into: &buffer, in: buffer.bounds)
        }
        Golden.check(name("dialog-message", size), dump)
    }

    static let actions = [
        ActionItem(keys: "Enter", title: "open role", group: "Roles"),
        ActionItem(keys: "/", title: "filter", group: "Roles"),
        ActionItem(keys: "d", title: "delete role", enabled: false, reason: "read-only mode (--read-only)", group: "Roles"),
        ActionItem(keys: "e", title: "edit", enabled: false, reason: "you lack roles-manage", group: "Roles"),
        ActionItem(keys: "?", title: "help", group: "General"),
        ActionItem(keys: "q", title: "quit", group: "General"),
    ]

    @Test(arguments: sizes) func helpOverlayGreysDisabledWithReasons(size: Size) {
        let dump = snapshot(size.width, size.height) { buffer in
            HelpOverlay(items: Self.actions).render(into: &buffer, in: buffer.bounds)
            return nil
        }
        Golden.check(name("help", size), dump)
    }

    @Test(arguments: sizes) func barsCommandLineToastsSpinnerProgress(size: Size) {
        let dump = snapshot(size.width, size.height) { buffer in
            let b = buffer.bounds
            StatusBar(left: [TextRun("Roles › Développeurs 運用 🚀", .selection)], right: [TextRun("demo · read-only", .selection)])
                .render(into: &buffer, in: b.row(0))
            Spinner().render(into: &buffer, in: b.row(2), tick: 3, label: "Loading roles…")
            ProgressBar().render(into: &buffer, in: b.row(3), fraction: 0.42, label: "Fetched 4200/10000")
            var toasts = ToastState()
            toasts.post(.info, "Saved “Ops-Zürich”", now: 0)
            toasts.post(.error, "Could not reach the role store: connection refused.", now: 0)
            ToastView().render(into: &buffer, in: Rect(x: 0, y: 4, width: b.width, height: 3), state: toasts)
            HintBar(items: Self.actions).render(into: &buffer, in: b.row(b.height - 1))
            var command = CommandLineState()
            let complete: (String) -> [String] = { t in ["page table", "page form", "quit"].filter { $0.hasPrefix(t) } }
            _ = command.apply(.character("p"), complete: complete)
            return CommandLineView().render(into: &buffer, in: b.row(b.height - 2), state: command)
        }
        Golden.check(name("bars", size), dump)
    }

    @Test func tooSmallScreen() {
        let dump = snapshot(30, 6) { buffer in
            TooSmallScreen(minimum: Size(width: 60, height: 16)).render(into: &buffer)
            return nil
        }
        Golden.check("too-small-30x6", dump)
        let ascii = snapshot(30, 6, glyphs: .ascii) { buffer in
            TooSmallScreen(minimum: Size(width: 60, height: 16)).render(into: &buffer)
            return nil
        }
        Golden.check("too-small-ascii-30x6", ascii)
    }

    @Test(arguments: sizes) func otherStatesIdleEditorNoMatchConfirmFocused(size: Size) {
        let dump = snapshot(size.width, size.height) { buffer in
            let b = buffer.bounds
            let third = b.height / 3
            var checklist = ChecklistState()
            checklist.filter = TextInputState("nothing-matches-ü")
            Checklist(chrome: FieldChrome(label: "Hosts", focused: false), items: Self.permissions)
                .render(into: &buffer, in: Rect(x: 0, y: 0, width: b.width, height: third), state: checklist)
            ListEditor(chrome: FieldChrome(label: "Networks", focused: true))
                .render(into: &buffer, in: Rect(x: 0, y: third, width: b.width, height: third), state: ListEditorState(items: []))
            var confirm = ConfirmDialogState()
            _ = confirm.apply(.tab)
            return ConfirmDialog(title: "Disable role?", message: "Disable “運用”?", confirmLabel: "Disable")
                .render(into: &buffer, in: Rect(x: 0, y: 2 * third, width: b.width, height: b.height - 2 * third), state: confirm)
        }
        Golden.check(name("other-states", size), dump)
    }

    @Test func barsASCII() {
        let dump = snapshot(40, 6, glyphs: .ascii) { buffer in
            let b = buffer.bounds
            Spinner().render(into: &buffer, in: b.row(0), tick: 1, label: "Loading…")
            ProgressBar().render(into: &buffer, in: b.row(1), fraction: 0.5, label: "Fetched")
            ToggleGroup(chrome: FieldChrome(label: "Days"), items: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], labelWidth: 6)
                .render(into: &buffer, in: b.row(2), state: ToggleGroupState(on: [0, 6]))
            Checkbox(chrome: FieldChrome(label: "Enabled", required: true, focused: true), isOn: false).render(into: &buffer, in: b.row(3))
            HintBar(items: Self.actions).render(into: &buffer, in: b.row(5))
            return nil
        }
        Golden.check("bars-ascii-40x6", dump)
    }
}
