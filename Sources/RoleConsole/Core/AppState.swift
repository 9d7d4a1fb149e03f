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

    /// True when a person is logged in (`--user`, a demo person): the identity reads "user NAME".
    var isPerson: Bool { identity.hasPrefix("user ") }

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

/// One error a person saw, kept for `:errors`.
public struct ErrorEntry: Sendable, Hashable {
    /// Seconds since 1970.
    public var time: Double
    public var text: String
}

/// The whole console state: a value, changed only by `Console.update`. It composes the feature
/// components (the screens `roles` and `awsRoles`, and while open `members`, `checklist`, `editor`,
/// `inspector`, `recovery`, `commandLine`: see `ConsoleComponent`) with the shared core (size, clock,
/// screens and focus, dialogs, notices, errors, operations, refused permissions, the change history, the API log) that
/// they reach through a `ConsoleContext`.
public struct AppState: Sendable {
    public var settings: ConsoleSettings
    public var size: Size
    public var now: Double = 0
    /// Screens, the current one last (breadcrumbs).
    public var stack: [ScreenKind] = [.roles]
    /// The roles screen's component (its list, detail pane and the names of the people roles name).
    public var roles = RolesScreen()
    /// The AWS roles screen's component.
    public var awsRoles = AWSRolesScreen()
    /// The members screen's component (while it is open).
    public var members: MembersState?
    /// The users screen's component (once opened).
    public var users: UsersState?
    /// Directory id → name.
    public var sourceNames: [String: String] = [:]
    public var focus: Pane = .table
    /// True while the `/` filter input has the keyboard.
    public var filterEditing = false
    public var modal: Modal?
    /// The open mapping checklist's component (`a` on a role, `m` on an AWS role), under dialogs.
    public var checklist: MappingEditor?
    /// The `:` command line's component (while it is open).
    public var commandLine: CommandLinePrompt?
    /// The recovery offer's component (a form left unsaved by an earlier run), under dialogs.
    public var recovery: RecoveryOffer?
    /// The open role form; it takes every key while open (below modals).
    public var editor: RoleEditor?
    /// The open evaluate inspector's component; above the form, below modals.
    public var inspector: EvaluateInspector?
    /// The principal keys panel of a role (`K`), while it is open; below modals.
    public var principalKeys: PrincipalKeysState?
    /// This run's changes, which `u` reverts newest first (features record them through `ConsoleContext.record`).
    public var history = ChangeHistory()
    /// The `:history` screen's component.
    public var historyScreen = HistoryScreen()
    public var toasts = ToastState()
    public var errors: [ErrorEntry] = []
    public var apiLog: [APICallRecord] = []
    public var logTable = TableState()
    /// The API log's `/` filter (words in the method, path or status).
    public var logFilter = TextInputState()
    public var errorsTable = TableState()
    /// Actions the server refused with 403, with the missing permission.
    public var unavailable: [ActionID: String] = [:]
    /// Who is logged in and what they may do (from `/users/current`), and whether the session is logged out.
    public var session = CallerSession()
    /// The password dialog, over everything (the form, the inspector, any other dialog stay as they are).
    public var login: PasswordDialog?
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
