/// The mutable part of the simulator, as persisted: roles, explicit grants, the AWS cache.
struct StoreState: Sendable {
    var seed: String
    var scanGeneration: Int
    var roles: [String: SimulatorJSON]
    var explicitMembers: [String: [String]]
    /// The terms of explicit grants that are not permanent, keyed by `grantKey(role:user:)` (see `UserGrant`).
    var grantTerms: [String: SimulatorJSON] = [:]
    var awsRoles: [String: SimulatorJSON]
    /// Each role's principal keys in creation order, `{id, public_key}` (an empty `public_key` while one is
    /// being generated); the private halves are never stored.
    var principalKeys: [String: [SimulatorJSON]] = [:]

    /// A fresh state from the seed generator.
    static func seeded(_ seed: SimulatorSeed, directory: UserDirectory, inventory: AWSInventory) -> StoreState {
        let output = RoleSeeder(directory: directory, count: seed.roleCount).generate()
        var roles: [String: SimulatorJSON] = [:]
        roles.reserveCapacity(output.roles.count)
        for role in output.roles { roles[role["id"]!.stringValue!] = role }
        // AWS cache as of scan 0: present roles OK, the "returning" ones MISSING (seen on an earlier scan).
        let names = output.roles.prefix(SeedCatalog.curatedRoles.count).reduce(into: [String: String]()) {
            $0[$1["name"]!.stringValue!] = $1["id"]!.stringValue!
        }
        let mappings: [String: [String]] = [
            "PowerUserAccess": ["aws-prod-poweruser", "oncall-sre"], "ReadOnlyAccess": ["aws-prod-readonly", "monitoring-viewers"],
            "AdministratorAccess": ["break-glass"], "ops/DatabaseAdmin": ["db-admins"], "ops/NetworkAdmin": ["network-admins"],
            "billing/BillingViewer": ["aws-billing-viewer"], "ci/DeployRole": ["ci-deployers"],
            "security/SecurityAudit": ["security-auditors"], "k8s/EKSClusterAdmin": ["k8s-cluster-admins"],
        ]
        var aws: [String: SimulatorJSON] = [:]
        let updated = Timestamp.format(epochSeconds: 1_730_419_200)
        for role in inventory.roles {
            let status: String
            switch role.presence {
            case .always, .evenScans: status = "OK"
            case .oddScans: status = "MISSING"
            case .fromFirstRescan: continue
            }
            let path = String(role.arn.split(separator: "/", maxSplits: 1).last ?? "")
            let account = role.arn.split(separator: ":", omittingEmptySubsequences: false)[4]
            let mapped = (mappings[path] ?? []).compactMap { name -> SimulatorJSON? in
                // Only the prod account carries the curated mappings, staging/dev some of them.
                guard account == "111122223333" || name.hasPrefix("aws-") == false, let id = names[name] else { return nil }
                return ["id": .string(id), "name": .string(name)]
            }
            aws[role.id] = role.document(status: status, updated: updated, roles: mapped)
        }
        if seed == .hostile {
            let hostile = HostileSeed.roles(localSourceID: directory.localSourceID)
            for role in hostile { if let id = role["id"]?.stringValue { roles[id] = role } }
            for role in HostileSeed.awsRoles(sourceID: directory.awsSourceIDs.first ?? "", roles: hostile) {
                if let id = role["id"]?.stringValue { aws[id] = role }
            }
        }
        var state = StoreState(seed: seed.argument, scanGeneration: 0, roles: roles,
                               explicitMembers: output.explicitMembers, awsRoles: aws)
        state.principalKeys = PrincipalKeySeed.keys(roles: roles)
        GrantSeeder(directory: directory).seed(&state, roleIDs: output.roles.compactMap { $0["id"]?.stringValue })
        return state
    }

    var snapshotJSON: SimulatorJSON {
        .object([
            "kind": "snapshot", "version": 1, "seed": .string(seed), "scan_generation": .int(scanGeneration),
            "roles": .array(roles.keys.sorted().map { roles[$0]! }),
            "explicit_members": .object(explicitMembers.mapValues { .array($0.map { .string($0) }) }),
            "grant_terms": .object(grantTerms),
            "aws_roles": .array(awsRoles.keys.sorted().map { awsRoles[$0]! }),
            "principal_keys": .object(principalKeys.mapValues { .array($0) }),
        ])
    }

    init(seed: String, scanGeneration: Int, roles: [String: SimulatorJSON], explicitMembers: [String: [String]],
         awsRoles: [String: SimulatorJSON]) {
        self.seed = seed
        self.scanGeneration = scanGeneration
        self.roles = roles
        self.explicitMembers = explicitMembers
        self.awsRoles = awsRoles
    }

    init(snapshot: SimulatorJSON) throws {
        guard snapshot["kind"]?.stringValue == "snapshot", let seed = snapshot["seed"]?.stringValue else {
            throw SimulatorStateFileError.corrupt(line: 1, reason: "the first line is not a snapshot")
        }
        self.seed = seed
        scanGeneration = snapshot["scan_generation"]?.intValue ?? 0
        roles = [:]
        for role in snapshot["roles"]?.arrayValue ?? [] {
            if let id = role["id"]?.stringValue { roles[id] = role }
        }
        explicitMembers = (snapshot["explicit_members"]?.objectValue ?? [:]).mapValues {
            ($0.arrayValue ?? []).compactMap(\.stringValue)
        }
        grantTerms = snapshot["grant_terms"]?.objectValue ?? [:]
        awsRoles = [:]
        for role in snapshot["aws_roles"]?.arrayValue ?? [] {
            if let id = role["id"]?.stringValue { awsRoles[id] = role }
        }
        principalKeys = (snapshot["principal_keys"]?.objectValue ?? [:]).mapValues { $0.arrayValue ?? [] }
    }

    /// Applies one journal record; the same code path the live server used to produce it.
    mutating func apply(_ record: JournalRecord) {
        switch record {
        case .putRole(let role):
            if let id = role["id"]?.stringValue { roles[id] = role }
        case .deleteRole(let id):
            roles[id] = nil
            for user in explicitMembers[id] ?? [] { grantTerms[Self.grantKey(role: id, user: user)] = nil }
            explicitMembers[id] = nil
            principalKeys[id] = nil
            for (awsID, aws) in awsRoles {
                let kept = (aws["roles"]?.arrayValue ?? []).filter { $0["id"]?.stringValue != id }
                if kept.count != (aws["roles"]?.arrayValue ?? []).count {
                    var updated = aws
                    updated["roles"] = .array(kept)
                    awsRoles[awsID] = updated
                }
            }
        case .putAWSRole(let role):
            if let id = role["id"]?.stringValue { awsRoles[id] = role }
        case .deleteAWSRole(let id):
            awsRoles[id] = nil
        case .scan(let generation, let cache):
            scanGeneration = generation
            awsRoles = cache
        case .putPrincipalKey(let roleID, let key):
            var keys = principalKeys[roleID] ?? []
            if let index = keys.firstIndex(where: { $0["id"] == key["id"] }) { keys[index] = key } else { keys.append(key) }
            principalKeys[roleID] = keys
        case .deletePrincipalKey(let roleID, let keyID):
            principalKeys[roleID]?.removeAll { $0["id"]?.stringValue == keyID }
        case .putUserGrants(let user, let grants):
            replaceGrants(of: user, with: grants.map { UserGrant(roleID: $0["id"]?.stringValue ?? "", terms: $0["terms"]) })
        }
    }
}

/// One acknowledged write, as appended to the state file.
enum JournalRecord: Sendable {
    case putRole(SimulatorJSON)
    case deleteRole(String)
    case putAWSRole(SimulatorJSON)
    case deleteAWSRole(String)
    case scan(generation: Int, cache: [String: SimulatorJSON])
    /// A principal key added or filled in (`{id, public_key}`; never a private key).
    case putPrincipalKey(roleID: String, key: SimulatorJSON)
    case deletePrincipalKey(roleID: String, keyID: String)
    /// A user's whole list of explicit grants, each `{"id": role id, "terms": UserGrant.terms or null}`.
    case putUserGrants(user: String, grants: [SimulatorJSON])

    var json: SimulatorJSON {
        switch self {
        case .putRole(let role): return ["kind": "put_role", "role": role]
        case .deleteRole(let id): return ["kind": "delete_role", "id": .string(id)]
        case .putAWSRole(let role): return ["kind": "put_aws_role", "aws_role": role]
        case .deleteAWSRole(let id): return ["kind": "delete_aws_role", "id": .string(id)]
        case .scan(let generation, let cache):
            return ["kind": "scan", "generation": .int(generation),
                    "aws_roles": .array(cache.keys.sorted().map { cache[$0]! })]
        case .putPrincipalKey(let roleID, let key): return ["kind": "put_principal_key", "role_id": .string(roleID), "key": key]
        case .deletePrincipalKey(let roleID, let keyID):
            return ["kind": "delete_principal_key", "role_id": .string(roleID), "key_id": .string(keyID)]
        case .putUserGrants(let user, let grants):
            return ["kind": "put_user_grants", "user": .string(user), "grants": .array(grants)]
        }
    }

    init?(_ json: SimulatorJSON) {
        switch json["kind"]?.stringValue {
        case "put_role": guard let role = json["role"] else { return nil }; self = .putRole(role)
        case "delete_role": guard let id = json["id"]?.stringValue else { return nil }; self = .deleteRole(id)
        case "put_aws_role": guard let role = json["aws_role"] else { return nil }; self = .putAWSRole(role)
        case "delete_aws_role": guard let id = json["id"]?.stringValue else { return nil }; self = .deleteAWSRole(id)
        case "scan":
            guard let generation = json["generation"]?.intValue, let items = json["aws_roles"]?.arrayValue else { return nil }
            var cache: [String: SimulatorJSON] = [:]
            for item in items { if let id = item["id"]?.stringValue { cache[id] = item } }
            self = .scan(generation: generation, cache: cache)
        case "put_principal_key":
            guard let roleID = json["role_id"]?.stringValue, let key = json["key"] else { return nil }
            self = .putPrincipalKey(roleID: roleID, key: key)
        case "delete_principal_key":
            guard let roleID = json["role_id"]?.stringValue, let keyID = json["key_id"]?.stringValue else { return nil }
            self = .deletePrincipalKey(roleID: roleID, keyID: keyID)
        case "put_user_grants":
            guard let user = json["user"]?.stringValue, let grants = json["grants"]?.arrayValue else { return nil }
            self = .putUserGrants(user: user, grants: grants)
        default: return nil
        }
    }
}
