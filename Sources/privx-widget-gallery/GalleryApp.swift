import TerminalUI

/// The gallery's whole state and its key handling: a miniature of how the console keeps widget
/// states and updates them with pure functions.
struct GalleryApp {
    enum Page: Int, CaseIterable {
        case table, detail, form, dialogs
        var title: String {
            switch self {
            case .table: "Table"
            case .detail: "Detail & tree"
            case .form: "Form"
            case .dialogs: "Dialogs & bars"
            }
        }
    }
    enum Modal { case confirm, typed, message, help }

    var page: Page = .table
    var quit = false
    /// Set by `:shell`; the run loop suspends curses, runs a subshell and resumes (the `$EDITOR` path).
    var shellRequested = false
    var rowCount: Int
    var order: [Int]
    var table = TableState()
    var filter = TextInputState()
    var filtering = false
    var detail = DetailViewState()
    var searching = false
    var search = TextInputState()
    var tree = TreeState()
    var treeFocused = false
    var focus = 0
    var nameInput = TextInputState("Développeurs 運用 🚀")
    var enabled = true
    var weekdays = ToggleGroupState(on: [0, 1, 2, 3, 4])
    var source = ChoiceListState(chosen: 1)
    var permissions = ChecklistState(checked: [0, 2])
    var networks = ListEditorState(items: ["10.0.0.0/8", "192.168.10.0/24"])
    var modal: Modal?
    var confirm = ConfirmDialogState()
    var typed = TypedConfirmState()
    var helpOffset = 0
    var toasts = ToastState()
    var command = CommandLineState()
    var commandActive = false
    var lastOutcome = "none yet"
    var tick = 0
    var now = 0.0

    init(rowCount: Int) {
        self.rowCount = rowCount
        self.order = Array(0..<rowCount)
        table.move(to: 0, rowCount: rowCount, visibleRows: 1, identity: GalleryData.identity)
        tree.expanded = ["r1"]
    }

    /// Rows visible in the table for the last known screen size.
    var tableRows = 20
    /// Screen row of the first table row (for mouse clicks).
    var tableTop = 3
    var detailRows = 20

    var identity: (Int) -> String { { [order] in GalleryData.identity(order[$0]) } }

    static let formFieldCount = 6
    static let commands = ["quit", "page table", "page detail", "page form", "page dialogs", "toast info", "toast error", "help", "shell", "crash"]

    /// True while keys go into a text input (so digits and letters are typed, not commands).
    var isTyping: Bool {
        filtering || searching || commandActive || modal == .typed
            || (page == .form && (focus == 0 || focus == 4 || (focus == 5 && networks.editing != nil)))
    }

    mutating func handle(_ key: Key) {
        if key == .resize { return }
        if let modal { handleModal(key, modal); return }
        if commandActive { handleCommand(key); return }
        if !isTyping, handleGlobal(key) { return }
        switch key {
        case .function(let n) where (2...5).contains(n): page = Page(rawValue: n - 2) ?? page; return
        default: break
        }
        switch page {
        case .table: handleTable(key)
        case .detail: handleDetail(key)
        case .form: handleForm(key)
        case .dialogs: handleDialogs(key)
        }
    }

    private mutating func handleGlobal(_ key: Key) -> Bool {
        switch key {
        case .character("q"): quit = true
        case .character("?"), .function(1): modal = .help; helpOffset = 0
        case .character(":"): commandActive = true; command = CommandLineState()
        case .character(let c) where ("1"..."4").contains(c): page = Page(rawValue: Int(String(c))! - 1) ?? page
        case .escape where !toasts.toasts.isEmpty: toasts.dismiss()
        default: return false
        }
        return true
    }

    private mutating func handleModal(_ key: Key, _ modal: Modal) {
        let outcome: DialogOutcome?
        switch modal {
        case .confirm: outcome = confirm.apply(key)
        case .typed: outcome = typed.apply(key, expected: "Développeurs 運用")
        case .message: outcome = MessageBox.apply(key)
        case .help:
            switch key {
            case .up: helpOffset = max(0, helpOffset - 1); outcome = nil
            case .down: helpOffset += 1; outcome = nil
            case .escape, .character("q"), .character("?"), .enter: outcome = .cancelled
            default: outcome = nil
            }
        }
        guard let outcome else { return }
        self.modal = nil
        if modal != .help {
            lastOutcome = "\(modal): \(outcome)"
            toasts.post(outcome == .confirmed ? .success : .info, "Dialog \(outcome == .confirmed ? "confirmed" : "cancelled")", now: now)
        }
    }

    private mutating func handleCommand(_ key: Key) {
        guard let outcome = command.apply(key, complete: { text in Self.commands.filter { $0.hasPrefix(text) } }) else { return }
        commandActive = false
        guard case .submitted(let text) = outcome else { return }
        switch text {
        case "quit": quit = true
        case "page table": page = .table
        case "page detail": page = .detail
        case "page form": page = .form
        case "page dialogs": page = .dialogs
        case "toast info": toasts.post(.info, "Saved 3 roles", now: now)
        case "toast error": toasts.post(.error, "Could not reach the role store: connection refused. Check --url.", now: now)
        case "help": modal = .help
        case "shell": shellRequested = true
        case "crash": fatalError("crash requested from the gallery command line (tests that a trap restores the terminal)")
        default: toasts.post(.warning, "Unknown command \u{201C}\(text)\u{201D}: press Tab for the list", now: now)
        }
    }

    private mutating func handleTable(_ key: Key) {
        if filtering {
            switch key {
            case .enter: filtering = false
            case .escape: filtering = false; filter = TextInputState(); applyFilter()
            default: if filter.apply(key) { applyFilter() }
            }
            return
        }
        switch key {
        case .character("/"): filtering = true
        case .character("s"):
            table.sort(by: ((table.sortColumn ?? -1) + (table.sortAscending ? 0 : 1)) % GalleryData.columns.count)
            applyFilter()
        case .escape: filter = TextInputState(); applyFilter()
        default: _ = table.apply(key, rowCount: order.count, visibleRows: tableRows, identity: identity)
        }
    }

    /// Rebuilds the row order for the filter and sort; the selection follows the selected role.
    mutating func applyFilter() {
        let query = filter.text
        var rows = query.isEmpty ? Array(0..<rowCount) : (0..<rowCount).filter { MatchHighlight.matches(GalleryData.name($0), query: query) }
        if let column = table.sortColumn {
            let keyed = rows.map { ($0, GalleryData.row($0)[column]) }
            let numeric = column == 1
            let sorted = keyed.sorted { a, b in
                let less = numeric ? (Int(a.1) ?? 0, a.0) < (Int(b.1) ?? 0, b.0) : (a.1, a.0) < (b.1, b.0)
                return table.sortAscending ? less : !less
            }
            rows = sorted.map(\.0)
        }
        order = rows
        table.reselect(rowCount: order.count, visibleRows: tableRows, identity: identity)
    }

    private mutating func handleDetail(_ key: Key) {
        if searching {
            switch key {
            case .enter:
                searching = false
                detail.query = search.text
                detail.matchLine = nil
                detail.jump(forward: true, lines: DetailView(blocks: GalleryData.detail).lines(width: detailWidth), visibleRows: detailRows)
            case .escape: searching = false
            default: _ = search.apply(key)
            }
            return
        }
        switch key {
        case .tab, .backTab: treeFocused.toggle()
        case .character("/") where !treeFocused: searching = true; search = TextInputState()
        default:
            if treeFocused {
                _ = tree.apply(key, roots: GalleryData.tree, visibleRows: detailRows)
            } else {
                _ = detail.apply(key, lines: DetailView(blocks: GalleryData.detail).lines(width: detailWidth), visibleRows: detailRows)
            }
        }
    }

    var detailWidth = 40

    private mutating func handleForm(_ key: Key) {
        switch key {
        case .tab: focus = (focus + 1) % Self.formFieldCount; return
        case .backTab: focus = (focus + Self.formFieldCount - 1) % Self.formFieldCount; return
        default: break
        }
        switch focus {
        case 0: _ = nameInput.apply(key)
        case 1: if let on = Checkbox.toggled(enabled, by: key) { enabled = on }
        case 2: _ = weekdays.apply(key, count: GalleryData.weekdays.count)
        case 3: _ = source.apply(key, count: GalleryData.sourceChoices.count, visibleRows: 4)
        case 4: _ = permissions.apply(key, items: GalleryData.permissions, visibleRows: 5)
        default: _ = networks.apply(key, visibleRows: 3)
        }
    }

    private mutating func handleDialogs(_ key: Key) {
        switch key {
        case .character("c"): modal = .confirm; confirm = ConfirmDialogState()
        case .character("t"): modal = .typed; typed = TypedConfirmState()
        case .character("m"): modal = .message
        case .character("i"): toasts.post(.info, "Role “Ops-Zürich” saved", now: now)
        case .character("e"): toasts.post(.error, "Could not delete role: 403 forbidden. Ask for roles-manage.", now: now)
        default: break
        }
    }

    /// Selects the table row under a mouse click.
    mutating func click(y: Int) {
        let offset = TableState.offset(keeping: table.selected, current: table.offset, rowCount: order.count, visibleRows: tableRows)
        let index = offset + (y - tableTop)
        guard y >= tableTop, y < tableTop + tableRows, index < order.count else { return }
        table.move(to: index, rowCount: order.count, visibleRows: tableRows, identity: identity)
    }

    /// Advances time-driven widgets; true when something visible changed.
    mutating func advance(now: Double) -> Bool {
        self.now = now
        let expired = toasts.expire(now: now)
        guard page == .dialogs, modal == nil else { return expired }
        tick += 1
        return true
    }

    /// Form validation shown inline.
    var nameMessage: String? {
        nameInput.text.isEmpty ? "A role name is required." : (nameInput.text.count > 40 ? "At most 40 characters." : nil)
    }
}
