/// Explicit grants in the persisted state: `explicitMembers` says who holds a role explicitly (as before grant
/// types), `grantTerms` adds the terms of grants that are not permanent.
extension StoreState {
    static func grantKey(role: String, user: String) -> String { role + " " + user }

    /// The explicit grant of `role` to `user`, if any.
    func grant(role: String, user: String) -> UserGrant? {
        guard explicitMembers[role]?.contains(user) == true else { return nil }
        return UserGrant(roleID: role, terms: grantTerms[Self.grantKey(role: role, user: user)])
    }

    /// Every explicit grant a user holds, ordered by role id.
    func grants(of user: String) -> [UserGrant] {
        explicitMembers.compactMap { role, users in
            users.contains(user) ? UserGrant(roleID: role, terms: grantTerms[Self.grantKey(role: role, user: user)]) : nil
        }.sorted { $0.roleID < $1.roleID }
    }

    /// True when some explicit grant of `role` depends on the time (its member count changes by itself).
    func hasTimedGrants(role: String) -> Bool {
        (explicitMembers[role] ?? []).contains { grantTerms[Self.grantKey(role: role, user: $0)] != nil }
    }

    /// Replaces a user's explicit grants: what `PUT /users/{id}/roles` does.
    mutating func replaceGrants(of user: String, with grants: [UserGrant]) {
        for (role, users) in explicitMembers where users.contains(user) {
            let kept = users.filter { $0 != user }
            explicitMembers[role] = kept.isEmpty ? nil : kept
            grantTerms[Self.grantKey(role: role, user: user)] = nil
        }
        for grant in grants where !grant.roleID.isEmpty {
            var users = explicitMembers[grant.roleID] ?? []
            if !users.contains(user) { users.append(user) }
            explicitMembers[grant.roleID] = users.sorted()
            grantTerms[Self.grantKey(role: grant.roleID, user: user)] = grant.terms
        }
    }
}

/// Seeds explicit grants of every kind on top of the seeder's permanent ones, always the same for the same
/// directory: active and expired time-restricted grants, and floating grants not yet started, so the members
/// screen and `users show` have each case to show.
struct GrantSeeder {
    let directory: UserDirectory

    func seed(_ state: inout StoreState, roleIDs: [String]) {
        // The curated roles after the two built-ins; users 60..<90, whom the seeder's permanent grants never pick.
        let roles = Array(roleIDs.dropFirst(2).prefix(12))
        guard roles.count >= 4, directory.users.count >= 90 else { return }
        let year = 31_536_000.0
        let start2024 = 1_704_067_200.0
        for (offset, role) in roles.enumerated() {
            let user = directory.users[60 + offset * 2].id
            var existing = state.grants(of: user)
            let grant: UserGrant
            switch offset % 4 {
            case 0: // running until 2099
                grant = UserGrant(roleID: role, kind: .timeRestricted,
                                  periods: [.init(start: GrantTime.format(start2024), end: "2099-12-31T23:59:59Z")])
            case 1: // expired in 2024
                grant = UserGrant(roleID: role, kind: .timeRestricted,
                                  periods: [.init(start: GrantTime.format(start2024), end: GrantTime.format(start2024 + year / 2))])
            case 2: // not started yet
                grant = UserGrant(roleID: role, kind: .floating, floatingHours: 8 * (1 + offset % 3))
            default: // two periods, both over
                grant = UserGrant(roleID: role, kind: .timeRestricted, periods: [
                    .init(start: GrantTime.format(start2024), end: GrantTime.format(start2024 + 86_400)),
                    .init(start: GrantTime.format(start2024 + year), end: GrantTime.format(start2024 + year + 86_400)),
                ])
            }
            existing.append(grant)
            state.replaceGrants(of: user, with: existing)
        }
    }
}
