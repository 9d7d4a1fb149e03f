import Foundation
import Logging
import PrivXAPI

/// Runs effects against a `RoleStoreAPI` in tasks and posts the results to the inbox; nothing it does
/// blocks the input loop. Writes follow read-modify-write: re-read just before the PUT, then read back.
public final class EffectRunner: Sendable {
    let api: any RoleStoreAPI
    let inbox: Inbox
    let logger: Logger
    /// Page size of the members list.
    static let memberPageSize = 100

    /// A runner for one API and inbox.
    public init(api: any RoleStoreAPI, inbox: Inbox, logger: Logger = Logger(label: "privx-roles.console")) {
        self.api = api
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
        logger.debug("effect \(String(describing: effect).prefix(200))")
        switch effect {
        case .loadRoles:
            await attempt(.loadRoles) {
                let inbox = self.inbox
                let roles = try await self.api.allRoles(onPage: { roles, loaded, total in
                    inbox.post(.rolesPage(roles, loaded: loaded, total: total))
                })
                return .rolesLoaded(roles)
            }
        case .loadAWSRoles(let refresh):
            await attempt(refresh ? .rescanAWS : .loadAWSRoles) {
                .awsRolesLoaded(try await self.api.awsRoles(refresh: refresh), rescanned: refresh)
            }
        case .loadSources:
            await attempt(.loadSources) { .sourcesLoaded(try await self.api.sources()) }
        case .loadMembers(let roleID, let roleName, let offset):
            await attempt(.loadMembers(roleName: roleName)) {
                let page = try await self.api.members(roleID: roleID, page: PageRequest(offset: offset, limit: Self.memberPageSize))
                return .membersLoaded(roleID: roleID, offset: offset, page: page)
            }
        case .applyMapping(let plan):
            await attempt(.applyMapping(awsRoleName: plan.awsRoleName)) { try await self.apply(plan) }
        case .applyGrants(let plan):
            inbox.post(.grantsApplied(plan, await grant(plan)))
        case .saveRole(let base, let draft, let overwrite):
            await attempt(.saveRole(name: base.name)) { try await self.save(base: base, draft: draft, overwrite: overwrite) }
        case .evaluate(let role, let membersOf):
            await attempt(.evaluate(name: role.name)) {
                let result = try await self.api.evaluate(role)
                var members: [User]?
                if let id = membersOf { members = try await self.api.allMembers(roleID: id, progress: nil) }
                return .evaluated(EvaluateInspector(roleName: role.name, count: result.count, users: result.users, members: members))
            }
        case .deleteRole(let id, let name):
            await attempt(.deleteRole(name: name)) {
                try await self.delete({ try await self.api.deleteRole(id: id) }, readBack: { _ = try await self.api.role(id: id) })
                return .roleDeleted(id: id, name: name)
            }
        case .editAsJSON:
            // Needs the terminal (suspend, run the editor, resume): ConsoleApp runs it, never a network task.
            logger.debug("editAsJSON is run by ConsoleApp, not the effect runner")
        case .forgetRecovery(let file):
            if !file.isEmpty { unlink(file) }
        case .resolveUser(let id):
            inbox.post(.userResolved(id: id, name: await resolveUserName(id)))
        case .deleteAWSRole(let id, let name):
            await attempt(.deleteAWSRole(name: name)) {
                try await self.delete({ try await self.api.deleteAWSRole(id: id) }, readBack: { _ = try await self.api.awsRole(id: id) })
                return .awsRoleDeleted(id: id, name: name)
            }
        }
    }

    private func attempt(_ operation: Job, _ body: @Sendable () async throws -> Message) async {
        do {
            inbox.post(try await body())
        } catch let error as PrivXError {
            logger.warning("\(operation.phrase) failed: \(error.kind)")
            inbox.post(.failed(operation, error))
        } catch {
            inbox.post(.failed(operation, .invalidRequest(String(describing: error))))
        }
    }

    /// Re-reads the mapping; writes only when it still equals what the person saw, then reads it back.
    func apply(_ plan: MappingPlan) async throws -> Message {
        let current = try await api.awsRoleLinkedRoles(id: plan.awsRoleID)
        guard plan.isCurrent(current) else { return .mappingConflict(plan, current: current) }
        let wanted = plan.result(applyingTo: current)
        let after = try await writeMapping(id: plan.awsRoleID, wanted)
        guard Set(after.map(\.id)) == Set(wanted.map(\.id)) else {
            throw PrivXError.invalidRequest("the server acknowledged the change but does not hold it (it now maps "
                + (after.isEmpty ? "no PrivX roles" : after.map(\.name).sorted().joined(separator: ", "))
                + "); the table shows what the server has. Try again, or reload (ctrl-r) first.")
        }
        return .mappingApplied(plan, after: after)
    }

    /// Re-reads the role; writes the draft's edits onto the current document only when nobody changed it
    /// meanwhile (or the person chose to overwrite), then reads it back.
    func save(base: Role, draft: RoleDraft, overwrite: Bool) async throws -> Message {
        if base.id.isEmpty {
            let id = try await api.createRole(draft.applied(to: base))
            return .roleCreated(try await api.role(id: id))
        }
        let current = try await api.role(id: base.id)
        if !overwrite, current.updated != base.updated {
            // A retry after a write whose answer was lost: the server already holds exactly these edits.
            if draft.changes(from: current).isEmpty { return .roleSaved(current) }
            return .roleSaveConflict(current: current)
        }
        try await api.updateRole(draft.applied(to: current, since: overwrite ? current : base))
        let after = try await api.role(id: base.id)
        let missing = draft.changes(from: after)
        guard missing.isEmpty else {
            throw PrivXError.invalidRequest("the server acknowledged the save but does not hold the edits to "
                + missing.map(\.field).joined(separator: ", ") + ". Nothing may have been written; F2 tries again.")
        }
        return .roleSaved(after)
    }

    /// PUTs a mapping and reads it back. When the PUT's answer was lost (timeout, broken connection,
    /// unreadable body) the read-back decides: if the server holds the new set, the write happened.
    func writeMapping(id: String, _ wanted: [RoleRef]) async throws -> [RoleRef] {
        do {
            try await api.setAWSRoleLinkedRoles(id: id, roles: wanted)
        } catch let error as PrivXError where error.isNetworkFailure || error.kind == "invalid-response" {
            let after = try await api.awsRoleLinkedRoles(id: id)
            guard Set(after.map(\.id)) == Set(wanted.map(\.id)) else { throw error }
            return after
        }
        return try await api.awsRoleLinkedRoles(id: id)
    }

    /// Deletes, then reads the object back: a 404 confirms the delete, also when the DELETE's own answer was
    /// lost (timeout, broken connection); finding the object means the delete did not happen.
    func delete(_ send: @Sendable () async throws -> Void, readBack: @Sendable () async throws -> Void) async throws {
        var sendError: PrivXError?
        do {
            try await send()
        } catch let error as PrivXError where error.isNetworkFailure || error.kind == "invalid-response" {
            sendError = error
        }
        do {
            try await readBack()
        } catch let error as PrivXError where error.status == 404 {
            return
        } catch {
            if let sendError { throw sendError }
            throw error
        }
        if let sendError { throw sendError }
        throw PrivXError.invalidRequest("the server acknowledged the delete but still has the object; nothing was deleted. "
            + "Reload (ctrl-r) and try again.")
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
                let after = try await writeMapping(id: target.awsRoleID, change.result(applyingTo: current))
                guard after.contains(where: { $0.id == plan.role.id }) == target.grant else {
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
