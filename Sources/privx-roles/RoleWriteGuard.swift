import PrivXAPI
import RoleEditing

/// What a change was based on: the role's `updated` stamp and a fingerprint of its editable part. The
/// lost-update check re-reads the role just before writing and refuses when either differs, so a change
/// someone made since the read (or the export) is never overwritten. The fingerprint covers servers that
/// stamp `updated` to the second (the simulator) and edits made within that second.
struct RoleBase: Sendable {
    var updated: String?
    /// nil when only `updated` is known (a file carrying its own `updated`).
    var digest: String?

    init(_ role: Role) {
        updated = role.updated
        digest = RoleFiles.digest(of: role.document)
    }

    init(updated: String?, digest: String?) {
        self.updated = updated
        self.digest = digest
    }

    /// Nil when `current` is the role this was based on; else what changed, in words.
    func drift(to current: Role) -> String? {
        let contentChanged = digest.map { $0 != RoleFiles.digest(of: current.document) } ?? false
        guard current.updated != updated || contentChanged else { return nil }
        let who = current.updatedBy.map { " by \($0)" } ?? ""
        if current.updated != updated {
            return "changed on the server since (updated \(updated ?? "-") \u{2192} \(current.updated ?? "-")\(who))"
        }
        return "changed on the server since (same updated stamp \(updated ?? "-"), different content)"
    }
}

/// One role's outcome, as printed by the write commands.
enum RoleWriteOutcome: Sendable {
    /// Written and read back; `lostAnswer` when the write's own answer was lost and the re-read decided.
    case applied(Role, lostAnswer: PrivXError?)
    /// Nothing to write: the server already holds it.
    case unchanged(Role)
    /// Not written, and why (changed meanwhile, a system role, a validation problem).
    case refused(String)
}

/// The guarded writes shared by `roles update`, `roles set-context`, `roles delete` and `roles apply`: re-read
/// just before the write, refuse on drift, write through the verified writes (`WriteVerifier`), read back.
enum RoleWriteGuard {
    /// Re-reads role `id`, refuses it when it drifted from `base`, else PUTs what `build` makes of it (nil:
    /// nothing to change). `holds` says whether the read-back carries the change (default: its editable part
    /// is the same JSON as what was sent).
    static func update(_ api: any RoleStoreAPI, id: String, base: RoleBase,
                       holds: ((Role, JSONObject) -> Bool)? = nil,
                       build: (Role) throws -> JSONObject?) async throws -> RoleWriteOutcome {
        let current: Role
        do {
            current = try await api.role(id: id)
        } catch let error as PrivXError where error.status == 404 {
            return .refused("deleted on the server since")
        }
        if let drift = base.drift(to: current) { return .refused(drift) }
        guard let document = try build(current) else { return .unchanged(current) }
        let sent = RoleDocumentCheck.split(document).editable
        let check = holds ?? { after, sent in RoleDocumentCheck.split(after.document).editable.isEquivalent(to: sent) }
        let written = try await api.updateRoleVerified(Role(document: document), holds: { check($0, sent) })
        guard written.held, let after = written.value else {
            throw PrivXError.invalidRequest("The server acknowledged the change of \(current.name) but does not hold it when read back "
                + "(someone may have changed it at the same moment). Run 'privx-roles roles show \(id)' to see what it holds.")
        }
        return .applied(after, lostAnswer: written.writeError)
    }

    /// Creates a role from `document` and reads it back (found by name if the answer was lost); held when every
    /// editable key sent is there as sent.
    static func create(_ api: any RoleStoreAPI, document: JSONObject) async throws -> RoleWriteOutcome {
        let sent = RoleDocumentCheck.split(document).editable
        let written = try await api.createRoleVerified(Role(document: document), holds: { created in
            sent.members.allSatisfy { member in created.document[member.key].map { $0.isEquivalent(to: member.value) } ?? false }
        })
        guard let created = written.value else {
            throw PrivXError.invalidRequest("The server acknowledged the new role \(Role(document: document).name) but has no role of that name; "
                + "nothing was created. Try again.")
        }
        guard written.held else {
            let missing = sent.keys.filter { key in !(created.document[key].map { $0.isEquivalent(to: sent[key]!) } ?? false) }
            throw PrivXError.invalidRequest("The server created \(created.name) (id \(created.id)) without the values of "
                + missing.joined(separator: ", ") + ". Run 'privx-roles roles show \(created.id)' and update it.")
        }
        return .applied(created, lostAnswer: written.writeError)
    }

    /// Re-reads role `id`, refuses a system role or one that drifted from `base`, else deletes it and checks it is gone.
    static func delete(_ api: any RoleStoreAPI, id: String, base: RoleBase?) async throws -> RoleWriteOutcome {
        let current: Role
        do {
            current = try await api.role(id: id)
        } catch let error as PrivXError where error.status == 404 {
            return .refused("already deleted on the server")
        }
        if current.system { return .refused(RoleDraft.systemDeleteReason) }
        if let drift = base?.drift(to: current) { return .refused(drift) }
        let written = try await api.deleteRoleVerified(id: id)
        guard written.held else {
            throw PrivXError.invalidRequest("The server acknowledged deleting \(current.name) but still has it when read back. "
                + "Run 'privx-roles roles show \(id)' and try again.")
        }
        return .applied(current, lostAnswer: written.writeError)
    }
}
