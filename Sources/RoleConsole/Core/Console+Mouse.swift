import TerminalUI

extension Console {
    /// Mouse input (only with `--mouse`): the wheel moves like the arrow keys, a click in a pane
    /// focuses it and a click on a list row selects that row, through the same paths as the keys.
    static func handleMouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
        // The password dialog takes the keyboard only; nothing below it reacts meanwhile.
        guard state.login == nil else { return [] }
        switch event.kind {
        case .wheelUp: return handleKey(&state, .up)
        case .wheelDown: return handleKey(&state, .down)
        case .click: return click(&state, x: event.x, y: event.y)
        }
    }

    private static func click(_ state: inout AppState, x: Int, y: Int) -> [Effect] {
        guard state.modal == nil, state.recovery == nil, state.commandLine == nil, state.checklist == nil, state.principalKeys == nil, !state.filterEditing, layerPlace(state) == nil else { return [] }
        let body = ConsoleLayout.frame(state.size).body
        var box = body
        if state.screen == .roles || state.screen == .awsRoles {
            let panes = ConsoleLayout.panes(body, focus: state.focus)
            if let detail = panes.detail, contains(detail, x, y) {
                state.focus = .detail
                return []
            }
            guard panes.detail != nil || state.focus == .table else { return [] }
            state.focus = .table
            box = panes.table
        }
        guard contains(box, x, y), let table = listTable(state) else { return [] }
        let row = y - box.y - 2    // border, then the column header
        guard row >= 0, row < ConsoleLayout.tableRows(in: box) else { return [] }
        let distance = table.offset + row - table.selected
        var effects: [Effect] = []
        for _ in 0..<abs(distance) { effects += move(&state, distance > 0 ? .down : .up) }
        return effects
    }

    private static func listTable(_ state: AppState) -> TableState? {
        switch state.screen {
        case .roles: state.roles.list.table
        case .awsRoles: state.awsRoles.list.table
        case .members: state.members?.list.table
        case .users: nil    // its tables sit below the search row; the wheel still moves them
        case .log: state.logTable
        case .errors: state.errorsTable
        case .history: state.historyScreen.table
        }
    }

    private static func contains(_ rect: Rect, _ x: Int, _ y: Int) -> Bool {
        x >= rect.x && x < rect.maxX && y >= rect.y && y < rect.maxY
    }
}
