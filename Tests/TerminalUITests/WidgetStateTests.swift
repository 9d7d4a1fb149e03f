import Testing
import TerminalUI

@Suite struct TableStateTests {
    let ids: (Int) -> String = { "id\($0)" }

    @Test func navigationKeysMoveAndScroll() {
        var state = TableState()
        let moved = state.apply(.down, rowCount: 100, visibleRows: 10, identity: ids)
        #expect(moved)
        #expect(state.selected == 1 && state.selectedID == "id1")
        _ = state.apply(.pageDown, rowCount: 100, visibleRows: 10, identity: ids)
        #expect(state.selected == 10 && state.offset == 1)
        _ = state.apply(.end, rowCount: 100, visibleRows: 10, identity: ids)
        #expect(state.selected == 99 && state.offset == 90)
        _ = state.apply(.home, rowCount: 100, visibleRows: 10, identity: ids)
        #expect(state.selected == 0 && state.offset == 0)
        _ = state.apply(.up, rowCount: 100, visibleRows: 10, identity: ids)
        #expect(state.selected == 0)
        let xUsed = state.apply(.character("x"), rowCount: 100, visibleRows: 10, identity: ids)
        #expect(!xUsed)
    }

    @Test func selectionFollowsTheItemWhenRowsReorder() {
        var state = TableState()
        state.move(to: 3, rowCount: 10, visibleRows: 5, identity: ids)
        let reversed: (Int) -> String = { "id\(9 - $0)" }
        state.reselect(rowCount: 10, visibleRows: 5, identity: reversed)
        #expect(state.selected == 6)
        #expect(state.selectedID == "id3")
    }

    @Test func selectionStaysInPlaceWhenTheItemIsGone() {
        var state = TableState()
        state.move(to: 3, rowCount: 10, visibleRows: 5, identity: ids)
        state.reselect(rowCount: 2, visibleRows: 5, identity: { "other\($0)" })
        #expect(state.selected == 1)
    }

    @Test func spaceMarksByIdentityAndAdvances() {
        var state = TableState()
        _ = state.apply(.character(" "), rowCount: 5, visibleRows: 5, identity: ids)
        _ = state.apply(.character(" "), rowCount: 5, visibleRows: 5, identity: ids)
        #expect(state.marked == ["id0", "id1"])
        #expect(state.selected == 2)
    }

    @Test func sortTogglesDirectionOnTheSameColumn() {
        var state = TableState()
        state.sort(by: 1)
        #expect(state.sortColumn == 1 && state.sortAscending)
        state.sort(by: 1)
        #expect(!state.sortAscending)
        state.sort(by: 0)
        #expect(state.sortColumn == 0 && state.sortAscending)
    }

    @Test func emptyTableKeysDoNotCrash() {
        var state = TableState()
        _ = state.apply(.end, rowCount: 0, visibleRows: 5, identity: ids)
        _ = state.apply(.character(" "), rowCount: 0, visibleRows: 5, identity: ids)
        #expect(state.selected == 0 && state.selectedID == nil)
    }
}

@Suite struct TextInputTests {
    func typed(_ text: String, cursorAt: Int? = nil) -> TextInputState {
        var state = TextInputState(text)
        if let cursorAt { for _ in 0..<(text.count - cursorAt) { _ = state.apply(.left) } }
        return state
    }

    @Test func insertsAndDeletesGraphemes() {
        var state = TextInputState()
        for c in "a運🚀e\u{301}" { _ = state.apply(.character(c)) }
        #expect(state.text == "a運🚀e\u{301}")
        _ = state.apply(.backspace)
        #expect(state.text == "a運🚀")
        _ = state.apply(.home)
        _ = state.apply(.delete)
        #expect(state.text == "運🚀" && state.cursor == 0)
    }

    @Test func emacsKillKeys() {
        var state = typed("hello big world", cursorAt: 9)
        _ = state.apply(.ctrl("k"))
        #expect(state.text == "hello big")
        _ = state.apply(.ctrl("w"))
        #expect(state.text == "hello ")
        state = typed("hello world", cursorAt: 6)
        _ = state.apply(.ctrl("u"))
        #expect(state.text == "world" && state.cursor == 0)
        _ = state.apply(.ctrl("e"))
        #expect(state.cursor == 5)
        _ = state.apply(.ctrl("a"))
        #expect(state.cursor == 0)
    }

    @Test func altWordMotion() {
        var state = typed("one two three")
        _ = state.apply(.alt("b"))
        #expect(state.cursor == 8)
        _ = state.apply(.alt("b"))
        #expect(state.cursor == 4)
        _ = state.apply(.alt("f"))
        #expect(state.cursor == 7)
    }

    @Test func pastedControlCharactersAreNeutralized() {
        var state = TextInputState()
        state.insert("a\u{1B}[2Jb\u{07}")
        #expect(state.text == "a␛b␇")
    }

    @Test func horizontalScrollKeepsCursorVisible() {
        _ = utf8Locale
        let state = typed("運用チームの設定")
        let slice = state.visibleSlice(width: 7)
        #expect(slice.cursorColumn <= 6)
        #expect(TextWidth.of(slice.text) <= 7)
        #expect(slice.text.hasSuffix("設定"))
        let start = typed("運用チームの設定", cursorAt: 0).visibleSlice(width: 7)
        #expect(start.text == "運用チ" && start.cursorColumn == 0)
    }

    @Test func nonEditingKeysAreLeftForTheForm() {
        var state = TextInputState("x")
        let tabUsed = state.apply(.tab)
        #expect(!tabUsed)
        let upUsed = state.apply(.up)
        #expect(!upUsed)
        let enterUsed = state.apply(.enter)
        #expect(!enterUsed)
    }
}

@Suite struct FormStateTests {
    @Test func toggleGroupTogglesWeekdays() {
        var state = ToggleGroupState(on: [0])
        _ = state.apply(.right, count: 7)
        _ = state.apply(.character(" "), count: 7)
        _ = state.apply(.left, count: 7)
        _ = state.apply(.enter, count: 7)
        #expect(state.on == [1])
        _ = state.apply(.end, count: 7)
        #expect(state.cursor == 6)
    }

    @Test func checkboxToggles() {
        #expect(Checkbox.toggled(false, by: .character(" ")) == true)
        #expect(Checkbox.toggled(true, by: .enter) == false)
        #expect(Checkbox.toggled(true, by: .character("x")) == nil)
    }

    @Test func choiceListChoosesUnderCursor() {
        var state = ChoiceListState(chosen: 0)
        _ = state.apply(.down, count: 3, visibleRows: 2)
        _ = state.apply(.down, count: 3, visibleRows: 2)
        _ = state.apply(.down, count: 3, visibleRows: 2)
        _ = state.apply(.enter, count: 3, visibleRows: 2)
        #expect(state.chosen == 2 && state.offset == 1)
    }

    @Test func checklistFiltersAndTogglesByItemIndex() {
        let items = ["roles-view", "roles-manage", "hosts-view", "Zürich-ops"]
        var state = ChecklistState()
        for c in "view" { _ = state.apply(.character(c), items: items, visibleRows: 5) }
        #expect(state.visibleItems(items) == [0, 2])
        _ = state.apply(.down, items: items, visibleRows: 5)
        _ = state.apply(.character(" "), items: items, visibleRows: 5)
        #expect(state.checked == [2])
        state.filter = TextInputState("zür")
        #expect(state.visibleItems(items) == [3])
        state.filter = TextInputState("nothing")
        #expect(state.visibleItems(items).isEmpty)
        _ = state.apply(.character(" "), items: items, visibleRows: 5)
        #expect(state.checked == [2])
    }

    @Test func listEditorAddsEditsRemoves() {
        var state = ListEditorState(items: ["10.0.0.0/8"])
        _ = state.apply(.character("a"), visibleRows: 5)
        for c in "192.168.0.0/16" { _ = state.apply(.character(c), visibleRows: 5) }
        _ = state.apply(.enter, visibleRows: 5)
        #expect(state.items == ["10.0.0.0/8", "192.168.0.0/16"])
        _ = state.apply(.up, visibleRows: 5)
        _ = state.apply(.character("e"), visibleRows: 5)
        _ = state.apply(.backspace, visibleRows: 5)
        _ = state.apply(.character("6"), visibleRows: 5)
        _ = state.apply(.enter, visibleRows: 5)
        #expect(state.items == ["10.0.0.0/6", "192.168.0.0/16"])
        _ = state.apply(.character("d"), visibleRows: 5)
        #expect(state.items == ["192.168.0.0/16"])
        _ = state.apply(.character("a"), visibleRows: 5)
        _ = state.apply(.character("x"), visibleRows: 5)
        _ = state.apply(.escape, visibleRows: 5)
        #expect(state.items == ["192.168.0.0/16"] && state.editing == nil)
    }

    @Test func treeExpandsCollapsesAndGoesToParent() {
        let roots = [TreeNode(id: "a", label: "A", children: [TreeNode(id: "a1", label: "A1")]), TreeNode(id: "b", label: "B")]
        var state = TreeState()
        _ = state.apply(.right, roots: roots, visibleRows: 5)
        #expect(TreeView.flatten(roots, expanded: state.expanded).map(\.node.id) == ["a", "a1", "b"])
        _ = state.apply(.down, roots: roots, visibleRows: 5)
        _ = state.apply(.left, roots: roots, visibleRows: 5)
        #expect(state.selected == 0)
        _ = state.apply(.left, roots: roots, visibleRows: 5)
        #expect(state.expanded.isEmpty)
    }

    @Test func detailSearchJumpsBetweenMatchesAndWraps() {
        _ = utf8Locale
        let view = DetailView(blocks: [.paragraph("alpha"), .paragraph("beta"), .paragraph("alphabet"), .paragraph("gamma")])
        let lines = view.lines(width: 20)
        var state = DetailViewState()
        state.query = "alpha"
        _ = state.apply(.character("n"), lines: lines, visibleRows: 2)
        #expect(state.matchLine == 0)
        _ = state.apply(.character("n"), lines: lines, visibleRows: 2)
        #expect(state.matchLine == 2)
        _ = state.apply(.character("n"), lines: lines, visibleRows: 2)
        #expect(state.matchLine == 0)
        _ = state.apply(.character("N"), lines: lines, visibleRows: 2)
        #expect(state.matchLine == 2)
    }
}

@Suite struct DialogAndBarTests {
    @Test func confirmStartsOnCancelSoEnterCancels() {
        var state = ConfirmDialogState()
        #expect(state.apply(.enter) == .cancelled)
        state = ConfirmDialogState()
        #expect(state.apply(.tab) == nil)
        #expect(state.apply(.enter) == .confirmed)
        #expect(ConfirmDialogState().applying(.escape) == .cancelled)
        var swallow = ConfirmDialogState()
        #expect(swallow.apply(.character("d")) == nil)
    }

    @Test func typedConfirmNeedsTheExactName() {
        var state = TypedConfirmState()
        for c in "Ops" { _ = state.apply(.character(c), expected: "Ops-Zürich") }
        #expect(state.apply(.enter, expected: "Ops-Zürich") == nil)
        for c in "-Zürich" { _ = state.apply(.character(c), expected: "Ops-Zürich") }
        #expect(state.apply(.enter, expected: "Ops-Zürich") == .confirmed)
        #expect(state.apply(.escape, expected: "Ops-Zürich") == .cancelled)
    }

    @Test func commandLineCompletesCommonPrefixThenCycles() {
        let commands = ["page table", "page form", "quit"]
        let complete: (String) -> [String] = { text in commands.filter { $0.hasPrefix(text) } }
        var state = CommandLineState()
        _ = state.apply(.character("p"), complete: complete)
        _ = state.apply(.tab, complete: complete)
        #expect(state.input.text == "page ")
        _ = state.apply(.tab, complete: complete)
        #expect(state.input.text == "page table")
        _ = state.apply(.tab, complete: complete)
        #expect(state.input.text == "page form")
        let submitted = state.apply(.enter, complete: complete) == .submitted("page form")
        #expect(submitted)
        #expect(state.apply(.escape, complete: complete) == .cancelled)
    }

    @Test func errorToastsStayUntilDismissedOthersExpire() {
        var toasts = ToastState()
        toasts.post(.info, "saved", now: 0, seconds: 4)
        toasts.post(.error, "failed", now: 1)
        let expiredEarly = toasts.expire(now: 3)
        #expect(!expiredEarly)
        let expiredInfo = toasts.expire(now: 5)
        #expect(expiredInfo)
        #expect(toasts.toasts.map(\.message) == ["failed"])
        let expiredError = toasts.expire(now: 10_000)
        #expect(!expiredError)
        toasts.dismiss()
        #expect(toasts.toasts.isEmpty)
    }

    @Test func splitHonorsRatiosAndMinimums() {
        let area = Rect(x: 0, y: 0, width: 100, height: 10)
        let panes = Layout.split(area, .horizontal, ratios: [3, 2], minimums: [50, 0], gap: 1)
        #expect(panes.map(\.width).reduce(0, +) == 99)
        #expect(panes[0].width >= 50 && panes[1].x == panes[0].maxX + 1)
        let tight = Layout.split(Rect(x: 0, y: 0, width: 40, height: 10), .horizontal, ratios: [1, 1], minimums: [30, 20])
        #expect(tight.map(\.width) == [30, 10])
        let rows = Layout.split(Rect(x: 0, y: 0, width: 10, height: 7), .vertical, ratios: [1, 1, 1])
        #expect(rows.map(\.height).reduce(0, +) == 7)
        #expect(rows[2].maxY == 7)
    }
}

extension ConfirmDialogState {
    func applying(_ key: Key) -> DialogOutcome? {
        var copy = self
        return copy.apply(key)
    }
}

@Suite struct MatchHighlightTests {
    @Test func matchingIgnoresCaseInEveryScript() {
        #expect(MatchHighlight.matches("Ops-Zürich 76", query: "zürich 7"))
        #expect(MatchHighlight.matches("Ops-Zürich 76", query: "ZÜRICH"))
        #expect(MatchHighlight.matches("Administrators", query: "TRAT"))
        #expect(MatchHighlight.matches("運用チーム", query: "チー"))
        #expect(!MatchHighlight.matches("Administrators", query: "admins"))
        #expect(!MatchHighlight.matches("ab", query: "abc"))
        #expect(MatchHighlight.matches("anything", query: ""))
    }

    @Test func spansEmphasizeEveryOccurrence() {
        let spans = MatchHighlight.spans("Abc abc", query: "ab", style: .normal)
        #expect(spans.map(\.text) == ["Ab", "c ", "ab", "c"])
        #expect(spans.map(\.style.emphasized) == [true, false, true, false])
    }
}

/// The widget states' render-time geometry: keys keep logical positions, settling clamps and records.
@Suite struct SettledGeometryTests {
    @Test func tableKeysLeaveTheOffsetAndPageByTheSettledHeight() {
        var state = TableState()
        let ids: (Int) -> String = { "id\($0)" }
        _ = state.apply(.pageDown, rowCount: 100, identity: ids)
        #expect(state.selected == 1 && state.offset == 0)      // never drawn: a page is one row
        state.settle(rowCount: 100, visibleRows: 10)
        _ = state.apply(.pageDown, rowCount: 100, identity: ids)
        #expect(state.selected == 10 && state.offset == 0)
        state.settle(rowCount: 100, visibleRows: 10)
        #expect(state.offset == 1 && state.viewportRows == 10)
        _ = state.apply(.end, rowCount: 100, identity: ids)
        state.settle(rowCount: 100, visibleRows: 10)
        _ = state.apply(.up, rowCount: 100, identity: ids)
        state.settle(rowCount: 100, visibleRows: 10)
        #expect(state.selected == 98 && state.offset == 90)    // scrolls as little as possible
        state.settle(rowCount: 100, visibleRows: 40)
        #expect(state.offset == 60)                            // a taller frame clamps to the content
    }

    @Test func detailRequestsAreClampedAndSearchStepsResolvedWhenSettled() {
        let view = DetailView(blocks: (0..<20).map { .paragraph($0 % 5 == 0 ? "match \($0)" : "line \($0)") })
        let lines = view.lines(width: 30)
        var state = DetailViewState()
        _ = state.apply(.end)
        #expect(state.offset == Int.max)
        _ = state.apply(.down)
        #expect(state.offset == Int.max)                       // saturates, never overflows
        state.settle(lines: lines, visibleRows: 6)
        #expect(state.offset == 14 && state.viewportRows == 6)
        _ = state.apply(.home)
        state.query = "match"
        _ = state.apply(.character("n"))
        #expect(state.matchLine == nil && state.pendingJump == true)
        var buffer = ScreenBuffer(size: Size(width: 30, height: 6))
        view.render(into: &buffer, in: Rect(x: 0, y: 0, width: 30, height: 6), state: state)
        #expect(buffer.textLines().first?.hasPrefix("match 0") == true)
        state.settle(lines: lines, visibleRows: 6)
        #expect(state.matchLine == 0 && state.pendingJump == nil)
        _ = state.apply(.character("n"))
        state.settle(lines: lines, visibleRows: 6)
        #expect(state.matchLine == 5)
    }
}
