import Foundation

/// The role store's state and every operation on it; one actor, so writes are serialized and
/// each write is journaled before the caller gets its answer.
actor RoleStore {
    let directory: UserDirectory
    let inventory: AWSInventory
    let validator: RoleValidator
    let evaluateLimit: Int
    /// Most matching work (filter terms × candidate users) one evaluate may ask for; 0: no bound.
    let evaluateMaxWork: Int
    /// Where evaluations run, one at a time, away from the actor and the server's threads.
    let evaluateQueue = DispatchQueue(label: "privx-rolestore-sim.evaluate", qos: .utility)
    /// RULE results shared by evaluations (F5 evaluates the same rules again and again).
    let evaluateCache = RuleCache()
    let startTime: String
    var state: StoreState
    var index: RoleIndex
    var nameOwners: [String: String] = [:]
    var sortCache: [String: [String]] = [:]
    var memberCache: [String: UserSet] = [:]
    var ruleCache: [String: UserSet] = [:]
    /// Each role's JSON text as served, so a page of 1000 is a concatenation; dropped when the role changes.
    var renderCache: [String: [UInt8]] = [:]
    private let journal: Journal?
    /// Seconds a generated principal key stays without its public half (`--principal-key-delay`).
    var principalKeyDelay: Double = 0

    /// Fields the server owns: a client's values for them are replaced, never stored.
    static let serverFields: Set<String> = ["id", "system", "created", "updated", "author", "updatedby", "updated_by",
                                            "member_count", "explicit_count", "deleted", "deleted_by",
                                            // Read-only: mirrors the role's principal keys (SSHcom/privx-sdk-go api/rolestore/model.go@0652e857
                                            // Role.PrincipalPublicKeys; the Terraform provider's role schema marks it Computed). Served from them.
                                            "principal_public_key_strings"]

    init(directory: UserDirectory, inventory: AWSInventory, state: StoreState, journal: Journal?, evaluateLimit: Int,
         evaluateMaxWork: Int = SimulatorOptions().evaluateMaxWork) {
        self.directory = directory
        self.inventory = inventory
        self.validator = RoleValidator()
        self.evaluateLimit = evaluateLimit
        self.evaluateMaxWork = evaluateMaxWork
        self.state = state
        self.journal = journal
        self.startTime = Timestamp.now()
        var pairs: [(id: String, name: String)] = []
        pairs.reserveCapacity(state.roles.count)
        var owners: [String: String] = [:]
        owners.reserveCapacity(state.roles.count)
        for (id, role) in state.roles {
            let name = role["name"]?.stringValue ?? ""
            pairs.append((id, name))
            owners[RoleIndex.key(name)] = id
        }
        self.index = RoleIndex(pairs)
        self.nameOwners = owners
    }

    /// Journals `record`, then applies it to memory and the indexes.
    func commit(_ record: JournalRecord) throws(APIError) {
        if let journal {
            do { try journal.append(record) } catch {
                throw APIError(500, "DATABASE_ERROR", "the change was not saved: \(error). Nothing was changed; retry when the disk problem is fixed.")
            }
        }
        switch record {
        case .putRole(let role):
            let id = role["id"]!.stringValue!
            if let old = state.roles[id] {
                let oldName = old["name"]?.stringValue ?? ""
                index.remove(id: id, name: oldName)
                nameOwners[RoleIndex.key(oldName)] = nil
            }
            let name = role["name"]?.stringValue ?? ""
            index.insert(id: id, name: name)
            nameOwners[RoleIndex.key(name)] = id
            memberCache[id] = nil
            renderCache[id] = nil
        case .deleteRole(let id):
            if let old = state.roles[id] {
                let oldName = old["name"]?.stringValue ?? ""
                index.remove(id: id, name: oldName)
                nameOwners[RoleIndex.key(oldName)] = nil
            }
            memberCache[id] = nil
            renderCache[id] = nil
        case .putPrincipalKey(let roleID, _), .deletePrincipalKey(let roleID, _):
            renderCache[roleID] = nil
        case .putUserGrants(let user, let grants):
            for role in state.grants(of: user).map(\.roleID) + grants.compactMap({ $0["id"]?.stringValue }) {
                renderCache[role] = nil
            }
        default: break
        }
        sortCache.removeAll()
        state.apply(record)
    }

    // MARK: Roles

    /// The role document as clients see it: stored fields plus the computed counts.
    func roleJSON(_ id: String) -> SimulatorJSON? {
        guard case .object(var members)? = state.roles[id] else { return nil }
        members["member_count"] = .int(memberSet(id).count)
        members["explicit_count"] = .int(activeExplicitMembers(id).count)
        if let keys = state.principalKeys[id] {
            // Only finished keys: one still being generated has no public half yet.
            members["principal_public_key_strings"] = .array(keys.compactMap {
                guard let line = $0["public_key"]?.stringValue, !line.isEmpty else { return nil }
                return .string(line)
            })
        }
        return .object(members)
    }

    /// The served JSON text of a role, rendered once per version.
    func roleBytes(_ id: String) -> [UInt8]? {
        if let cached = renderCache[id] { return cached }
        guard let json = roleJSON(id) else { return nil }
        let bytes = json.serialized()
        // A role whose counts change with the clock (time-restricted grants) is rendered on every read.
        if !state.hasTimedGrants(role: id) { renderCache[id] = bytes }
        return bytes
    }

    func getRole(_ id: String) throws(APIError) -> SimulatorJSON {
        guard let role = roleJSON(id) else { throw .notFound("role", id) }
        return role
    }

    func createRole(_ body: SimulatorJSON, authorID: String) throws(APIError) -> String {
        try validator.validateRole(body)
        let name = body["name"]!.stringValue!
        if let owner = nameOwners[RoleIndex.key(name)] {
            throw .badRequest("VALUE_DUPLICATE", "a role named '\(name)' already exists (id \(owner)); choose another name", property: "name")
        }
        var document = body.objectValue!.filter { !Self.serverFields.contains($0.key) }
        let id = UUIDText.random()
        let now = Timestamp.now()
        document["id"] = .string(id)
        document["system"] = .bool(false)
        document["created"] = .string(now)
        document["updated"] = .string(now)
        document["author"] = .string(authorID)
        document["updatedby"] = .string(authorID)
        try commit(.putRole(.object(document)))
        return id
    }

    func updateRole(_ id: String, _ body: SimulatorJSON, authorID: String) throws(APIError) {
        guard let existing = state.roles[id] else { throw .notFound("role", id) }
        try validator.validateRole(body)
        let name = body["name"]!.stringValue!
        let isSystem = existing["system"]?.boolValue ?? false
        if isSystem, name != existing["name"]?.stringValue {
            throw .badRequest("INVALID_REQUEST_DATA", "the built-in role \(existing["name"]?.stringValue ?? id) cannot be renamed; keep its name",
                              property: "name")
        }
        if let owner = nameOwners[RoleIndex.key(name)], owner != id {
            throw .badRequest("VALUE_DUPLICATE", "a role named '\(name)' already exists (id \(owner)); choose another name", property: "name")
        }
        var document = body.objectValue!.filter { !Self.serverFields.contains($0.key) }
        document["id"] = .string(id)
        document["system"] = .bool(isSystem)
        for key in ["created", "author"] { if let value = existing[key] { document[key] = value } }
        document["updated"] = .string(Timestamp.now())
        document["updatedby"] = .string(authorID)
        try commit(.putRole(.object(document)))
    }

    func deleteRole(_ id: String) throws(APIError) {
        guard let existing = state.roles[id] else { throw .notFound("role", id) }
        if existing["system"]?.boolValue == true {
            throw .badRequest("INVALID_REQUEST_DATA", "the built-in role \(existing["name"]?.stringValue ?? id) cannot be deleted", property: "system")
        }
        try commit(.deleteRole(id))
    }

    // MARK: Membership

    /// Mapped members (the rules) plus the explicit members whose grant counts now.
    func memberSet(_ id: String) -> UserSet {
        var set = mappedSet(id)
        for userID in activeExplicitMembers(id) {
            if let index = directory.usersByID[userID] { set.insert(index) }
        }
        return set
    }

    /// The users the role's rules map, cached until the role changes.
    func mappedSet(_ id: String) -> UserSet {
        if let cached = memberCache[id] { return cached }
        var set = UserSet(capacity: directory.users.count)
        if let rules = state.roles[id]?["source_rules"] { set = evaluate(rules) }
        memberCache[id] = set
        return set
    }

    /// Explicit members whose grant makes them members now (`UserGrant.isActive`).
    func activeExplicitMembers(_ id: String, now: Double = Date().timeIntervalSince1970) -> [String] {
        (state.explicitMembers[id] ?? []).filter { state.grant(role: id, user: $0)?.isActive(at: now) ?? false }
    }

    /// Users a rule tree maps; RULE results are memoized because the directory never changes.
    func evaluate(_ node: SimulatorJSON) -> UserSet {
        RuleEvaluation(directory: directory).users(node, cache: &ruleCache)
    }
}

