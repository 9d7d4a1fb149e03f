import PrivXAPI
import TerminalUI

extension Console {
    /// Results of effects, routed to the feature they belong to.
    static func handleResult(_ state: inout AppState, _ message: Message) -> [Effect] {
        switch message {
        case .roleDeleted(let id, let name, let document):
            // The change for `:history`, with the AWS roles that granted the role (what a re-created role lacks).
            let granted = state.awsRoles.list.catalog.rows.filter { $0.mappedRoleIDs.contains(id) }.map(\.awsRole.name).sorted()
            state.withContext { $0.record(.deletedRole(id: id, name: name, document: document, awsRoles: granted)) }
            let effects = state.route(message, to: \.roles)
            reselectAll(&state)
            return effects
        case .rolesProgress, .rolesPage, .rolesLoaded:
            let effects = state.route(message, to: \.roles)
            if case .rolesProgress = message { return effects }
            reselectAll(&state)
            return effects
        case .awsRolesLoaded, .awsRoleDeleted:
            let effects = state.route(message, to: \.awsRoles)
            reselectAll(&state)
            return effects
        case .membersLoaded:
            let effects = state.route(message, to: \.members)
            reselectAll(&state)
            return effects
        case .members(.grantsChanged):
            let effects = membersResult(&state, message)
            return effects + state.route(message, to: \.users)
        case .members:
            return membersResult(&state, message)
        case .users:
            return state.route(message, to: \.users)
        case .mappingConflict, .mappingApplied, .grantsApplied:
            state.run(\.awsRoles) { awsRoles, context in MappingWrites.result(message, &awsRoles, &context) }
            reselectAll(&state)
        case .identityLoaded(let identity):
            state.session.identity = identity
            state.session.loggedOut = false
            return state.awsRoles.loadOnceCallerKnown(held: state.session.permissions)
        case .passwordNeeded(let request):
            passwordNeeded(&state, request)
        case .sourcesLoaded(let sources):
            state.sourceNames = Dictionary(sources.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        case .failed(let operation, let error):
            return failed(&state, operation, error)
        case .evaluated(let inspector):
            state.inspector = inspector
        case .externalEditDone, .roleSaveConflict:
            return state.route(message, to: \.editor)
        case .roleCreatedIncomplete(let role, _):
            state.roles.insertCreated(role)
            let copiedFrom = state.editor?.copiedFrom
            state.withContext { $0.record(.created(role, copiedFrom: copiedFrom)) }
            // A role created again by an undo is no answer to a form that may be open meanwhile.
            if state.history.answering != nil { return [] }
            return state.route(message, to: \.editor)
        case .roleSaved(let role):
            // The form closes; the composition puts the saved role in the roles table.
            let form = state.editor
            state.editor = nil
            state.withContext { RoleEditor.saved(role, by: form, &$0) }
            state.roles.replace(role)
            reselectAll(&state)
        case .roleCreated(let role):
            // A role created again by undoing its delete is no answer to a form that may be open meanwhile.
            let form = state.history.answering == nil ? state.editor : nil
            if state.history.answering == nil { state.editor = nil }
            state.roles.insertCreated(role)
            _ = setFilter(&state, "", onlyIfActive: true)
            state.roles.select(id: role.id)
            state.withContext { RoleEditor.created(role, by: form, &$0) }
        case .principalKeys(let result):
            // A change to a role's keys: the roles table takes the role read after it (its detail pane shows the keys).
            if case .changed(_, _, _, let role?) = result {
                state.roles.replace(role)
                reselectAll(&state)
            }
            return state.principalKeysResult(message)
        default:
            break
        }
        return []
    }

    static func failed(_ state: inout AppState, _ operation: Job, _ error: PrivXError) -> [Effect] {
        switch error {
        case .loginRequired, .loginRefused: state.session.loggedOut = true
        default: break
        }
        // A 403 switches off every action needing the refused permission, wherever its key is drawn.
        let refused = error.status == 403 ? missingPermission(error, for: operation) : nil
        if let refused { PermissionRefusals.refuse(refused, action: operation.action, in: &state.unavailable) }
        switch operation {
        case .loadRoles: _ = state.route(.failed(operation, error), to: \.roles)
        case .loadAWSRoles, .rescanAWS:
            _ = state.route(.failed(operation, error), to: \.awsRoles)
        case .loadMembers:
            _ = state.route(.failed(operation, error), to: \.members)
        case .applyMapping, .deleteAWSRole, .deleteRole:
            state.withContext { $0.dismissProgressNotices() }
        case .principalKeys:
            _ = state.route(.failed(operation, error), to: \.principalKeys)
        case .loadSources: break
        case .searchUsers, .resolveUser, .readGrants:
            _ = state.route(.failed(operation, error), to: \.members)
            _ = state.route(.failed(operation, error), to: \.users)
        case .loadIdentity:
            // Servers that do not answer it for the caller keep today's behaviour: nothing greyed, 403 decides.
            state.errors.append(ErrorEntry(time: state.now, text: "\(operation.phrase) failed: \(error.description) "
                + "Actions are not greyed in advance; the server still refuses what the caller may not do."))
            return state.awsRoles.loadOnceCallerKnown(held: nil)
        case .evaluate: break
        case .saveRole:
            // The open form shows the failure itself (and keeps it for `:errors`); an undo's re-create is not that
            // form's save, so its failure is a notice like any other write's.
            let forbidden = refused.map { forbiddenText($0, person: state.settings.isPerson, isRead: false) }
            if state.history.answering == nil,
               state.run(\.editor, { form, context in form.saveFailed(error, forbidden: forbidden, &context) }) != nil { return [] }
        }
        var text = "\(operation.phrase) failed: "
        if let refused {
            text += forbiddenText(refused, person: state.settings.isPerson, isRead: operation.isRead)
        } else {
            text += error.description + (operation.isRead ? "" : ambiguousWriteNote(error))
        }
        recordError(&state, text)
        return []
    }

    /// Keeps an error for `:errors` and shows it until dismissed.
    static func recordError(_ state: inout AppState, _ text: String) {
        state.errors.append(ErrorEntry(time: state.now, text: text))
        state.toasts.post(.error, text, now: state.now)
    }

    /// What a 403 means for the person: who lacks which permission, that nothing changed, and whom to ask.
    static func forbiddenText(_ permission: String, person: Bool, isRead: Bool) -> String {
        let changed = isRead ? "" : "Nothing was changed. "
        return person
            ? "your PrivX user lacks the permission \(permission) (HTTP 403). \(changed)Ask a PrivX administrator for a role that grants \(permission)."
            : "the API client lacks the permission \(permission) (HTTP 403). \(changed)"
                + "Ask a PrivX administrator to grant \(permission) to the API client's role, or use a client that has it."
    }

    /// The permission a 403 refused: the one the server names, else the one the operation's key documents (the
    /// contract's endpoint table, `shared/docs/role-store-api.md`: PUT/POST/DELETE /roles need roles-manage, the
    /// AWS role writes role-target-resources-manage), else nil when neither says.
    static func missingPermission(_ error: PrivXError, for operation: Job) -> String? {
        guard case .http(403, _, _, _) = error else { return nil }
        if let named = missingPermission(error), named != unnamedPermission { return named }
        let documented = PermissionRefusals.needed.first { $0.action == operation.action }?.permissions ?? []
        return documented.count == 1 ? documented[0] : missingPermission(error)
    }

    /// What a 403 that names no permission, for an operation whose key documents none, calls it.
    static let unnamedPermission = "the required permission"

    /// The permission a 403 names: the `PERMISSION_DENIED` detail's property, else the quoted name in the message.
    public static func missingPermission(_ error: PrivXError) -> String? {
        guard case .http(403, _, _, let body) = error else { return nil }
        if let detail = body?.details.first(where: { $0.property?.isEmpty == false }), let property = detail.property { return property }
        if let property = body?.property, !property.isEmpty { return property }
        if let message = body?.message, let start = message.firstIndex(of: "'") {
            let rest = message[message.index(after: start)...]
            if let end = rest.firstIndex(of: "'") { return String(rest[..<end]) }
        }
        return unnamedPermission
    }
}
