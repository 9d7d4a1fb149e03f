/// One IAM role as the simulated AWS accounts hold it.
struct AWSInventoryRole: Sendable {
    let id: String
    let name: String
    let arn: String
    let description: String
    let sourceID: String
    /// Which scan generations see this role: stable, vanishing, returning or new.
    let presence: Presence

    enum Presence: Sendable { case always, evenScans, oddScans, fromFirstRescan }

    func isPresent(atGeneration generation: Int) -> Bool {
        switch presence {
        case .always: return true
        case .evenScans: return generation % 2 == 0
        case .oddScans: return generation % 2 == 1
        case .fromFirstRescan: return generation >= 1
        }
    }

    /// The cached AWSRole document as PrivX stores it after a scan.
    func document(status: String, updated: String, roles: [SimulatorJSON]) -> SimulatorJSON {
        .object(["id": .string(id), "name": .string(name), "arn": .string(arn), "description": .string(description),
                 "source": .string(sourceID), "status": .string(status), "updated": .string(updated),
                 "roles": .array(roles)])
    }
}

/// The "AWS side": what a scan finds changes deterministically with each refresh.
/// Scan 0 is the seeded state; roles toggle so refresh shows new, MISSING and returning roles.
struct AWSInventory: Sendable {
    let roles: [AWSInventoryRole]

    /// The curated roles per account, then generated always-present roles up to `total` (when larger).
    static func generate(directory: UserDirectory, total: Int? = nil) -> AWSInventory {
        var rng = SplitMix64(seed: 0xA115_0001)
        var roles: [AWSInventoryRole] = []
        for (accountIndex, account) in SeedCatalog.awsAccounts.enumerated() {
            for (nameIndex, path) in SeedCatalog.awsRoleNames.enumerated() {
                let display = path.split(separator: "/").last.map(String.init) ?? path
                let presence: AWSInventoryRole.Presence
                switch nameIndex {
                case 8: presence = .evenScans
                case 9: presence = .oddScans
                case 10: presence = .fromFirstRescan
                default: presence = .always
                }
                roles.append(AWSInventoryRole(
                    id: rng.uuid(), name: "\(account.label)-\(display)",
                    arn: "arn:aws:iam::\(account.id):role/\(path)",
                    description: "\(display) in the \(account.label) account (\(account.region))",
                    sourceID: directory.awsSourceIDs[accountIndex], presence: presence))
            }
        }
        let accounts = SeedCatalog.awsAccounts
        var index = 0
        while let total, roles.count < total {
            let accountIndex = index % accounts.count
            let account = accounts[accountIndex]
            let name = "Role" + Timestamp.zeroPadded(index, width: 6)
            roles.append(AWSInventoryRole(
                id: rng.uuid(), name: "\(account.label)-\(name)", arn: "arn:aws:iam::\(account.id):role/bench/\(name)",
                description: "\(name) in the \(account.label) account (\(account.region))",
                sourceID: directory.awsSourceIDs[accountIndex], presence: .always))
            index += 1
        }
        return AWSInventory(roles: roles)
    }

    func role(_ id: String) -> AWSInventoryRole? { roles.first { $0.id == id } }
}
