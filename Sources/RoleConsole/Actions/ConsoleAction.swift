import TerminalUI

/// The screens of the console; actions name the screens they apply to.
public enum ScreenKind: String, Sendable, Hashable, CaseIterable {
    case roles, awsRoles, members, log, errors

    /// The title shown in breadcrumbs and the key table.
    public var title: String {
        switch self {
        case .roles: "Roles"
        case .awsRoles: "AWS roles"
        case .members: "Members"
        case .log: "API log"
        case .errors: "Errors"
        }
    }
}

/// Stable identities of every action, so dispatch, 403 bookkeeping and docs refer to the same thing.
public enum ActionID: String, Sendable, Hashable, CaseIterable {
    case quit, help, commandLine, back, nextPane, filter, refresh, sortNext, sortInvert
    case move, showRoles, showAWSRoles, openMembers, grantAWSRoles
    case mapRoles, rescanAWS, deleteAWSRole, editRole, evaluateRole, createRole, duplicateRole, deleteRole, undo
}

/// How much a person must confirm before an action runs.
public enum ConfirmationLevel: String, Sendable, Hashable {
    /// Runs at once.
    case none
    /// A dialog shows the change and asks.
    case confirm
    /// A dialog warns that the change is destructive and asks.
    case dangerous
}

/// One row of the action registry (k9s style): it feeds key dispatch, the hint bar, help and docs.
public struct ConsoleAction: Sendable, Hashable {
    /// Identity.
    public var id: ActionID
    /// What it does, in a few words.
    public var title: String
    /// Keys that trigger it (the first is the one shown in hints).
    public var keys: [Key]
    /// Key names as documented (arrows and aliases spelled out).
    public var keyLabel: String
    /// Screens it applies to; empty means every screen.
    public var screens: Set<ScreenKind>
    /// True when it changes data on the server (refused in `--read-only`).
    public var mutating: Bool
    /// What a person confirms before it runs.
    public var confirmation: ConfirmationLevel
    /// The server permission it needs, for the docs and the 403 message.
    public var permission: String?
    /// Shown in the one-line hint bar.
    public var inHints: Bool
    /// Help section.
    public var group: String

    /// True when the action can be used on `screen`.
    public func applies(to screen: ScreenKind) -> Bool { screens.isEmpty || screens.contains(screen) }
}
