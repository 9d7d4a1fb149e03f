import Foundation
import PrivXAPI
import RoleEditing
import TerminalUI

/// The console's pure core: `update` turns a message into a new state plus effects (bubbletea style).
public enum Console {
    /// What to load when the console opens.
    public static let initialEffects: [Effect] = [.loadRoles, .loadAWSRoles(refresh: false), .loadSources]

    /// Marks the initial loads as running; call once with `initialEffects`.
    public static func start(_ state: inout AppState) -> [Effect] {
        state.roles.loading = true
        state.awsRoles.loading = true
        return initialEffects
    }

    /// Applies one message; returns the network work to start (with any name look-up the detail pane now needs).
    public static func update(_ state: inout AppState, _ message: Message) -> [Effect] {
        let effects = apply(&state, message)
        return effects + userNameLookups(&state)
    }

    static func apply(_ state: inout AppState, _ message: Message) -> [Effect] {
        switch message {
        case .key(let key):
            return handleKey(&state, key)
        case .resized(let size):
            state.size = size
            reselectAll(&state)
            return []
        case .tick(let now):
            state.now = now
            _ = state.toasts.expire(now: now)
            state.settleDetail(now: now)
            if state.roles.loading || state.awsRoles.loading || state.operations.spins {
                state.tick += 1
            }
            return []
        case .signal(let sig):
            return handleSignal(&state, sig)
        case .recoveryFound(let draft):
            return offerRecovery(&state, draft)
        case .userResolved(let id, let name):
            state.userNames[id] = name.map(UserNameLookup.resolved) ?? .unresolved
            return []
        case .finished(let id, let result):
            state.operations.end(id)
            return apply(&state, result)
        case .apiCall(let record):
            state.apiLog.append(record)
            if state.apiLog.count > AppState.logLimit { state.apiLog.removeFirst(state.apiLog.count - AppState.logLimit) }
            return []
        default:
            return handleResult(&state, message)
        }
    }

    // MARK: Keys

    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        let heldMoves = state.detailHold?.moves
        let effects = dispatchKey(&state, key)
        // Any key but another table move lets the detail pane catch up at once.
        if let heldMoves, state.detailHold?.moves == heldMoves { state.detailHold = nil }
        return effects
    }

    static func dispatchKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        KeyDispatcher.dispatch(&state, key)
    }

    /// Runs a screen action as if its key was pressed (the command line's `:evaluate`, `:quit`): through
    /// the dispatcher's refusals like any key.
    static func perform(_ state: inout AppState, _ action: ConsoleAction, key: Key) -> [Effect] {
        KeyDispatcher.run(action, &state, key)
    }

    static func back(_ state: inout AppState) {
        if !state.toasts.toasts.isEmpty, state.toasts.toasts.contains(where: { $0.kind == .error }) {
            if let id = state.toasts.toasts.last(where: { $0.kind == .error })?.id { state.toasts.dismiss(id: id) }
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
            guard let members = state.members else { return [] }
            state.members = MembersState(roleID: members.roleID, roleName: members.roleName)
            state.members?.loadingPage = true
            return [.loadMembers(roleID: members.roleID, roleName: members.roleName, offset: 0)]
        default:
            var effects: [Effect] = []
            if !state.roles.loading { state.roles.loading = true; state.roles.progress = nil; effects.append(.loadRoles) }
            if !state.awsRoles.loading { state.awsRoles.loading = true; effects.append(.loadAWSRoles(refresh: false)) }
            effects.append(.loadSources)
            return effects
        }
    }

    // MARK: Lists

    static func move(_ state: inout AppState, _ key: Key) -> [Effect] {
        let rows = ConsoleLayout.listRows(state)
        if state.focus == .detail, state.screen == .roles || state.screen == .awsRoles {
            let lines = DetailContent.lines(state, width: ConsoleLayout.detailWidth(state))
            _ = state.detail.apply(key, lines: lines, visibleRows: ConsoleLayout.detailRows(state))
            return []
        }
        switch state.screen {
        case .roles:
            let catalog = state.roles.catalog
            let shown = state.detailRole
            if state.roles.table.apply(key, rowCount: catalog.view.count, visibleRows: rows, identity: { catalog.id(at: $0) }) {
                state.detail = DetailViewState()
                state.holdDetailForMove(shownRole: shown, shownAWSRole: nil)
            }
        case .awsRoles:
            let catalog = state.awsRoles.catalog
            let shown = state.detailAWSRole
            if state.awsRoles.table.apply(key, rowCount: catalog.view.count, visibleRows: rows, identity: { catalog.id(at: $0) }) {
                state.detail = DetailViewState()
                state.holdDetailForMove(shownRole: nil, shownAWSRole: shown)
            }
        case .members:
            guard var members = state.members else { return [] }
            let catalog = members.list.catalog
            _ = members.list.table.apply(key, rowCount: catalog.view.count, visibleRows: rows, identity: { catalog.id(at: $0) })
            var effects: [Effect] = []
            if !members.loadingPage, members.users.count < members.total, members.list.table.selected >= catalog.view.count - rows {
                members.loadingPage = true
                effects.append(.loadMembers(roleID: members.roleID, roleName: members.roleName, offset: members.users.count))
            }
            state.members = members
            return effects
        case .log:
            _ = state.logTable.apply(key, rowCount: state.apiLog.count, visibleRows: rows, identity: { String($0) })
        case .errors:
            _ = state.errorsTable.apply(key, rowCount: state.errors.count, visibleRows: rows, identity: { String($0) })
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
        case .roles: next(&state.roles, columns: RoleRow.columnTitles.count)
        case .awsRoles: next(&state.awsRoles, columns: AWSRoleRow.columnTitles.count)
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
        }
        return []
    }

    static func currentFilterInput(_ state: AppState) -> TextInputState {
        switch state.screen {
        case .roles: state.roles.filterInput
        case .awsRoles: state.awsRoles.filterInput
        case .members: state.members?.list.filterInput ?? TextInputState()
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
        case .roles: changed = apply(&state.roles)
        case .awsRoles: changed = apply(&state.awsRoles)
        case .members:
            guard state.members != nil else { return false }
            changed = apply(&state.members!.list)
        default: return false
        }
        if changed { reselectAll(&state) }
        return changed
    }

    /// Keeps each table's selection on the same item after its rows changed.
    static func reselectAll(_ state: inout AppState) {
        let rows = ConsoleLayout.listRows(state)
        func fix<Row: CatalogRow>(_ pane: inout ListPane<Row>) {
            let catalog = pane.catalog
            pane.table.reselect(rowCount: catalog.view.count, visibleRows: rows, position: { catalog.position(of: $0) },
                                identity: { catalog.id(at: $0) })
        }
        fix(&state.roles)
        fix(&state.awsRoles)
        if state.members != nil { fix(&state.members!.list) }
    }

    // MARK: Command line

    /// Commands and role names that complete `text`.
    public static func completions(_ state: AppState, _ text: String) -> [String] {
        let commands = ["roles", "awsroles", "log", "errors", "evaluate", "help", "quit"]
        let lower = text.lowercased()
        var out = commands.filter { $0.hasPrefix(lower) }
        if !text.isEmpty {
            for row in state.roles.catalog.rows where row.role.name.lowercased().hasPrefix(lower) {
                out.append(row.role.name)
                if out.count >= 12 { break }
            }
        }
        return out
    }

    static func runCommand(_ state: inout AppState, _ text: String) -> [Effect] {
        let command = text.trimmingCharacters(in: .whitespaces)
        switch command.lowercased() {
        case "": return []
        case "roles", "role", "r": show(&state, .roles)
        case "awsroles", "aws", "awsrole": show(&state, .awsRoles)
        case "log": show(&state, .log)
        case "errors", "error", "err": show(&state, .errors)
        case "help", "h": state.modal = .help(offset: 0)
        case "evaluate", "eval":
            show(&state, .roles)
            return perform(&state, ActionRegistry.action(.evaluateRole), key: .character("v"))
        case "quit", "q", "q!": return perform(&state, ActionRegistry.action(.quit), key: .character("q"))
        default:
            guard let row = state.roles.catalog.rows.first(where: { $0.role.name == command })
                    ?? state.roles.catalog.rows.first(where: { $0.role.name.lowercased() == command.lowercased() }) else {
                state.toasts.post(.warning, "Unknown command or role \u{201C}\(command)\u{201D}. Try :roles, :awsroles, :log, :errors, :help, :quit or a role name (Tab completes).", now: state.now, seconds: 6)
                return []
            }
            show(&state, .roles)
            if state.roles.catalog.position(of: row.id) == nil { _ = setFilter(&state, "", onlyIfActive: false) }
            if let position = state.roles.catalog.position(of: row.id) {
                let catalog = state.roles.catalog
                state.roles.table.move(to: position, rowCount: catalog.view.count, visibleRows: ConsoleLayout.listRows(state),
                                       identity: { catalog.id(at: $0) })
            }
        }
        return []
    }
}
