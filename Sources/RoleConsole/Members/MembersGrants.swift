import PrivXAPI
import TerminalUI

/// The members component's grant changes: adding members from the dialog and what a grant, revoke or
/// undo did, as read back.
extension MembersState {
    /// y on the review: the grant is started as one write operation on this role's grants; the dialog closes.
    mutating func confirmAdding(_ context: inout ConsoleContext) -> [Effect] {
        guard let dialog = adding, dialog.stage == .review, let terms = dialog.terms, !dialog.chosen.isEmpty else { return [] }
        let users = dialog.chosen.map(Grantee.init)
        let effects = context.begin(.memberGrants(roleName: roleName), .members(.grant(role, users, terms)))
        guard !effects.isEmpty else { return [] }
        adding = nil
        context.post(.info, "Applying: granting \(roleName) to \(Self.names(users))…", seconds: 4)
        return effects
    }

    /// The review as a question: who gets which grant, `[ y Grant ] [ n Back ]` (n or Esc back to the terms).
    func reviewQuestion(_ dialog: AddMembersDialog, now: Double) -> Question {
        let lines = ["Grant \(roleName), " + (dialog.terms.map(dialog.termsText) ?? "") + ":"] + reviewLines(dialog, now: now)
        return Question(.grantMembers, title: "Add members to \(roleName)",
                        text: lines.joined(separator: "\n") + "\n\nEach user's role list is re-read just before writing (other grants are kept) and read back after.",
                        choices: [Choice("y", "Grant", "grants", answer: .yes,
                                         guarding: ChoiceGuard(permission: MembersKeys.grantPermission, needs: .addMembers, refusedAs: "Granting")),
                                  .cancel("Back", "back to the terms")])
    }

    /// The review's lines: each chosen user, how they hold the role now as far as the loaded members tell, and the new terms.
    func reviewLines(_ dialog: AddMembersDialog, now: Double) -> [String] {
        dialog.chosen.map { user in
            let name = user.principal + (user.fullName.map { " (\($0))" } ?? "")
            guard let member = users.first(where: { $0.id == user.id }) else { return "+ \(name): new explicit grant" }
            if member.isExplicitMember {
                return "~ \(name): has \(GrantText.holding(grants[user.id], explicit: true, now: now)); the terms are replaced"
            }
            return "+ \(name): a member by the role's rules; an explicit grant is added too"
        }
    }

    /// A grant, revoke or undo of this role answered: the list is read again (a revoke can end a membership, a
    /// grant start one).
    mutating func grantsChanged(_ results: [GranteeResult], undo: Bool, _ context: inout ConsoleContext) -> [Effect] {
        for result in results { grants[result.user.id] = result.after }
        return reload()
    }

    /// Says what a grant, revoke or undo did for each user (whichever screen is open): failures are kept for `:errors`.
    static func report(_ role: RoleRef, _ results: [GranteeResult], undo: Bool, _ context: inout ConsoleContext) {
        for result in results where result.failure != nil {
            context.recordError("Changing the grant of \(role.name) for \(result.user.principal) failed: \(result.failure ?? "")")
        }
        let done = results.filter { $0.failure == nil }
        guard !done.isEmpty else { return }
        let lines = done.map { "\($0.user.principal) \(verb($0))" }
        context.post(.success, (undo ? "Undone: " : "") + "\(role.name): " + lines.joined(separator: "; ") + (undo ? "." : ". u undoes."),
                     seconds: 8)
    }

    /// What happened to one user, as read back.
    static func verb(_ result: GranteeResult) -> String {
        switch result.change {
        case .granted?: "granted"
        case .updated?: "given new terms"
        case .revoked?: "revoked" + (result.after == nil ? "" : " (still listed)")
        case .unchanged?: "unchanged (already so)"
        case nil: "failed"
        }
    }

    /// "alice, bob and 3 more".
    static func names(_ users: [Grantee]) -> String {
        let shown = users.prefix(3).map(\.principal).joined(separator: ", ")
        return users.count > 3 ? "\(shown) and \(users.count - 3) more" : shown
    }
}

extension Console {
    /// Results of the members screen's effects: a grant change also updates what the core keeps (the change
    /// for `:history`, actions a 403 made unavailable) before the component takes it.
    static func membersResult(_ state: inout AppState, _ message: Message) -> [Effect] {
        if case .members(.grantsChanged(let role, let results, _)) = message {
            for permission in results.compactMap(\.refusedPermission) {
                PermissionRefusals.refuse(permission, action: .addMembers, in: &state.unavailable)
                PermissionRefusals.refuse(permission, action: .revokeGrant, in: &state.unavailable)
            }
            let changed = results.filter { $0.failure == nil && $0.change != .unchanged }
            if !changed.isEmpty {
                state.withContext { $0.record(.memberGrants(role, changed.map { GranteeBefore(user: $0.user, before: $0.before) })) }
            }
        }
        if case .members(.grantsChanged(let role, let results, let undo)) = message {
            state.withContext { context in
                context.dismissProgressNotices()
                MembersState.report(role, results, undo: undo, &context)
            }
        }
        let effects = state.route(message, to: \.members)
        reselectAll(&state)
        return effects
    }

    /// Enter on a member: who they are, how they hold the role and what removing it takes.
    static func showMemberDetail(_ state: inout AppState) {
        guard let members = state.members, let user = members.selectedUser else { return }
        let grant = members.grants[user.id]
        let explicit = user.isExplicitMember || grant?.isExplicit == true
        var lines = [
            "Principal: \(user.principal)", "Full name: \(user.fullName ?? "–")", "E-mail: \(user.email ?? "–")",
            "Directory: \(user.source.flatMap { state.sourceNames[$0] } ?? user.sourceType ?? user.source ?? "–")", "User id: \(user.id)",
            "",
        ]
        if explicit {
            lines.append("Holds \(members.roleName) by an explicit grant: " + (grant.map { GrantText.terms($0, now: state.now) } ?? "terms not read yet"))
            if grant?.isImplicit == true { lines.append("The role's rules map them too: revoking the grant keeps them a member.") }
            lines.append("d revokes the grant.")
        } else {
            lines.append("Holds \(members.roleName) through the role's rules (mapped): there is no grant to revoke. "
                + "To remove them, change the role's rules (e on the roles screen, F3) or their entry in the directory. "
                + "The users screen (3, then search \(user.principal)) names the rule that maps them.")
        }
        state.modal = .message(title: sanitize("Member \(user.principal)"), text: sanitize(lines.joined(separator: "\n")), isError: false)
    }

    /// `d` on a member: an explicit grant is revoked after a question naming the user and the role; a mapped
    /// member cannot be revoked here, and the notice says what would remove them.
    static func askToRevoke(_ state: inout AppState) {
        guard let members = state.members, let user = members.selectedUser else { return }
        let grant = members.grants[user.id]
        guard user.isExplicitMember || grant?.isExplicit == true else {
            state.toasts.post(.warning, sanitize("Not revoked: \(user.principal) holds \(members.roleName) through the role's rules (mapped), "
                + "not by a grant. Change the role's rules (e on the roles screen, F3) or the user's entry in the directory."),
                              now: state.now, seconds: 8)
            return
        }
        var detail = "Their grant: " + (grant.map { GrantText.terms($0, now: state.now) } ?? "explicit") + "."
        if grant?.isImplicit == true { detail += " The role's rules map them too, so they stay a member." }
        state.modal = .confirm(.revokeGrant(members.role, Grantee(user), detail: detail), QuestionFocus())
    }

    /// y on the revoke question or the undo of a grant change.
    static func confirmedGrant(_ state: inout AppState, _ pending: PendingConfirmation) -> [Effect] {
        switch pending {
        case .revokeGrant(let role, let user, _):
            let effects = begin(&state, .memberGrants(roleName: role.name), .members(.revoke(role, user)))
            if !effects.isEmpty { state.toasts.post(.info, "Applying: revoking \(role.name) from \(user.principal)…", now: state.now, seconds: 4) }
            return effects
        default:
            return []
        }
    }

    /// How the undo of a grant change reverts it (the undo question's text, `HistoryUndo`).
    static func undoGrantsMessage(_ role: RoleRef, _ entries: [GranteeBefore], now: Double) -> String {
        let lines = entries.map { entry in
            "\(entry.user.principal): " + (entry.before.map { "back to " + GrantText.terms($0, now: now) } ?? "grant revoked")
        }
        return "This puts the grants of \(role.name) back as they were:\n  " + lines.joined(separator: "\n  ")
            + "\n\nEach user's role list is re-read just before writing and read back after."
    }

    /// The revoke question's text.
    static func revokeMessage(_ role: RoleRef, _ user: Grantee, _ detail: String) -> String {
        "Revoke the role \(role.name) from \(user.principal)? \(detail)\n\nThe user's role list is re-read just before writing "
            + "(other grants are kept) and read back after. u undoes it."
    }
}
