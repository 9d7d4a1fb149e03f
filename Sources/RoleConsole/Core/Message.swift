import PrivXAPI
import RoleEditing
import TerminalUI

/// Everything that can happen to the console: keys, time, and the results of effects.
public enum Message: Sendable {
    /// A key press.
    case key(Key)
    /// The terminal size (at start and after a resize).
    case resized(Size)
    /// The clock, in seconds since 1970 (drives "refreshed 12 s ago", toasts and spinners).
    case tick(Double)
    /// Roles are loading: loaded so far of total.
    case rolesProgress(loaded: Int, total: Int)
    /// The next page of roles in server order (every page before it has been posted already), with
    /// the roles loaded so far and the server's total: a first load shows them at once.
    case rolesPage([Role], loaded: Int, total: Int)
    /// Every role arrived.
    case rolesLoaded([Role])
    /// The AWS roles arrived (`rescanned` after `refresh=true`).
    case awsRolesLoaded([AWSRole], rescanned: Bool)
    /// The directories arrived (names for rule trees).
    case sourcesLoaded([Source])
    /// One page of a role's members.
    case membersLoaded(roleID: String, offset: Int, page: Page<User>)
    /// The mapping changed on the server since the person looked: ask before writing.
    case mappingConflict(MappingPlan, current: [RoleRef])
    /// A mapping was written and read back.
    case mappingApplied(MappingPlan, after: [RoleRef])
    /// A grant plan ran; one outcome per AWS role.
    case grantsApplied(GrantPlan, [GrantOutcome])
    /// A cached AWS role was deleted.
    case awsRoleDeleted(id: String, name: String)
    /// A role edit was written and read back.
    case roleSaved(Role)
    /// A new role (or copy) was created and read back.
    case roleCreated(Role)
    /// A new role was created but the server does not hold some of the form's fields: the form becomes an
    /// edit of the created role, so F2 saves the rest with a PUT instead of creating it again.
    case roleCreatedIncomplete(Role, missing: [String])
    /// A role was deleted; `document` is the role as read just before the DELETE (nil when that read failed),
    /// which `:history` keeps so `u` can create it again.
    case roleDeleted(id: String, name: String, document: Role? = nil)
    /// The role changed on the server since the form opened (its `updated` moved): ask before writing.
    case roleSaveConflict(current: Role)
    /// `/roles/evaluate` answered (with the current members when the role exists).
    case evaluated(EvaluateInspector)
    /// An operation failed.
    case failed(Job, PrivXError)
    /// One HTTP exchange, for `:log`.
    case apiCall(APICallRecord)
    /// `$EDITOR` returned (F4 in the form): the edited text, or why there is none.
    case externalEditDone(ExternalEditor.Outcome)
    /// A termination signal the run loop took over (SIGINT, SIGTERM, SIGHUP).
    case signal(Int32)
    /// An unsaved form from an earlier run was found on disk.
    case recoveryFound(RecoveryDraft)
    /// The answer of an operation (see `Operations`): the operation ends, then `result` is handled.
    indirect case finished(OperationID, Message)
    /// The answer of the undo of change `Int` of `:history`, after it was handled as any answer (`HistoryScreen.update`).
    indirect case undoAnswered(Int, Message)
    /// Principal key work answered (or reports a generation's progress).
    case principalKeys(PrincipalKeysResult)
    /// `GET /users/current` answered: who the console acts as and what they may do.
    case identityLoaded(CallerIdentity)
    /// The client needs the person's password (the session could not be renewed, or the last one was wrong):
    /// the password dialog opens; the request that needs it waits for the answer.
    case passwordNeeded(PasswordRequest)
    /// `GET /users/{id}` answered for an `author`/`updatedby` id: the user's or API client's name, or nil when
    /// it could not be resolved (the id is shown then).
    case userResolved(id: String, name: String?)
    /// A result of the members screen's own effects (grants, grant changes, the add dialog's search).
    case members(MembersMessage)
    /// A result of the users screen's effects.
    case users(UsersMessage)
}

/// The work an error message is about (a job of the effect runner), so it can say what failed and which action it disables.
public enum Job: Sendable, Hashable {
    case loadRoles, loadAWSRoles, rescanAWS, loadSources, loadIdentity
    case loadMembers(roleName: String)
    case applyMapping(awsRoleName: String)
    case deleteAWSRole(name: String)
    case saveRole(name: String)
    case evaluate(name: String)
    case deleteRole(name: String)
    case searchUsers
    case resolveUser(principal: String)
    case readGrants(roleName: String)
    case principalKeys(PrincipalKeysJob)

    /// "loading roles", "changing the mapping of aws-prod-admin".
    public var phrase: String {
        switch self {
        case .loadRoles: "Loading roles"
        case .loadAWSRoles: "Loading AWS roles"
        case .rescanAWS: "Re-scanning AWS"
        case .loadSources: "Loading directories"
        case .loadIdentity: "Reading who is logged in (/users/current)"
        case .loadMembers(let name): "Loading the members of \(name)"
        case .applyMapping(let name): "Changing the mapping of \(name)"
        case .deleteAWSRole(let name): "Deleting the cached AWS role \(name)"
        case .saveRole(let name): "Saving the role \(name)"
        case .evaluate(let name): "Evaluating the role \(name)"
        case .deleteRole(let name): "Deleting the role \(name)"
        case .searchUsers: "Searching users"
        case .readGrants(let name): "Reading the grants of the members of \(name)"
        case .resolveUser(let principal): "Reading the roles of \(principal)"
        case .principalKeys(let job): job.phrase
        }
    }

    /// The action a 403 for this operation makes unavailable.
    public var action: ActionID? {
        switch self {
        case .applyMapping: .mapRoles
        case .deleteAWSRole: .deleteAWSRole
        case .rescanAWS: .rescanAWS
        case .loadMembers: .openMembers
        case .saveRole: .editRole
        case .deleteRole: .deleteRole
        case .evaluate: .evaluateRole
        case .searchUsers: .searchUsers
        case .resolveUser: .openUser
        case .principalKeys(let job): job.action
        default: nil
        }
    }

    /// True when a failure leaves server data unchanged for sure (reads).
    var isRead: Bool {
        switch self {
        case .applyMapping, .deleteAWSRole, .saveRole, .deleteRole: false
        case .principalKeys(let job): job.isRead
        default: true
        }
    }
}

/// Network work the update function asks for; the `EffectRunner` performs it and answers with messages.
public enum Effect: Sendable, Hashable {
    case loadRoles
    case loadAWSRoles(refresh: Bool)
    case loadSources
    /// Read who the console acts as (`GET /users/current`).
    case loadIdentity
    /// The password dialog's answer for the waiting login (nil: the person pressed Esc); wiped once handed over.
    case answerPassword(SecretText?)
    case loadMembers(roleID: String, roleName: String, offset: Int)
    case applyMapping(MappingPlan)
    case applyGrants(GrantPlan)
    case deleteAWSRole(id: String, name: String)
    /// Re-read the role; unless `overwrite`, stop when `updated` moved since `base`; PUT the draft's edits; read back.
    case saveRole(base: Role, draft: RoleDraft, overwrite: Bool)
    /// Evaluate `role` as given (saved or not); with the id of a stored role, also load its members.
    case evaluate(Role, membersOf: String?)
    case deleteRole(id: String, name: String)
    /// Suspend the screen and edit `text` (the role as JSON) in `$VISUAL`/`$EDITOR`; run by `ConsoleApp` on the terminal's executor.
    case editAsJSON(text: String)
    /// Remove a recovery file once it was restored or discarded.
    case forgetRecovery(file: String)
    /// Principal key work (list, generate, import, delete).
    case principalKeys(PrincipalKeysEffect)
    /// Put text on the person's clipboard (OSC 52); run by `ConsoleApp` on the terminal's executor.
    case copyToClipboard(text: String)
    /// Look up the name of the user or API client with this id (`author`/`updatedby` in the detail pane).
    case resolveUser(id: String)
    /// Work of the members screen (grants, grant changes, the add dialog's search).
    case members(MembersEffect)
    /// Work of the users screen (search, a user's roles and the rules that map them).
    case users(UsersEffect)
    /// `effect` run as the operation `id`: its answer comes back as `Message.finished(id, …)`.
    indirect case tracked(OperationID, Effect)

    /// The work itself, without the operation it runs as.
    public var work: Effect {
        if case .tracked(_, let inner) = self { return inner.work }
        return self
    }

    /// The operation this effect runs as, if any.
    public var operationID: OperationID? {
        if case .tracked(let id, _) = self { return id }
        return nil
    }
}
