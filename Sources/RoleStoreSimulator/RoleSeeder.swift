/// Generates the seeded role documents and explicit grants, the same for the same seed.
struct RoleSeeder {
    let directory: UserDirectory
    let count: Int

    /// The access group every seeded role is scoped to (PrivX's default group).
    static let defaultAccessGroupID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    /// The author recorded on seeded roles (PrivX's built-in superuser).
    static let seedAuthorID = "00000000-0000-4000-8000-000000000001"

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
            let id = rng.uuid()
            if index == 0 || index == 1 {
                roles.append(builtIn(id: id, admin: index == 0))
                continue
            }
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
                "author": .string(Self.seedAuthorID), "updatedby": .string(Self.seedAuthorID),
                "principal_public_key_strings": .array([]),
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

    private func builtIn(id: String, admin: Bool) -> SimulatorJSON {
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
        return .object([
            "id": .string(id), "name": .string(admin ? "privx-admin" : "privx-user"),
            "comment": .string(admin ? "Built-in PrivX superuser role" : "Built-in role every PrivX user has"),
            "permissions": .array((admin ? SimulatorPermissions.all : ["users-view", "workflows-requests"]).map { .string($0) }),
            "permit_agent": .bool(false), "access_group_id": .string(Self.defaultAccessGroupID),
            "source_rules": rules, "tags": .array([]), "system": .bool(true),
            "updated": .string(Timestamp.format(epochSeconds: 1_672_531_200)),
            "author": .string(Self.seedAuthorID), "updatedby": .string(Self.seedAuthorID),
        ])
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
            return ["enabled": false, "block_role": false, "validity": [], "start_time": "00:00", "end_time": "00:00",
                    "timezone": "UTC", "ip_masks": ["0.0.0.0/0"]]
        default: return nil
        }
    }
}
