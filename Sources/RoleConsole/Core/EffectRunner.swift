import Foundation
import Logging
import PrivXAPI
import RoleEditing

/// Runs effects against a `RoleStoreAPI` in tasks and posts the results to the inbox; nothing it does
/// blocks the input loop. Writes follow read-modify-write: re-read just before the PUT, then read back.
public final class EffectRunner: Sendable {
    let api: any RoleStoreAPI
    let inbox: Inbox
    let logger: Logger
    /// Decides writes whose answer was lost by re-reading the server.
    let verifier: WriteVerifier
    /// The console's password dialog behind the client's `PasswordProvider` (a person's login), if any.
    let passwords: PasswordBroker?
    /// Page size of the members list.
    static let memberPageSize = 100

    /// A runner for one API and inbox.
    public init(api: any RoleStoreAPI, inbox: Inbox, logger: Logger = Logger(label: "privx-roles.console"),
                verifier: WriteVerifier = WriteVerifier(), passwords: PasswordBroker? = nil) {
        self.api = api
        self.passwords = passwords
        self.verifier = verifier
        self.inbox = inbox
        self.logger = logger
    }

    /// Starts an effect; returns its task (tests await it, the console does not).
    @discardableResult
    public func run(_ effect: Effect) -> Task<Void, Never> {
        Task { [self] in await perform(effect) }
    }

    /// Performs an effect to completion and posts its result.
    public func perform(_ effect: Effect) async {
        await perform(effect, answer: { $0 })
    }

    /// Performs an effect and posts its answer through `answer` (an operation's answer carries its id).
    private func perform(_ effect: Effect, answer: @escaping @Sendable (Message) -> Message) async {
        logger.debug("effect \(String(describing: effect).prefix(200))")
        switch effect {
        case .tracked(let id, let inner):
            await perform(inner, answer: { .finished(id, answer($0)) })
        case .loadRoles:
            await attempt(.loadRoles, answer) {
                let inbox = self.inbox
                let roles = try await self.api.allRoles(onPage: { roles, loaded, total in
                    inbox.post(.rolesPage(roles, loaded: loaded, total: total))
                })
                return .rolesLoaded(roles)
            }
        case .loadAWSRoles(let refresh):
            await attempt(refresh ? .rescanAWS : .loadAWSRoles, answer) {
                .awsRolesLoaded(try await self.api.awsRoles(refresh: refresh), rescanned: refresh)
            }
        case .loadSources:
            await attempt(.loadSources, answer) { .sourcesLoaded(try await self.api.sources()) }
        case .loadIdentity:
            await attempt(.loadIdentity, answer) { .identityLoaded(try await self.api.currentIdentity()) }
        case .answerPassword(let secret):
            passwords?.answer(secret)
            secret?.wipe()
        case .loadMembers(let roleID, let roleName, let offset):
            await attempt(.loadMembers(roleName: roleName), answer) {
                let page = try await self.api.members(roleID: roleID, page: PageRequest(offset: offset, limit: Self.memberPageSize))
                return .membersLoaded(roleID: roleID, offset: offset, page: page)
            }
        case .applyMapping(let plan):
            await attempt(.applyMapping(awsRoleName: plan.awsRoleName), answer) { try await self.apply(plan) }
        case .applyGrants(let plan):
            inbox.post(answer(.grantsApplied(plan, await grant(plan))))
        case .saveRole(let base, let draft, let overwrite):
            await attempt(.saveRole(name: base.name), answer) { try await self.save(base: base, draft: draft, overwrite: overwrite) }
        case .evaluate(let role, let membersOf):
            await attempt(.evaluate(name: role.name), answer) {
                let result = try await self.api.evaluate(role)
                var members: [User]?
                if let id = membersOf { members = try await self.api.allMembers(roleID: id, progress: nil) }
                return .evaluated(EvaluateInspector(roleName: role.name, count: result.count, users: result.users, members: members,
                                                    rules: role.sourceRules))
            }
        case .deleteRole(let id, let name):
            await attempt(.deleteRole(name: name), answer) {
                // The document just before the DELETE is what undo creates again (`:history`); a failed read only
                // means that undo cannot, so it does not stop the delete.
                let document = try? await self.api.role(id: id)
                try await self.delete({ try await self.api.deleteRole(id: id) }, readBack: { _ = try await self.api.role(id: id) })
                return .roleDeleted(id: id, name: name, document: document)
            }
        case .editAsJSON:
            // Needs the terminal (suspend, run the editor, resume): ConsoleApp runs it, never a network task.
            logger.debug("editAsJSON is run by ConsoleApp, not the effect runner")
        case .principalKeys(let work):
            await performPrincipalKeys(work, answer)
        case .copyToClipboard:
            // Needs the terminal: ConsoleApp writes it, never a network task.
            logger.debug("copyToClipboard is run by ConsoleApp, not the effect runner")
        case .forgetRecovery(let file):
            if !file.isEmpty { unlink(file) }
        case .resolveUser(let id):
            inbox.post(answer(.userResolved(id: id, name: await resolveUserName(id))))
        case .members(let work):
            await performMembers(work) { self.inbox.post(answer($0)) }
        case .users(let work):
            await performUsers(work) { self.inbox.post(answer($0)) }
        case .deleteAWSRole(let id, let name):
            await attempt(.deleteAWSRole(name: name), answer) {
                try await self.delete({ try await self.api.deleteAWSRole(id: id) }, readBack: { _ = try await self.api.awsRole(id: id) })
                return .awsRoleDeleted(id: id, name: name)
            }
        }
    }

    func attempt(_ operation: Job, _ answer: @Sendable (Message) -> Message, _ body: @Sendable () async throws -> Message) async {
        do {
            inbox.post(answer(try await body()))
        } catch let error as PrivXError {
            logger.warning("\(operation.phrase) failed: \(error.kind)")
            inbox.post(answer(.failed(operation, error)))
        } catch {
            inbox.post(answer(.failed(operation, .invalidRequest(String(describing: error)))))
        }
    }

    /// Re-reads the mapping; writes only when it still equals what the person saw, then reads it back.
    func apply(_ plan: MappingPlan) async throws -> Message {
        let current = try await api.awsRoleLinkedRoles(id: plan.awsRoleID)
        guard plan.isCurrent(current) else { return .mappingConflict(plan, current: current) }
        let written = try await writeMapping(id: plan.awsRoleID, plan.result(applyingTo: current))
        guard written.held, let after = written.value else {
            let after = written.value ?? []
            throw PrivXError.invalidRequest("the server acknowledged the change but does not hold it (it now maps "
                + (after.isEmpty ? "no PrivX roles" : after.map(\.name).sorted().joined(separator: ", "))
                + "); the table shows what the server has. Try again, or reload (ctrl-r) first.")
        }
        return .mappingApplied(plan, after: after)
    }

    /// Re-reads the role; writes the draft's edits onto the current document only when nobody changed it
    /// meanwhile (or the person chose to overwrite), then reads it back. A write whose answer was lost is
    /// decided by re-reading (`WriteVerifier`): the server holding the edits means saved.
    func save(base: Role, draft: RoleDraft, overwrite: Bool) async throws -> Message {
        if base.id.isEmpty { return try await create(draft.applied(to: base), draft: draft) }
        let current = try await api.role(id: base.id)
        if !overwrite, current.updated != base.updated {
            // A retry after a write whose answer was lost: the server already holds exactly these edits.
            if draft.changes(from: current).isEmpty { return .roleSaved(current) }
            return .roleSaveConflict(current: current)
        }
        let written = try await api.updateRoleVerified(draft.applied(to: current, since: overwrite ? current : base), verifier: verifier,
                                                       holds: { draft.changes(from: $0).isEmpty })
        guard written.held, let after = written.value else {
            let missing = written.value.map { draft.changes(from: $0).map(\.field).joined(separator: ", ") } ?? "the role (it is gone)"
            throw PrivXError.invalidRequest("the server acknowledged the save but does not hold the edits to "
                + missing + ". Nothing may have been written; F2 tries again.")
        }
        if let lost = written.writeError { logger.notice("save of \(after.name): answer lost (\(lost.kind)), the server holds the edits") }
        return .roleSaved(after)
    }

    /// POSTs a new role and reads it back (found by name when the answer was lost). A role the server
    /// created without some of the form's fields turns the form into an edit of that role.
    func create(_ role: Role, draft: RoleDraft) async throws -> Message {
        let written = try await api.createRoleVerified(role, verifier: verifier, holds: { Self.missing(draft, in: $0).isEmpty })
        guard let created = written.value else {
            throw PrivXError.invalidRequest("the server acknowledged the new role \(role.name) but has no role of that name; "
                + "nothing was created. F2 tries again.")
        }
        if let lost = written.writeError { logger.notice("create of \(created.name): answer lost (\(lost.kind)), the server holds it") }
        guard written.held else { return .roleCreatedIncomplete(created, missing: Self.missing(draft, in: created)) }
        return .roleCreated(created)
    }

    /// The fields of a new role's form that the created role does not carry. A field the form left empty
    /// may be filled by the server (an access group assigned by default), which is not a missing edit.
    static func missing(_ draft: RoleDraft, in created: Role) -> [String] {
        draft.changes(from: created).map(\.field).filter { !($0 == "access group" && draft.accessGroupID.isEmpty) }
    }

    /// PUTs a mapping and reads it back through the shared `WriteVerifier`: when the PUT's answer was
    /// lost (timeout, broken connection, unreadable body, 5xx) the read-back decides whether it happened.
    func writeMapping(id: String, _ wanted: [RoleRef], holds: (([RoleRef]) -> Bool)? = nil) async throws -> WriteVerifier.Result<[RoleRef]> {
        try await api.setAWSRoleLinkedRolesVerified(id: id, roles: wanted, verifier: verifier, holds: holds)
    }

    /// Deletes, then reads the object back: a 404 confirms the delete, also when the DELETE's own answer was
    /// lost (the shared `WriteVerifier` re-reads); finding the object means the delete did not happen.
    func delete(_ send: @Sendable () async throws -> Void, readBack: @Sendable () async throws -> Void) async throws {
        let written = try await verifier.perform(write: send, read: { _ -> Bool? in
            do {
                try await readBack()
                return false
            } catch let error as PrivXError where error.status == 404 {
                return true
            }
        }, holds: { $0 })
        guard written.held else {
            throw PrivXError.invalidRequest("the server acknowledged the delete but still has the object; nothing was deleted. "
                + "Reload (ctrl-r) and try again.")
        }
    }

    /// Grants or revokes one role on each AWS role, each read-modify-write; one failure does not stop the rest.
    func grant(_ plan: GrantPlan) async -> [GrantOutcome] {
        var outcomes: [GrantOutcome] = []
        for target in plan.targets {
            do {
                let current = try await api.awsRoleLinkedRoles(id: target.awsRoleID)
                let has = current.contains { $0.id == plan.role.id }
                if has == target.grant {
                    outcomes.append(GrantOutcome(target: target, result: .unchanged))
                    continue
                }
                let change = MappingPlan(awsRoleID: target.awsRoleID, awsRoleName: target.awsRoleName, baseline: current,
                                         add: target.grant ? [plan.role] : [], remove: target.grant ? [] : [plan.role])
                let written = try await writeMapping(id: target.awsRoleID, change.result(applyingTo: current),
                                                     holds: { $0.contains { $0.id == plan.role.id } == target.grant })
                guard written.held, let after = written.value else {
                    outcomes.append(GrantOutcome(target: target, result: .failed("the server acknowledged the change but does not hold it; try again")))
                    continue
                }
                outcomes.append(GrantOutcome(target: target, result: .applied(after)))
            } catch let error as PrivXError {
                if error.status == 403, let permission = Console.missingPermission(error) {
                    outcomes.append(GrantOutcome(target: target, result: .refused(permission: permission)))
                } else {
                    outcomes.append(GrantOutcome(target: target, result: .failed(error.description)))
                }
            } catch {
                outcomes.append(GrantOutcome(target: target, result: .failed(String(describing: error))))
            }
        }
        return outcomes
    }
}
