import Foundation

/// Generates the seeded role documents and explicit grants, the same for the same seed.
struct RoleSeeder {
    let directory: UserDirectory
    let count: Int

    /// The access group every seeded role is scoped to (PrivX's default group).
    static let defaultAccessGroupID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"

    struct Output {
        var roles: [SimulatorJSON]
        var explicitMembers: [String: [String]]
    }

    func generate() -> Output {
        var rng = SplitMix64(seed: 0x5EED_0000 ^ UInt64(count))
        var roles: [SimulatorJSON] = []
        roles.reserveCapacity(count)
        var explicit: [String: [String]] = [:]
        let base = 1_704_067_200 // 2024-01-01
        let groups = SeedCatalog.groupRoles
        let comments = groups.map { "Access for \($0.split(separator: "-").joined(separator: " ")), mapped from the directory" }
        for index in 0..<count {
            var id = rng.uuid()
            if index == 0 || index == 1 {
                roles.append(builtIn(admin: index == 0))
                continue
            }
            if index % 6 == 5 { id = Self.nonRFC4122(id) }
            let groupIndex = (index - 2) % groups.count
            let group = groups[groupIndex]
            let name = index < SeedCatalog.curatedRoles.count ? group : group + "-" + Timestamp.zeroPadded(index, width: 6)
            let created = Timestamp.format(epochSeconds: base + index * 37)
            let updated = Timestamp.format(epochSeconds: base + index * 37 + (index % 5) * 86_400)
            var permissions: Set<String> = []
            for _ in 0..<rng.index(4) { permissions.insert(rng.pick(SeedCatalog.rolePermissionPool)) }
            var tags: Set<String> = []
            for _ in 0..<(1 + rng.index(3)) { tags.insert(rng.pick(SeedCatalog.tagPool)) }
            var role: [String: SimulatorJSON] = [
                "id": .string(id), "name": .string(name),
                "comment": .string(comments[groupIndex]),
                "permissions": .array(permissions.sorted().map { .string($0) }),
                "permit_agent": .bool(group.contains("admin")),
                "access_group_id": .string(Self.defaultAccessGroupID),
                "source_rules": sourceRules(group: group, variant: groupIndex % 7, rng: &rng),
                "tags": .array(tags.sorted().map { .string($0) }),
                "system": .bool(false),
                "created": .string(created), "updated": .string(updated),
                "author": .string(person(index)), "updatedby": .string(person(index + 1)),
                "owner_src": "",
            ]
            if let context = context(group: group, variant: groupIndex % 5, rng: &rng) { role["context"] = context }
            if groupIndex % 4 == 0 {
                var members: [String] = []
                for _ in 0..<(1 + rng.index(3)) { members.append(directory.users[rng.index(60)].id) }
                explicit[id] = Array(Set(members)).sorted()
            }
            roles.append(.object(role))
        }
        return Output(roles: roles, explicitMembers: explicit)
    }

    /// The built-in roles exactly in the shape a real PrivX lists them (Tests/RealPrivXCorpus/bat_roles_page_0.json,
    /// captured by ConductorOne/baton-privx): the ids, comments, permissions, access group and `updated` every
    /// installation has, `author` "Superuser" (a name, not an id), no `created`, no `updatedby`, `owner_src` "",
    /// `principal_public_key_strings`, and a disabled context whose times and zone are empty strings. Only the
    /// mapping rules are this server's own, so the built-ins have members here.
    private func builtIn(admin: Bool) -> SimulatorJSON {
        // Its own generator, so the rest of the seed stays what it was.
        var keys = SplitMix64(seed: admin ? 0xAD_0001 : 0xAD_0002)
        let rules: SimulatorJSON = admin
            ? ["type": "GROUP", "match": "ANY", "rules": [
                ["type": "RULE", "source": .string(directory.localSourceID), "search_string": "(principal=admin*)", "rules": []],
                ["type": "RULE", "source": .string(directory.adSourceID),
                 "search_string": .string("(memberOf=\(SeedCatalog.groupDN("identity-admins")))"), "rules": []],
            ]]
            : ["type": "GROUP", "match": "ANY", "rules": [
                ["type": "RULE", "source": .string(directory.localSourceID), "search_string": "", "rules": []],
                ["type": "RULE", "source": .string(directory.adSourceID), "search_string": "(objectClass=user)", "rules": []],
            ]]
        let permissions: [String] = admin ? [] : ["authorized-keys-manage", "webauthn-credentials-manage", "workflows-requests",
                                                  "workflows-requests-on-behalf"]
        return .object([
            "id": .string(admin ? Self.builtInAdminID : Self.builtInUserID),
            "updated": "2017-04-18T14:23:56.381705Z",
            "author": "Superuser",
            "name": .string(admin ? "privx-admin" : "privx-user"),
            "principal_public_key_strings": [.string(Self.principalKey(&keys))],
            "source_rules": rules,
            "comment": .string(admin ? "PrivX Administrators" : "PrivX Users"),
            "system": true,
            "permissions": .array(permissions.map { .string($0) }),
            "access_group_id": .string(Self.builtInAccessGroupID),
            "owner_src": "",
            "context": ["enabled": false, "validity": [], "start_time": "", "end_time": "", "timezone": "", "ip_masks": ["0.0.0.0/0"]],
        ])
    }

    /// The built-in roles' ids and access group as every PrivX installation has them (the captured roles page).
    static let builtInAdminID = "7a32374b-d7c5-4e76-9a16-005f39692f63"
    static let builtInUserID = "a382cd90-336e-41d2-9432-f28e9afe85c9"
    static let builtInAccessGroupID = "fcde7572-9781-4d47-bc1d-7977afb11dc3"

    /// A role principal's public key in OpenSSH form: a real Ed25519 key from `rng` (`PrincipalKeySeed`).
    static func principalKey(_ rng: inout SplitMix64) -> String {
        PrincipalKeySeed.line(&rng)
    }

    /// Who a seeded user role says authored or last updated it, in the three forms real servers send: a user
    /// name ("c1privxadmin" in the capture), a user id, or an API client id (both resolvable through
    /// `GET /role-store/api/v1/users/{id}`).
    private func person(_ index: Int) -> String {
        switch index % 3 {
        case 0: return directory.users[index % 60].principal
        case 1: return directory.users[60 + index % 280].id
        default: return DemoCredentials.admin.apiClientID
        }
    }

    /// Ids whose version and variant digits are not RFC 4122's, as real servers send
    /// (`9030b77b-3360-4dea-7efc-4cd5c818b49b`): every sixth seeded user role has one.
    private static func nonRFC4122(_ id: String) -> String {
        var characters = Array(id)
        characters[14] = "4"
        characters[19] = "7"
        return String(characters)
    }

    private func rule(_ source: String, _ filter: String) -> SimulatorJSON {
        ["type": "RULE", "source": .string(source), "search_string": .string(filter), "rules": []]
    }

    private func sourceRules(group: String, variant: Int, rng: inout SplitMix64) -> SimulatorJSON {
        let ad = directory.adSourceID
        let byGroup = rule(ad, "(memberOf=\(SeedCatalog.groupDN(group)))")
        switch variant {
        case 0: return ["type": "GROUP", "match": "ANY", "rules": [byGroup]]
        case 1:
            let department = SeedCatalog.departments[rng.index(SeedCatalog.departments.count)].name
            return ["type": "GROUP", "match": "ALL", "rules": [
                byGroup, rule(ad, "(department=\(department))"),
            ]]
        case 2:
            let account = rng.index(SeedCatalog.awsAccounts.count)
            return ["type": "GROUP", "match": "ANY", "rules": [
                byGroup,
                rule(directory.awsSourceIDs[account], "(aws_account=\(SeedCatalog.awsAccounts[account].id))"),
            ]]
        case 3:
            let letter = rng.pick(["a", "m", "s", "k", "j"])
            return ["type": "GROUP", "match": "ANY", "rules": [
                byGroup, rule(directory.localSourceID, "(principal=\(letter)*)"),
            ]]
        case 4:
            return ["type": "GROUP", "match": "ANY", "rules": [
                rule(ad, "(&(memberOf=\(SeedCatalog.groupDN(group)))(!(tags=contractor)))"),
            ]]
        case 5:
            return ["type": "GROUP", "match": "ANY", "rules": [
                rule(ad, "(|(memberOf=\(SeedCatalog.groupDN(group)))(title=*lead*))"),
            ]]
        default: return byGroup
        }
    }

    private func context(group: String, variant: Int, rng: inout SplitMix64) -> SimulatorJSON? {
        switch variant {
        case 0, 2:
            return ["enabled": true, "block_role": .bool(variant == 0),
                    "validity": ["MON", "TUE", "WED", "THU", "FRI"], "start_time": "08:00", "end_time": "17:00",
                    "timezone": .string(rng.pick(SeedCatalog.timeZones)), "ip_masks": ["0.0.0.0/0"]]
        case 3 where group.contains("night") || group.contains("oncall") || group.contains("weekend"):
            return ["enabled": true, "block_role": true, "validity": ["SAT", "SUN"], "start_time": "22:00",
                    "end_time": "06:00", "timezone": .string(rng.pick(SeedCatalog.timeZones)),
                    "ip_masks": ["10.0.0.0/8", "2001:db8::/32"]]
        case 4:
            // A disabled context as real servers hold one: all seven days, 00:00–00:00, a zone
            // (Tests/RealPrivXCorpus/bat_roles_page_0.json, "Test Role").
            return ["enabled": false, "block_role": true, "validity": ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
                    "start_time": "00:00", "end_time": "00:00",
                    "timezone": .string(SeedCatalog.timeZones[group.utf8.count % SeedCatalog.timeZones.count]),
                    "ip_masks": ["0.0.0.0/0"]]
        default: return nil
        }
    }
}
