import PrivXAPI
import RoleConsole
import TerminalUI
import Testing

/// `--mouse`: clicks select rows and focus panes, the wheel moves like the arrows.
@Suite struct MouseTests {
    func click(_ state: inout AppState, x: Int, y: Int) {
        _ = Console.update(&state, .key(.mouse(MouseEvent(kind: .click, x: x, y: y))))
    }

    @Test func clickOnARowSelectsIt() {
        var state = Fixtures.loadedState(width: 120, height: 30)
        let box = ConsoleLayout.panes(ConsoleLayout.frame(state.size).body, focus: .table).table
        click(&state, x: box.x + 3, y: box.y + 2 + 2)          // third data row
        #expect(state.roles.list.table.selected == 2)
        #expect(state.roles.list.selected?.id == state.roles.list.catalog.row(at: 2)?.id)
        click(&state, x: box.x + 3, y: box.y + 2)              // first data row
        #expect(state.roles.list.table.selected == 0)
        click(&state, x: box.x + 3, y: box.y + 1)              // the column header selects nothing
        #expect(state.roles.list.table.selected == 0)
    }

    @Test func clickInTheDetailPaneFocusesItAndBack() throws {
        var state = Fixtures.loadedState(width: 120, height: 30)
        let panes = ConsoleLayout.panes(ConsoleLayout.frame(state.size).body, focus: .table)
        let detail = try #require(panes.detail)
        click(&state, x: detail.x + 2, y: detail.y + 2)
        #expect(state.focus == .detail)
        click(&state, x: panes.table.x + 2, y: panes.table.y + 2)
        #expect(state.focus == .table)
    }

    @Test func wheelMovesTheSelection() {
        var state = Fixtures.loadedState(width: 120, height: 30)
        _ = Console.update(&state, .key(.mouse(MouseEvent(kind: .wheelDown, x: 5, y: 5))))
        _ = Console.update(&state, .key(.mouse(MouseEvent(kind: .wheelDown, x: 5, y: 5))))
        #expect(state.roles.list.table.selected == 2)
        _ = Console.update(&state, .key(.mouse(MouseEvent(kind: .wheelUp, x: 5, y: 5))))
        #expect(state.roles.list.table.selected == 1)
    }

    @Test func clicksAreIgnoredUnderADialog() {
        var state = Fixtures.loadedState(width: 120, height: 30)
        _ = Console.update(&state, .key(.character("?")))
        let box = ConsoleLayout.panes(ConsoleLayout.frame(state.size).body, focus: .table).table
        click(&state, x: box.x + 3, y: box.y + 4)
        #expect(state.roles.list.table.selected == 0)
        #expect(state.modal != nil)
    }
}
