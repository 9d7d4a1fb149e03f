/// The immutable world the role store sees: directories, their users and the AWS inventory.
/// It is regenerated from the seed on every start, so only role-store state needs persisting.
struct UserDirectory: Sendable {
    let sources: [DirectorySource]
    let users: [DirectoryUser]
    let localSourceID: String
    let adSourceID: String
    let awsSourceIDs: [String]
    let usersByID: [String: Int]
    let usersBySource: [String: UserSet]

    /// Builds the same 400 users and five directories for every seed (plus hostile users when asked).
    static func generate(hostile: Bool = false) -> UserDirectory {
        var rng = SplitMix64(seed: 0x5EED_D1EC)
        let created = Timestamp.format(epochSeconds: 1_672_531_200) // 2023-01-01
        let localID = rng.uuid()
        let adID = rng.uuid()
        var sources = [
            DirectorySource(id: localID, name: "Local users", type: "LOCAL", ttl: 0,
                            comment: "Users created in PrivX itself", connection: ["type": "LOCAL"], created: created),
            DirectorySource(id: adID, name: "Corporate AD (example.com)", type: "AD", ttl: 900,
                            comment: "Active Directory of example.com",
                            connection: ["type": "AD", "address": "ad.example.com", "port": 636,
                                         "base_dn": "DC=example,DC=com", "protocol": "LDAPS"],
                            created: created),
        ]
        var awsIDs: [String] = []
        for account in SeedCatalog.awsAccounts {
            let id = rng.uuid()
            awsIDs.append(id)
            sources.append(DirectorySource(
                id: id, name: "AWS \(account.label) (\(account.id))", type: "AWS", ttl: 3600,
                comment: "IAM users and roles of AWS account \(account.id)",
                connection: ["type": "AWS", "aws_account": .string(account.id), "aws_region": .string(account.region)],
                created: created))
        }

        var users: [DirectoryUser] = []
        var taken: Set<String> = []
        func uniquePrincipal(_ base: String) -> String {
            var candidate = base
            var counter = 2
            while taken.contains(candidate) { candidate = "\(base)\(counter)"; counter += 1 }
            taken.insert(candidate)
            return candidate
        }
        let groupRoles = SeedCatalog.groupRoles
        for index in 0..<400 {
            let kind: String = index < 60 ? "LOCAL" : (index < 340 ? "AD" : "AWS")
            var fullName = ""
            var given = ""
            var asciiBase = ""
            if rng.chance(0.15) {
                let name = rng.pick(SeedCatalog.eastAsianNames)
                (fullName, given, asciiBase) = (name.full, name.given, name.ascii)
            } else {
                let first = rng.pick(SeedCatalog.givenNames)
                let last = rng.pick(SeedCatalog.familyNames)
                (fullName, given, asciiBase) = ("\(first.0) \(last.0)", first.0, "\(first.1).\(last.1)")
            }
            let principal = uniquePrincipal(asciiBase)
            let department = rng.pick(SeedCatalog.departments)
            let title = rng.pick(department.titles)
            let userCreated = Timestamp.format(epochSeconds: 1_672_531_200 + index * 86_400 / 3)
            var attributes: [(key: String, value: String)] = []
            var memberOf: [String] = []
            var dn = ""
            var sourceID = localID
            var email = "\(principal)@example.com"
            switch kind {
            case "AD":
                sourceID = adID
                dn = "CN=\(fullName),OU=\(department.name),OU=People,DC=example,DC=com"
                let groupCount = 1 + rng.index(4)
                var groups: Set<String> = []
                while groups.count < groupCount { groups.insert(rng.pick(groupRoles)) }
                memberOf = groups.sorted().map(SeedCatalog.groupDN)
                attributes = [("sAMAccountName", principal), ("userPrincipalName", "\(principal)@example.com"),
                              ("objectClass", "user"), ("cn", fullName), ("company", "Example Oy")]
            case "AWS":
                let accountIndex = index % SeedCatalog.awsAccounts.count
                let account = SeedCatalog.awsAccounts[accountIndex]
                sourceID = awsIDs[accountIndex]
                email = "\(principal)@\(account.label).aws.example.com"
                attributes = [("aws_account", account.id), ("aws_arn", "arn:aws:iam::\(account.id):user/\(principal)"),
                              ("aws_iam_group", rng.pick(["Developers", "Operators", "ReadOnly", "Admins"]))]
            default:
                attributes = [("locale", rng.pick(["fi_FI", "en_US", "sv_SE", "ja_JP", "de_DE"]))]
            }
            let tags = rng.chance(0.2) ? ["contractor"] : (rng.chance(0.1) ? ["oncall"] : [])
            users.append(DirectoryUser(
                index: index, id: rng.uuid(), principal: principal, fullName: fullName, givenName: given,
                email: email, sourceID: sourceID, sourceType: kind, distinguishedName: dn,
                department: department.name, jobTitle: title, attributes: attributes, memberOf: memberOf,
                tags: tags, created: userCreated))
        }
        if hostile { users += HostileSeed.users(startIndex: users.count, localSourceID: localID) }
        var byID: [String: Int] = [:]
        var bySource: [String: UserSet] = [:]
        for user in users {
            byID[user.id] = user.index
            bySource[user.sourceID, default: UserSet(capacity: users.count)].insert(user.index)
        }
        return UserDirectory(sources: sources, users: users, localSourceID: localID, adSourceID: adID,
                             awsSourceIDs: awsIDs, usersByID: byID, usersBySource: bySource)
    }

    /// The source with this id, if the directory has one.
    func source(_ id: String) -> DirectorySource? { sources.first { $0.id == id } }
}
