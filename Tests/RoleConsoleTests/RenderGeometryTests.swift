import PrivXAPI
import RoleConsole
import TerminalUI
import Testing

/// Geometry is settled at render time: update keeps the selection and scroll requests, the view clamps
/// and scrolls, and `ConsoleView.settle` (what the run loop does after each frame) stores the drawn offsets
/// and heights back.
@Suite struct RenderGeometryTests {
    /// A roles list longer than any screen here.
    static func manyRoles(width: Int, height: Int) -> AppState {
        var state = Fixtures.loadedState(width: width, height: height)
        let roles = (0..<80).map {
            Fixtures.role(id: "r-\($0)", name: "role-\(100 + $0)", perms: ["roles-view"], members: $0, tags: [], context: nil,
                          rule: #"{"type":"GROUP","match":"ANY","rules":[]}"#)
        }
        _ = Console.update(&state, .rolesLoaded(roles))
        return state
    }

    static func screen(_ state: AppState) -> String {
        ConsoleView.render(state, glyphs: .unicode).0.textLines().joined(separator: "\n")
    }

    @Test func resizingSmallerThenLargerKeepsTheSelectionVisibleWithoutUpdateTouchingTheOffset() {
        var state = Self.manyRoles(width: 120, height: 40)
        ConsoleView.settle(&state, glyphs: .unicode)
        Fixtures.press(&state, .end)
        let name = state.roles.list.selected?.role.name ?? ""
        #expect(name == "role-179")
        #expect(state.roles.list.table.offset == 0)                 // update kept the logical position only
        #expect(Self.screen(state).contains(name))             // the view scrolled to it anyway
        ConsoleView.settle(&state, glyphs: .unicode)
        let tall = state.roles.list.table.offset
        #expect(tall > 0 && tall + (state.roles.list.table.viewportRows ?? 0) == 80)
        for size in [Size(width: 120, height: 14), Size(width: 120, height: 40)] {
            _ = Console.update(&state, .resized(size))
            #expect(Self.screen(state).contains(name))
            ConsoleView.settle(&state, glyphs: .unicode)
            let rows = state.roles.list.table.viewportRows ?? 0
            #expect(state.roles.list.table.offset <= 79 && 79 < state.roles.list.table.offset + rows)
        }
        // Larger again: the settled offset is clamped to the content, not left where the small frame had it.
        #expect(state.roles.list.table.offset == tall)
    }

    @Test func pagingMovesByTheRowsLastDrawn() {
        var state = Self.manyRoles(width: 120, height: 40)
        ConsoleView.settle(&state, glyphs: .unicode)
        let drawn = state.roles.list.table.viewportRows ?? 0
        #expect(drawn == ConsoleLayout.tableRows(in: ConsoleLayout.panes(ConsoleLayout.frame(state.size).body, focus: .table).table))
        Fixtures.press(&state, .pageDown)
        #expect(state.roles.list.table.selected == drawn - 1)
        // The terminal shrinks; until a frame is drawn at the new size a page is still the one on screen.
        _ = Console.update(&state, .resized(Size(width: 120, height: 16)))
        Fixtures.press(&state, .pageDown)
        #expect(state.roles.list.table.selected == 2 * (drawn - 1))
        ConsoleView.settle(&state, glyphs: .unicode)
        let small = state.roles.list.table.viewportRows ?? 0
        #expect(small < drawn)
        Fixtures.press(&state, .pageUp)
        #expect(state.roles.list.table.selected == 2 * (drawn - 1) - (small - 1))
    }

    @Test func theDetailPanesScrollRequestBeyondItsContentIsClampedByTheView() {
        var state = Fixtures.loadedState(width: 100, height: 20)
        Fixtures.press(&state, .tab)
        #expect(state.focus == .detail)
        ConsoleView.settle(&state, glyphs: .unicode)
        for _ in 0..<200 { Fixtures.press(&state, .down) }
        #expect(state.detail.offset == 200)                    // the request, unclamped by update
        let before = Self.screen(state)
        ConsoleView.settle(&state, glyphs: .unicode)
        let rows = state.detail.viewportRows ?? 0
        #expect(rows > 0 && state.detail.offset < 200)
        #expect(Self.screen(state) == before)                  // drawn clamped already; settling only stores it
        // From the settled end, one line up shows the line above the last page.
        let end = state.detail.offset
        Fixtures.press(&state, .up)
        #expect(state.detail.offset == end - 1)
        Fixtures.press(&state, .end)
        ConsoleView.settle(&state, glyphs: .unicode)
        #expect(state.detail.offset == end)
    }
}
