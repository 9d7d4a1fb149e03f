import TerminalUI

/// The screens of the console; actions name the screens they apply to.
public enum ScreenKind: String, Sendable, Hashable, CaseIterable {
    case roles, awsRoles, members, users, log, errors, history

    /// The title shown in breadcrumbs and the key table.
    public var title: String {
        switch self {
        case .roles: "Roles"
        case .awsRoles: "AWS roles"
        case .members: "Members"
        case .users: "Users"
        case .log: "API log"
        case .errors: "Errors"
        case .history: "History"
        }
    }
}

/// Stable identities of every action, so dispatch, 403 bookkeeping and docs refer to the same thing.
public enum ActionID: String, Sendable, Hashable, CaseIterable {
    case quit, help, commandLine, back, nextPane, filter, refresh, sortNext, sortInvert
    case move, showRoles, showAWSRoles, openMembers, grantAWSRoles
    case mapRoles, rescanAWS, deleteAWSRole, editRole, evaluateRole, createRole, duplicateRole, deleteRole, undo
    case logFilter, logDetail, historyDetail
    case memberDetail, addMembers, revokeGrant, showUsers, searchUsers, openUser, switchUsersPane
    /// `K`: the principal keys panel (reading needs roles-view).
    case principalKeys
    /// The panel's writes (generate, import, delete; roles-manage): no screen key of its own, the id a 403 on them refuses.
    case managePrincipalKeys
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
