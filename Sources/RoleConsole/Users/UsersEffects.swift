import Foundation
import PrivXAPI

/// The network work of the users screen (run by `EffectRunner.performUsers`).
public enum UsersEffect: Sendable, Hashable {
    /// `POST /users/search` across directories.
    case search(query: String)
    /// The user's roles (`/users/{id}/resolve`, plus `/users/{id}/roles` for grants not in effect), then for each
    /// mapped role which of its rules maps them.
    case open(User)
}

/// The results of the users screen's effects.
public enum UsersMessage: Sendable {
    case found(query: String, users: [User], total: Int)
    /// The user's roles: those in effect, and the explicit grants that do not count now.
    case opened(userID: String, inEffect: [RoleHandle], notInEffect: [RoleHandle])
    /// Which rules of one mapped role map the user.
    case explained(userID: String, roleID: String, RuleExplanation)
}

extension EffectRunner {
    /// How many users the users screen's search shows.
    static let userSearchLimit = 200

    /// Performs a users effect and posts its answers.
    func performUsers(_ effect: UsersEffect, _ post: @escaping @Sendable (Message) -> Void) async {
        switch effect {
        case .search(let query):
            await findUsers(query, limit: Self.userSearchLimit, post) { .users(.found(query: query, users: $0.items, total: $0.count)) }
        case .open(let user):
            let mapped: [RoleHandle]
            do {
                let resolved = try await api.resolveUser(id: user.id).roleHandles
                let listed = try await api.userRoles(userID: user.id)
                let held = Set(resolved.map(\.id))
                post(.users(.opened(userID: user.id, inEffect: resolved, notInEffect: listed.filter { $0.isExplicit && !held.contains($0.id) })))
                mapped = resolved.filter(\.isImplicit)
            } catch {
                post(.failed(.resolveUser(principal: user.principal), Self.privXError(error)))
                return
            }
            for handle in mapped {
                post(.users(.explained(userID: user.id, roleID: handle.id, await explain(user, roleID: handle.id))))
            }
        }
    }

    /// `POST /users/search` across directories for `query`: the first `limit` users through `found`, a failure as `searchUsers`.
    func findUsers(_ query: String, limit: Int, _ post: @Sendable (Message) -> Void, found: (Page<User>) -> Message) async {
        do {
            post(found(try await api.searchUsers(UserSearch(keywords: query), page: PageRequest(offset: 0, limit: limit))))
        } catch {
            post(.failed(.searchUsers, Self.privXError(error)))
        }
    }

    /// Evaluates the role's RULE nodes one at a time (`POST /roles/evaluate` with a group of that one rule, as the
    /// evaluate inspector sends a whole definition) and names those whose users include `user`. A rule of another
    /// directory than the user's cannot select them (a RULE selects users of its `source`) and is not sent.
    func explain(_ user: User, roleID: String) async -> RuleExplanation {
        do {
            let role = try await api.role(id: roleID)
            let leaves = Self.ruleLeaves(role.sourceRules)
            var matched: [MatchedRule] = []
            var countOnly = 0
            for leaf in leaves where user.source == nil || leaf.source == nil || leaf.source == user.source {
                var probe = role
                probe.sourceRules = .group(match: "ANY", rules: [leaf])
                let result = try await api.evaluate(probe)
                guard let users = result.users else { countOnly += 1; continue }
                if users.contains(where: { $0.id == user.id }) {
                    matched.append(MatchedRule(searchString: leaf.searchString ?? "", source: leaf.source ?? ""))
                }
            }
            if !matched.isEmpty { return .matched(matched) }
            if countOnly > 0 { return .unknown("\(countOnly) rule(s) match too many users for the server to list; it sent only counts") }
            return .unknown("no single rule selects them; the server maps them by the rules together")
        } catch {
            let error = Self.privXError(error)
            if error.status == 403, let permission = Console.missingPermission(error) {
                return .unknown("naming the rule needs \(permission) (evaluate); the server refused it (HTTP 403)")
            }
            return .unknown("could not evaluate the rules: \(error.description)")
        }
    }

    /// The RULE nodes of a rule tree, in order.
    static func ruleLeaves(_ node: SourceRule?) -> [SourceRule] {
        guard let node else { return [] }
        if node.isGroup { return node.rules.flatMap { ruleLeaves($0) } }
        return node.type.uppercased() == "RULE" ? [node] : []
    }
}
