import PrivXAPI
import RoleEditing
import TerminalUI

/// An undo the console asks about before writing anything: the change it reverts and how.
public struct UndoOffer: Sendable, Hashable {
    /// How the change is reverted.
    public enum Action: Sendable, Hashable {
        /// The inverse mapping of one AWS role, from the mapping read back after the change.
        case mapping(MappingPlan)
        /// The inverse grants of one role on the AWS roles it was written on.
        case awsGrants(GrantPlan)
        /// Each user's grant of the role put back as it was.
        case memberGrants(RoleRef, [GranteeBefore])
        /// Delete the role the change created.
        case deleteCreated(id: String, name: String)
        /// Create the deleted role again from its document (server-set keys dropped).
        case recreate(Role)
        /// The change cannot be undone: leave it so `u` reaches the one before it.
        case setAside
    }

    /// The change's number in `:history`.
    public var number: Int
    public var action: Action
    public var title: String
    public var text: String
    public var confirmLabel: String
    /// An earlier undo of the change did not go through: the question also offers to leave it as it is, so an
    /// undo that keeps failing (the mapping changed since, a 403) never stands in front of the older changes.
    public var failedBefore: Bool

    public init(number: Int, action: Action, title: String, text: String, confirmLabel: String, failedBefore: Bool = false) {
        self.number = number
        self.action = action
        self.title = title
        self.text = text
        self.confirmLabel = confirmLabel
        self.failedBefore = failedBefore
    }

    /// The same change, left as it is (`l` on the question of a change whose undo failed before).
    var leftAsItIs: UndoOffer { UndoOffer(number: number, action: .setAside, title: title, text: text, confirmLabel: "Leave it") }

    /// The question drawn by `ModalViews`: y does what `confirmLabel` says (a write is refused like the `u` key
    /// it came from), n/Esc keeps the change as the next one `u` offers.
    var question: Question {
        // Each undo is the write of the action it reverses, so its button is refused exactly as that action's key
        // would be (read-only, the permission it needs, a 403 that switched it off).
        let guarding: ChoiceGuard?
        let meaning: String
        let dangerous: Bool
        switch action {
        case .setAside:
            (guarding, meaning, dangerous) = (nil, "leave it as it is (marked so in :history)", false)
        case .deleteCreated:
            (guarding, meaning, dangerous) = (.action(.deleteRole, "Undoing (a delete)"), "delete the role it created", true)
        case .recreate:
            (guarding, meaning, dangerous) = (.action(.createRole, "Undoing (a create)"), "undo it", false)
        case .mapping:
            (guarding, meaning, dangerous) = (.action(.mapRoles, "Undoing (a mapping change)"), "undo it", false)
        case .awsGrants:
            (guarding, meaning, dangerous) = (.action(.grantAWSRoles, "Undoing (a mapping change)"), "undo it", false)
        case .memberGrants:
            (guarding, meaning, dangerous) = (.action(.addMembers, "Undoing (a grant change)"), "undo it", false)
        }
        return Question(.undo, title: title, text: text,
                        choices: [Choice("y", confirmLabel, meaning, answer: .yes, dangerous: dangerous, guarding: guarding)]
                            + (failedBefore && guarding != nil
                               ? [Choice("l", "Leave it", "leave it as it is, so u reaches the change before it", answer: .discard)] : [])
                            + [.cancel("Keep", "keep it as the next change u offers (nothing written)")],
                        irreversible: dangerous)
    }
}

/// The form's save when it reverts a recorded change (the save's answer marks the entry undone).
public struct UndoTarget: Sendable, Hashable {
    public var number: Int
    /// `#2 11:02:13 role saved of helpdesk: changed comment`.
    public var title: String
}

/// `u`: the newest open change of this run is reverted first, through the same verified writes, after a
/// question naming exactly what it reverts. A change that cannot be undone is said so, never skipped silently.
enum HistoryUndo {
    /// `u` on any list screen: asks about the newest open change (a role save opens the form at its inverse,
    /// returned for the composition to open).
    static func offer(_ state: inout AppState) {
        guard let record = state.history.newestOpen else {
            let undone = state.history.entries.count
            state.withContext {
                $0.post(.info, undone == 0 ? "Nothing to undo: this run has not changed anything yet (:history lists changes)."
                        : "Nothing left to undo: every change of this run is undone or left as is (:history).", seconds: 6)
            }
            return
        }
        let title = record.title(now: state.now)
        if case .no(let why) = undoability(record, state) {
            let before = state.history.openBefore(record.number).map { "u then offers #\($0.number): \($0.change.kind) of \($0.change.object)." }
                ?? "No change before it is left to undo."
            state.modal = .confirm(.undo(UndoOffer(number: record.number, action: .setAside, title: "Cannot undo #\(record.number)",
                text: sanitize("The newest change of this run cannot be undone:\n  \(title)\nWhy: \(why)\n\n"
                    + "Leaving it as it is moves on: \(before)", keepNewlines: true),
                confirmLabel: "Leave it")), QuestionFocus())
            return
        }
        switch record.change {
        case .roleEdit(let before, let after, _):
            openInverse(&state, record, before: before, after: after)
        case .mapping(let plan, let after):
            let inverse = MappingPlan(awsRoleID: plan.awsRoleID, awsRoleName: plan.awsRoleName, baseline: after, add: plan.remove, remove: plan.add)
            ask(&state, record, .mapping(inverse), title: "Undo mapping change #\(record.number)",
                how: "This writes the inverse:\n  \(inverse.summary)\n\nThe mapping is re-read just before writing; if it changed since, "
                    + "nothing is written and you are told.")
        case .awsGrants(let plan):
            let inverse = GrantPlan(role: plan.role, targets: plan.targets.map {
                GrantPlan.Target(awsRoleID: $0.awsRoleID, awsRoleName: $0.awsRoleName, grant: !$0.grant)
            })
            ask(&state, record, .awsGrants(inverse), title: "Undo AWS grants #\(record.number)",
                how: "This writes the inverse:\n  \(inverse.summary)\n\nEach AWS role is re-read and written on its own, and read back.")
        case .memberGrants(let role, let entries):
            ask(&state, record, .memberGrants(role, entries), title: "Undo grant change #\(record.number)",
                how: Console.undoGrantsMessage(role, entries, now: state.now))
        case .created(let role, _):
            let members = state.roles.list.catalog.rows.first { $0.id == role.id }?.role.memberCount ?? 0
            ask(&state, record, .deleteCreated(id: role.id, name: role.name), title: "Undo creating \(role.name)",
                how: "This deletes the role \(role.name) (id \(role.id))" + (members > 0 ? ", which \(members) member\(members == 1 ? "" : "s") hold now" : "")
                    + ". The delete is read back.", label: "Delete")
        case .deletedRole(let id, let name, let document?, let awsRoles):
            var copy = NewRoleTemplates.copy(of: document)
            copy.name = document.name
            copy.document["principal_public_key_strings"] = nil
            var lost = ["its ID (it gets a new one; it was \(id))"]
            if let explicit = document.explicitCount, explicit > 0 { lost.append("the explicit grants of its \(explicit) member\(explicit == 1 ? "" : "s")") }
            if !awsRoles.isEmpty { lost.append("its place in the mapping of \(awsRoles.joined(separator: ", "))") }
            if !document.principalPublicKeys.isEmpty { lost.append("its \(document.principalPublicKeys.count) principal key(s)") }
            lost.append("its author and creation time")
            ask(&state, record, .recreate(copy), title: "Undo deleting \(name)",
                how: "This creates the role \(name) again from its document read just before the delete: its permissions, rules, "
                    + "context and comment come back, and so do the members its rules map. What does not come back: "
                    + lost.joined(separator: "; ") + ". The created role is read back.", label: "Re-create")
        case .deletedRole, .deletedAWSRole:
            break   // undoability said no
        }
    }

    /// A role save's inverse opens in the form at its save diff: the role as now in the table when it still holds
    /// what that save wrote (so an undone newer save does not read as someone else's change), else as read back then.
    private static func openInverse(_ state: inout AppState, _ record: ChangeRecord, before: Role, after: Role) {
        let listed = state.roles.list.catalog.rows.first { $0.id == after.id }?.role
        let base = listed.flatMap { RoleDraft($0).changes(from: after).isEmpty ? $0 : nil } ?? after
        var editor = RoleEditor(role: base)
        var draft = RoleDraft(before)
        if base.system { draft.name = base.name }
        editor.draft = draft
        editor.undoOf = UndoTarget(number: record.number, title: record.title(now: state.now))
        editor.reloadInputs()
        let changes = editor.draft.changes(from: editor.base, sourceNames: state.sourceNames)
        guard !changes.isEmpty else {
            state.history.markUndone(record.number, now: state.now)
            state.withContext { $0.post(.info, "Nothing to write for #\(record.number): \(base.name) already holds what it had before that save. Marked undone.", seconds: 6) }
            return
        }
        editor.stage = .confirming(changes)
        state.editor = editor
    }

    private static func ask(_ state: inout AppState, _ record: ChangeRecord, _ action: UndoOffer.Action, title: String, how: String, label: String = "Undo") {
        let earlier = record.note.map { "\n\nThe last attempt did not go through: \($0)" } ?? ""
        let text = "Revert this change of this run:\n  \(record.title(now: state.now))\n\n\(how)\(earlier)"
        state.modal = .confirm(.undo(UndoOffer(number: record.number, action: action, title: sanitize(title), text: sanitize(text, keepNewlines: true),
                                               confirmLabel: label, failedBefore: record.note != nil)),
                               QuestionFocus())
    }

    /// Whether `record` can be undone now, and why not.
    static func undoability(_ record: ChangeRecord, _ state: AppState) -> Undoability {
        let roles = state.roles.list.catalog.rows
        func roleGone(_ id: String, _ name: String) -> Undoability {
            roles.contains { $0.id == id } ? .yes : .no("the role \(name) is no longer on the server (deleted since; a re-created role has a new ID)")
        }
        switch record.change {
        case .roleEdit(_, let after, _): return roleGone(after.id, after.name)
        case .created(let role, _): return roleGone(role.id, role.name)
        case .awsGrants(let plan): return roleGone(plan.role.id, plan.role.name)
        case .memberGrants(let role, let entries):
            if case .no(let why) = roleGone(role.id, role.name) { return .no(why) }
            if let user = entries.first(where: { $0.before.map { GrantTerms($0) == nil } ?? false }) {
                return .no("\(user.user.principal)'s earlier grant had several periods, which the console cannot write back exactly; "
                    + "grant it again by hand (a on the members screen)")
            }
            return .yes
        case .mapping(let plan, _):
            return state.awsRoles.list.catalog.rows.contains { $0.id == plan.awsRoleID } ? .yes
                : .no("PrivX no longer has the AWS role \(plan.awsRoleName) (deleted since)")
        case .deletedRole(_, let name, let document, _):
            guard document != nil else {
                return .no("the console could not read the role just before deleting it, so it cannot create it again faithfully")
            }
            return roles.contains { $0.role.name.lowercased() == name.lowercased() } ? .no("a role named \(name) exists again") : .yes
        case .deletedAWSRole(_, let name, _):
            return .no("PrivX's cached copy of \(name) comes back only with a re-scan of AWS (R on the AWS roles screen), and without its mappings")
        }
    }

    /// y on an undo question: the write starts as an operation bound to the change, whose answer marks it undone.
    static func confirmed(_ state: inout AppState, _ offer: UndoOffer) -> [Effect] {
        let effects: [Effect]
        switch offer.action {
        case .setAside:
            state.history.setAside(offer.number, now: state.now)
            let next = state.history.newestOpen.map { "u now offers #\($0.number): \($0.change.kind) of \($0.change.object)." } ?? "Nothing older is left to undo."
            state.withContext { $0.post(.info, "Left #\(offer.number) as it is. \(next)", seconds: 6) }
            return []
        case .mapping(let plan):
            effects = Console.begin(&state, .awsRole(name: plan.awsRoleName), .applyMapping(plan))
        case .awsGrants(let plan):
            effects = Console.begin(&state, .grantsOf(roleName: plan.role.name), .applyGrants(plan))
        case .memberGrants(let role, let entries):
            effects = Console.begin(&state, .memberGrants(roleName: role.name), .members(.restore(role, entries)))
        case .deleteCreated(let id, let name):
            effects = Console.begin(&state, .role(name: name), .deleteRole(id: id, name: name))
        case .recreate(let role):
            effects = Console.begin(&state, .role(name: role.name), .saveRole(base: role, draft: RoleDraft(role), overwrite: false))
        }
        state.history.bind(effects, to: offer.number)
        if !effects.isEmpty { state.withContext { $0.post(.info, "Applying the undo of #\(offer.number)…") } }
        return effects
    }

    /// n on an undo question: nothing written, the change stays next.
    static func cancelled(_ state: inout AppState, _ offer: UndoOffer) {
        state.withContext { $0.post(.info, "Nothing written; #\(offer.number) stays the next change u offers.") }
    }
}
