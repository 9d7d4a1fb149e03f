import TerminalUI

/// The lists' update: moving, sorting, the `/` filter, screens and going back, reloading.
extension Console {
    static func back(_ state: inout AppState) {
        // Esc first clears the messages shown (errors stay in :errors).
        if !state.toasts.toasts.isEmpty {
            state.toasts.clear(through: state.toasts.newestID)
            return
        }
        if state.focus == .detail { state.focus = .table; return }
        if setFilter(&state, "", onlyIfActive: true) { return }
        if state.stack.count > 1 {
            state.stack.removeLast()
            state.detail = DetailViewState()
        }
    }

    static func show(_ state: inout AppState, _ screen: ScreenKind) {
        if screen == .roles || screen == .awsRoles {
            state.stack = [screen]
        } else if state.screen != screen {
            state.stack.append(screen)
        }
        state.focus = .table
        state.detail = DetailViewState()
        reselectAll(&state)
    }

    static func refresh(_ state: inout AppState) -> [Effect] {
        switch state.screen {
        case .members:
            return state.members?.reload() ?? []
        case .users:
            return state.run(\.users) { users, _ in users.reload() } ?? []
        default:
            var effects: [Effect] = []
            if !state.roles.list.loading { state.roles.list.loading = true; state.roles.list.progress = nil; effects.append(.loadRoles) }
            if !state.awsRoles.list.loading { state.awsRoles.list.loading = true; effects.append(.loadAWSRoles(refresh: false)) }
            effects.append(.loadSources)
            return effects
        }
    }

    static func move(_ state: inout AppState, _ key: Key) -> [Effect] {
        // Logical moves only: the detail pane keeps a scroll request and the tables a selection; the view
        // clamps and scrolls at render time and pages use the heights last drawn (`ConsoleView.settle`).
        if state.focus == .detail, state.screen == .roles || state.screen == .awsRoles {
            _ = state.detail.apply(key)
            return []
        }
        switch state.screen {
        case .roles:
            state.roles.moveSelection(key, now: state.now)
        case .awsRoles:
            state.awsRoles.moveSelection(key, now: state.now)
        case .members:
            return state.members?.move(key) ?? []
        case .users:
            state.users?.move(key)
        case .log:
            let view = APILogScreen.view(state)
            _ = state.logTable.apply(key, rowCount: view.count, identity: { String(view[$0]) })
        case .errors:
            _ = state.errorsTable.apply(key, rowCount: state.errors.count, identity: { String($0) })
        case .history:
            _ = state.historyScreen.table.apply(key, rowCount: state.history.entries.count, identity: { String($0) })
        }
        return []
    }

    static func sort(_ state: inout AppState, invert: Bool) {
        func next<Row: CatalogRow>(_ pane: inout ListPane<Row>, columns: Int) {
            let current = pane.catalog.sortColumn
            if invert {
                pane.catalog.setSort(column: current ?? 0, ascending: current == nil ? false : !pane.catalog.ascending)
            } else {
                let column = current.map { ($0 + 1) % columns } ?? 0
                pane.catalog.setSort(column: column, ascending: true)
            }
            pane.table.sortColumn = pane.catalog.sortColumn
            pane.table.sortAscending = pane.catalog.ascending
        }
        switch state.screen {
        case .roles: next(&state.roles.list, columns: RoleRow.columnTitles.count)
        case .awsRoles: next(&state.awsRoles.list, columns: AWSRoleRow.columnTitles.count)
        case .members:
            guard state.members != nil else { return }
            next(&state.members!.list, columns: MemberRow.columnTitles.count)
        default: return
        }
        reselectAll(&state)
    }

    static func handleFilterKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch key {
        case .enter, .down, .up, .tab:
            state.filterEditing = false
            if key != .enter && key != .tab { return move(&state, key) }
        case .escape:
            state.filterEditing = false
            _ = setFilter(&state, "", onlyIfActive: false)
        default:
            var input = currentFilterInput(state)
            guard input.apply(key) else { return [] }
            _ = setFilter(&state, input.text, onlyIfActive: false, input: input)
            if state.screen == .members { return state.run(\.members) { $0.filterChanged(&$1) } ?? [] }
        }
        return []
    }

    static func currentFilterInput(_ state: AppState) -> TextInputState {
        switch state.screen {
        case .roles: state.roles.list.filterInput
        case .awsRoles: state.awsRoles.list.filterInput
        case .members: state.members?.list.filterInput ?? TextInputState()
        case .log: state.logFilter
        default: TextInputState()
        }
    }

    /// Sets the filter of the current list; returns false when `onlyIfActive` and there was none.
    static func setFilter(_ state: inout AppState, _ text: String, onlyIfActive: Bool, input: TextInputState? = nil) -> Bool {
        func apply<Row: CatalogRow>(_ pane: inout ListPane<Row>) -> Bool {
            if onlyIfActive && pane.catalog.filterText.isEmpty { return false }
            pane.filterInput = input ?? TextInputState(text)
            pane.catalog.setFilter(text)
            return true
        }
        let changed: Bool
        switch state.screen {
        case .roles: changed = apply(&state.roles.list)
        case .awsRoles: changed = apply(&state.awsRoles.list)
        case .members:
            guard state.members != nil else { return false }
            changed = apply(&state.members!.list)
        case .log:
            if onlyIfActive && state.logFilter.text.isEmpty { return false }
            state.logFilter = input ?? TextInputState(text)
            state.logTable.selected = min(state.logTable.selected, max(0, APILogScreen.view(state).count - 1))
            return true
        default: return false
        }
        if changed { reselectAll(&state) }
        return changed
    }

    /// Keeps each table's selection on the same item after its rows changed.
    static func reselectAll(_ state: inout AppState) {
        func fix<Row: CatalogRow>(_ pane: inout ListPane<Row>) {
            let catalog = pane.catalog
            pane.table.reselect(rowCount: catalog.view.count, position: { catalog.position(of: $0) }, identity: { catalog.id(at: $0) })
        }
        fix(&state.roles.list)
        fix(&state.awsRoles.list)
        if state.members != nil { fix(&state.members!.list) }
    }
}
