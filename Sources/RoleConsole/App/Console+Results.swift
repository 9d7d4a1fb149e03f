import PrivXAPI
import TerminalUI

extension Console {
    /// Results of effects.
    static func handleResult(_ state: inout AppState, _ message: Message) -> [Effect] {
        switch message {
        case .rolesProgress(let loaded, let total):
            state.roles.progress = (loaded, total)
        case .rolesPage(let roles, let loaded, let total):
            state.roles.progress = (loaded, total)
            // A first load shows each page as it lands, so the table is usable (move, filter, sort, open)
            // while the rest is on the wire; a reload keeps the rows on screen until the new set is whole.
            guard !state.roles.loaded else { break }
            let rows = roles.map(RoleRow.init(role:))
            if state.roles.streamed == 0 { state.roles.catalog.replace(rows) } else { state.roles.catalog.append(rows) }
            state.roles.streamed += roles.count
            reselectAll(&state)
        case .rolesLoaded(let roles):
            // Every page already in the table (and any edit made meanwhile kept): nothing to rebuild.
            if state.roles.loaded || state.roles.streamed != roles.count {
                state.roles.catalog.replace(roles.map(RoleRow.init(role:)))
            }
            state.roles.streamed = 0
            state.roles.loading = false
            state.roles.loaded = true
            state.roles.progress = nil
            state.roles.refreshedAt = state.now
            reselectAll(&state)
        case .awsRolesLoaded(let awsRoles, let rescanned):
            state.awsRoles.catalog.replace(awsRoles.map(AWSRoleRow.init(awsRole:)))
            state.awsRoles.loading = false
            state.awsRoles.loaded = true
            state.awsRoles.refreshedAt = state.now
            if rescanned {
                let missing = state.awsRoles.catalog.rows.filter(\.isMissing).count
                state.toasts.post(.success, "AWS re-scan done: \(awsRoles.count) AWS roles, \(missing) MISSING.", now: state.now)
            }
            reselectAll(&state)
        case .sourcesLoaded(let sources):
            state.sourceNames = Dictionary(sources.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        case .membersLoaded(let roleID, let offset, let page):
            guard var members = state.members, members.roleID == roleID else { return [] }
            if offset == 0 { members.users = [] }
            members.users += page.items
            members.total = page.count
            members.loadingPage = false
            members.list.loading = false
            members.list.loaded = true
            members.list.refreshedAt = state.now
            let names = state.sourceNames
            members.list.catalog.replace(members.users.map { MemberRow(user: $0, sourceName: $0.source.flatMap { names[$0] }) })
            state.members = members
            reselectAll(&state)
        case .mappingConflict(let plan, let current):
            state.modal = .confirm(.conflict(plan, current: current), ConfirmDialogState())
        case .mappingApplied(let plan, let after):
            dismissProgressNotices(&state)
            updateAWSRoleMapping(&state, id: plan.awsRoleID, roles: after)
            state.lastChange = .mapping(plan, after: after)
            let names = after.map(\.name).sorted()
            state.toasts.post(.success, "Applied \(plan.summary). Server now: \(names.isEmpty ? "no PrivX roles" : names.joined(separator: ", ")).",
                              now: state.now, seconds: 8)
        case .grantsApplied(let plan, let outcomes):
            dismissProgressNotices(&state)
            for outcome in outcomes {
                if case .applied(let roles) = outcome.result { updateAWSRoleMapping(&state, id: outcome.target.awsRoleID, roles: roles) }
            }
            let failures = outcomes.filter {
                switch $0.result {
                case .failed: return true
                case .refused(let permission):
                    state.unavailable[.grantAWSRoles] = permission
                    return true
                default: return false
                }
            }
            let text = "\(plan.summary)\n\n" + outcomes.map(\.line).joined(separator: "\n")
            state.modal = .message(title: failures.isEmpty ? "Mapping applied" : "Mapping partly applied", text: text, isError: !failures.isEmpty)
            for failure in failures { recordError(&state, "Granting: " + failure.line) }
        case .awsRoleDeleted(let id, let name):
            if case .mapping(let plan, _)? = state.lastChange, plan.awsRoleID == id { state.lastChange = nil }
            let rows = state.awsRoles.catalog.rows.filter { $0.id != id }
            state.awsRoles.catalog.replace(rows)
            reselectAll(&state)
            state.toasts.post(.success, "Deleted the cached AWS role \(name). It returns on the next scan if it still exists in AWS.", now: state.now, seconds: 8)
        case .failed(let operation, let error):
            failed(&state, operation, error)
        case .evaluated(let inspector):
            state.inspector = inspector
        case .roleDeleted(let id, let name):
            // Undo cannot bring a deleted object's edit back (found by the monkey test: undo then answered 404).
            if case .roleEdit(_, let after)? = state.lastChange, after.id == id { state.lastChange = nil }
            state.roles.catalog.replace(state.roles.catalog.rows.filter { $0.id != id })
            reselectAll(&state)
            state.toasts.post(.success, "Deleted the role \(name).", now: state.now)
        case .externalEditDone(let outcome):
            return externalEditDone(&state, outcome)
        case .roleSaved, .roleSaveConflict, .roleCreated:
            handleSaveResult(&state, message)
        case .roleCreatedIncomplete(let role, let missing):
            createdIncomplete(&state, role, missing: missing)
        default:
            break
        }
        return []
    }

    static func failed(_ state: inout AppState, _ operation: Job, _ error: PrivXError) {
        switch operation {
        case .loadRoles: state.roles.loading = false; state.roles.progress = nil; state.roles.streamed = 0
        case .loadAWSRoles: state.awsRoles.loading = false
        case .rescanAWS: state.awsRoles.loading = false
        case .loadMembers:
            state.members?.loadingPage = false
            state.members?.list.loading = false
        case .applyMapping, .deleteAWSRole, .deleteRole:
            dismissProgressNotices(&state)
        case .loadSources: break
        case .evaluate: break
        case .saveRole:
            let shown = saveFailed(&state, error)
            if !shown.isEmpty {
                state.errors.append(ErrorEntry(time: state.now, text: shown))
                return
            }
        }
        var text = "\(operation.phrase) failed: "
        if error.status == 403, let permission = missingPermission(error) {
            if let action = operation.action { state.unavailable[action] = permission }
            text += "the API client lacks the permission \(permission) (HTTP 403). "
                + (operation.isRead ? "" : "Nothing was changed. ")
                + "Ask a PrivX administrator to grant \(permission) to the API client's role, or use a client that has it."
        } else {
            text += error.description + (operation.isRead ? "" : ambiguousWriteNote(error))
        }
        recordError(&state, text)
    }

    /// Drops the "Applying…" notices once a write has answered.
    static func dismissProgressNotices(_ state: inout AppState) {
        for toast in state.toasts.toasts where toast.kind == .info && toast.message.hasPrefix("Applying") {
            state.toasts.dismiss(id: toast.id)
        }
    }

    /// Keeps an error for `:errors` and shows it until dismissed.
    static func recordError(_ state: inout AppState, _ text: String) {
        state.errors.append(ErrorEntry(time: state.now, text: text))
        state.toasts.post(.error, text, now: state.now)
    }

    /// The permission a 403 names: the `PERMISSION_DENIED` detail's property, else the quoted name in the message.
    public static func missingPermission(_ error: PrivXError) -> String? {
        guard case .http(403, _, _, let body) = error else { return nil }
        if let detail = body?.details.first(where: { $0.property?.isEmpty == false }), let property = detail.property { return property }
        if let property = body?.property, !property.isEmpty { return property }
        if let message = body?.message, let start = message.firstIndex(of: "'") {
            let rest = message[message.index(after: start)...]
            if let end = rest.firstIndex(of: "'") { return String(rest[..<end]) }
        }
        return "the required permission"
    }

    /// Replaces the mapped roles of one AWS role in the table (after a write was read back).
    static func updateAWSRoleMapping(_ state: inout AppState, id: String, roles: [RoleRef]) {
        let rows = state.awsRoles.catalog.rows.map { row -> AWSRoleRow in
            guard row.id == id else { return row }
            var document = row.awsRole.document
            document["roles"] = .array(roles.map(\.json))
            return AWSRoleRow(awsRole: AWSRole(document: document))
        }
        state.awsRoles.catalog.replace(rows)
        reselectAll(&state)
    }
}
