import PrivXAPI
import TerminalUI

/// Who and where the console talks to, shown in the status bar (never a secret).
public struct ConsoleSettings: Sendable, Hashable {
    /// The server's host (and port), e.g. `privx.example.com`.
    public var endpoint: String
    /// The API client or demo user name.
    public var identity: String
    /// True with `--read-only`: every changing action is refused in the dispatcher.
    public var readOnly: Bool
    /// A warning kept in the status bar for the whole run, e.g. a secret given as a flag (visible in `ps`).
    public var warning: String?

    /// Settings for one run.
    public init(endpoint: String, identity: String, readOnly: Bool, warning: String? = nil) {
        self.endpoint = endpoint
        self.identity = identity
        self.readOnly = readOnly
        self.warning = warning
    }
}

/// Which part of a two-pane screen has the keyboard.
public enum Pane: Sendable, Hashable { case table, detail }

/// A table of server data with its loading state, filter input and selection.
public struct ListPane<Row: CatalogRow>: Sendable {
    public var catalog: Catalog<Row>
    public var table = TableState()
    public var loading = false
    public var loaded = false
    /// Pages loaded so far and the total, while loading.
    public var progress: (loaded: Int, total: Int)?
    /// Rows of the running load already put in the table (a first load shows pages as they land).
    public var streamed = 0
    /// When the data last arrived (seconds since 1970).
    public var refreshedAt: Double?
    /// The `/` filter as typed.
    public var filterInput = TextInputState()

    init(fields: Set<String>) { catalog = Catalog(fields: fields) }

    /// The selected row.
    public var selected: Row? { catalog.row(at: table.selected) }
}

/// The paged members list of one role.
public struct MembersState: Sendable {
    public var roleID: String
    public var roleName: String
    /// The server's total.
    public var total = 0
    public var users: [User] = []
    public var list = ListPane<MemberRow>(fields: ["source"])
    /// True while a page request is in flight.
    public var loadingPage = false
}

/// The open checklist of a mapping edit (either direction).
public struct MappingEditor: Sendable, Equatable {
    /// Which mapping is edited.
    public enum Kind: Sendable, Hashable {
        /// The PrivX roles that grant one AWS role.
        case rolesOfAWSRole(id: String, name: String, baseline: [RoleRef])
        /// The AWS roles one PrivX role grants.
        case awsRolesOfRole(RoleRef)
    }

    public var kind: Kind
    /// Item labels and their ids, same order.
    public var labels: [String]
    public var ids: [String]
    /// Indexes checked when the editor opened.
    public var initiallyChecked: Set<Int>
    public var checklist: ChecklistState

    /// The title of the dialog.
    public var title: String {
        switch kind {
        case .rolesOfAWSRole(_, let name, _): "PrivX roles that grant \(name)"
        case .awsRolesOfRole(let role): "AWS roles granted by \(role.name)"
        }
    }

    /// Indexes newly checked and newly unchecked.
    public var changes: (added: [Int], removed: [Int]) {
        (checklist.checked.subtracting(initiallyChecked).sorted(), initiallyChecked.subtracting(checklist.checked).sorted())
    }

    /// `name: +a −b` for the pending change.
    public var summary: String {
        let (added, removed) = changes
        let name = switch kind {
        case .rolesOfAWSRole(_, let name, _): name
        case .awsRolesOfRole(let role): role.name
        }
        return MappingPlan.describe(name, add: added.map { labels[$0] }, remove: removed.map { labels[$0] })
    }
}

/// A question the console is waiting on.
public enum PendingConfirmation: Sendable, Hashable {
    case applyMapping(MappingPlan)
    case applyGrants(GrantPlan)
    case conflict(MappingPlan, current: [RoleRef])
    case deleteAWSRole(id: String, name: String)
    /// Delete a role; `typed` when the person must type its name (members or AWS grants).
    case deleteRole(id: String, name: String, detail: String, typed: Bool)
    case quit
    /// Ctrl-C with unsaved edits in the form: quit (the edits go to a recovery file) or keep working.
    case interrupt(roleName: String)
    /// A recovery file from an earlier run: `r` restores it into the form, `d` discards it.
    case restoreDraft(RecoveryDraft)
}

/// A modal layer over the screen; it gets every key while open.
public enum Modal: Sendable, Equatable {
    case help(offset: Int)
    case command(CommandLineState)
    case mapping(MappingEditor)
    case confirm(PendingConfirmation, ConfirmDialogState)
    /// A destructive question answered by typing a name.
    case typedConfirm(PendingConfirmation, TypedConfirmState)
    case message(title: String, text: String, isError: Bool)
}

/// The last change this session made, kept so `u` can revert it through the same safe path.
public enum UndoEntry: Sendable {
    /// A role edit: the role before and as read back after.
    case roleEdit(before: Role, after: Role)
    /// An AWS role mapping change and the mapping read back after it.
    case mapping(MappingPlan, after: [RoleRef])
}

/// One error a person saw, kept for `:errors`.
public struct ErrorEntry: Sendable, Hashable {
    /// Seconds since 1970.
    public var time: Double
    public var text: String
}

/// The whole console state: a value, changed only by `Console.update`.
public struct AppState: Sendable {
    public var settings: ConsoleSettings
    public var size: Size
    public var now: Double = 0
    /// Screens, the current one last (breadcrumbs).
    public var stack: [ScreenKind] = [.roles]
    public var roles = ListPane<RoleRow>(fields: RoleRow.filterFields)
    public var awsRoles = ListPane<AWSRoleRow>(fields: AWSRoleRow.filterFields)
    public var members: MembersState?
    /// Directory id → name.
    public var sourceNames: [String: String] = [:]
    /// `author`/`updatedby` ids looked up through `GET /users/{id}`: one call per id, kept for the session.
    public var userNames: [String: UserNameLookup] = [:]
    public var focus: Pane = .table
    public var detail = DetailViewState()
    /// Set while the table selection moves: the detail pane keeps its row until the selection rests.
    public var detailHold: DetailHold?
    /// True while the `/` filter input has the keyboard.
    public var filterEditing = false
    public var modal: Modal?
    /// The open role form; it takes every key while open (below modals).
    public var editor: RoleEditor?
    /// The open evaluate inspector; above the form, below modals.
    public var inspector: EvaluateInspector?
    /// The last change `u` can revert.
    public var lastChange: UndoEntry?
    public var toasts = ToastState()
    public var errors: [ErrorEntry] = []
    public var apiLog: [APICallRecord] = []
    public var logTable = TableState()
    public var errorsTable = TableState()
    /// Actions the server refused with 403, with the missing permission.
    public var unavailable: [ActionID: String] = [:]
    /// Writes, evaluations and the re-scan in flight, by operation id (quitting asks while a write runs).
    public var operations = Operations()
    /// Advances with the clock while something runs (spinner frames).
    public var tick = 0
    /// Set when the console should exit.
    public var shouldQuit = false
    /// The signal that ended the console (SIGINT, SIGTERM, SIGHUP): the exit status is 128 + it, and an
    /// unsaved form is written to a recovery file first.
    public var exitSignal: Int32?

    /// A fresh state for a terminal of `size`.
    public init(settings: ConsoleSettings, size: Size) {
        self.settings = settings
        self.size = size
    }

    /// The screen on top.
    public var screen: ScreenKind { stack.last ?? .roles }

    /// The most API calls `:log` keeps.
    static let logLimit = 5000
}
