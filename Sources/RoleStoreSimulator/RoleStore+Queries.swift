import Foundation

/// Read paths: lists, search, resolve, evaluate, members, sources.
extension RoleStore {
    static let roleSortKeys: Set<String> = ["name", "id", "created", "updated", "comment", "author", "member_count"]
    static let userSortKeys: Set<String> = ["principal", "full_name", "email", "source", "created", "id"]

    /// `{count, items}` from already rendered items.
    static func listBody(count: Int, rendered: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + rendered.reduce(0) { $0 + $1.count + 1 })
        out.append(contentsOf: "{\"count\":\(count),\"items\":[".utf8)
        for (position, item) in rendered.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: item)
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    /// `{count, items}` as bytes, written directly to avoid building a large tree.
    static func listBody(count: Int, items: [SimulatorJSON]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + items.count * 700)
        out.append(contentsOf: "{\"count\":\(count),\"items\":[".utf8)
        for (position, item) in items.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            item.write(into: &out)
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    /// Role ids in ascending order of `key`; name order comes from the live index.
    func sortedRoleIDs(_ key: String?) -> [String] {
        let key = key ?? "name"
        if key == "name" { return index.ids }
        if let cached = sortCache[key] { return cached }
        let sorted: [String]
        if key == "member_count" {
            sorted = state.roles.keys.map { ($0, memberSet($0).count) }
                .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.map(\.0)
        } else {
            sorted = state.roles.map { ($0.key, $0.value[key]?.stringValue ?? "") }
                .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.map(\.0)
        }
        sortCache[key] = sorted
        return sorted
    }

    func listRoles(_ page: PageRequest) -> [UInt8] {
        let total = state.roles.count
        let ids: [String]
        if page.sortKey == nil || page.sortKey == "name" {
            // Slice the index without materializing every id.
            guard page.offset < total, page.limit > 0 else { return Self.listBody(count: total, items: []) }
            let end = min(total, page.offset + page.limit)
            let range = page.descending ? (total - end)..<(total - page.offset) : page.offset..<end
            let slice = index[range].map(\.id)
            ids = page.descending ? Array(slice.reversed()) : slice
        } else {
            ids = page.slice(sortedRoleIDs(page.sortKey))
        }
        return Self.listBody(count: total, rendered: ids.compactMap { roleBytes($0) })
    }

    func resolve(_ body: SimulatorJSON) throws(APIError) -> [UInt8] {
        guard let names = body.arrayValue else {
            throw .badRequest("VALUE_INCORRECT_TYPE", "resolve takes a JSON array of role names, got \(body.typeName)", property: nil)
        }
        var items: [SimulatorJSON] = []
        for name in names {
            guard let text = name.stringValue else {
                throw .badRequest("VALUE_INCORRECT_TYPE", "role names must be strings, got \(name.typeName)", property: nil)
            }
            if let id = nameOwners[RoleIndex.key(text)], let stored = state.roles[id]?["name"] {
                items.append(["id": .string(id), "name": stored, "role_name": stored])
            }
        }
        return Self.listBody(count: items.count, items: items)
    }

    func search(_ body: SimulatorJSON, page: PageRequest) throws(APIError) -> [UInt8] {
        guard case .object(let query) = body else {
            throw .badRequest("VALUE_INCORRECT_TYPE", "search takes a JSON object such as {\"name\": [\"db-admins\"]}", property: nil)
        }
        var names: Set<String>? = nil
        if let value = query["name"], value != .null {
            guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                throw .badRequest("VALUE_INCORRECT_TYPE", "name must be an array of strings", property: "name")
            }
            if !list.isEmpty { names = Set(list.map { RoleIndex.key($0.stringValue!) }) }
        }
        var keywords: String? = nil
        if let value = query["keywords"], value != .null {
            guard let text = value.stringValue else {
                throw .badRequest("VALUE_INCORRECT_TYPE", "keywords must be a string", property: "keywords")
            }
            if !text.isEmpty { keywords = text.lowercased() }
        }
        var tags: Set<String>? = nil
        if let value = query["tags"], value != .null {
            guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                throw .badRequest("VALUE_INCORRECT_TYPE", "tags must be an array of strings", property: "tags")
            }
            if !list.isEmpty { tags = Set(list.compactMap(\.stringValue)) }
        }
        let matching = sortedRoleIDs(page.sortKey).filter { id in
            guard let role = state.roles[id] else { return false }
            let name = role["name"]?.stringValue ?? ""
            if let names, !names.contains(RoleIndex.key(name)) { return false }
            if let keywords {
                let comment = role["comment"]?.stringValue ?? ""
                if !name.lowercased().contains(keywords) && !comment.lowercased().contains(keywords) { return false }
            }
            if let tags {
                let roleTags = Set((role["tags"]?.arrayValue ?? []).compactMap(\.stringValue))
                if roleTags.isDisjoint(with: tags) { return false }
            }
            return true
        }
        return Self.listBody(count: matching.count, rendered: page.slice(matching).compactMap { roleBytes($0) })
    }

    /// `/roles/evaluate`, run off the actor and off the server's threads: one evaluation at a time on its own
    /// queue, so heavy evaluations neither hold the store (a roles GET waits for nothing) nor starve the
    /// threads that answer other requests. Rules whose matching work (filter terms × candidate users) is
    /// above `evaluateMaxWork` are refused up front with 400 `VALUE_OUT_OF_BOUNDS` on `source_rules`: a
    /// code PrivX documents (docs/role-store-evidence.md, "Evaluate work bound"); PrivX's own bound is not
    /// documented, so this one is the simulator's protection and is configurable (0: none).
    nonisolated func evaluateRole(_ body: SimulatorJSON) async throws(APIError) -> [UInt8] {
        try validator.validateSourceRules(body)
        let rules = body["source_rules"]!
        let evaluation = RuleEvaluation(directory: directory)
        let work = evaluation.work(rules)
        if evaluateMaxWork > 0, work > evaluateMaxWork {
            throw .badRequest("VALUE_OUT_OF_BOUNDS", "the mapping rules are too large to evaluate: their filters make "
                + "\(work) comparisons (filter terms × directory users), above this server's limit of \(evaluateMaxWork); "
                + "use fewer filter terms (a group such as memberOf instead of a list of names) and evaluate again",
                property: "source_rules")
        }
        let limit = evaluateLimit
        return await withCheckedContinuation { (continuation: CheckedContinuation<[UInt8], Never>) in
            evaluateQueue.async { [evaluateCache] in
                var cache = evaluateCache.snapshot
                let set = evaluation.users(rules, cache: &cache)
                evaluateCache.keep(cache)
                let count = set.count
                if count > limit {
                    continuation.resume(returning: Self.listBody(count: count, items: []))
                    return
                }
                let users = set.indices.map { evaluation.directory.users[$0] }.sorted { $0.principal < $1.principal }
                continuation.resume(returning: Self.listBody(count: count, items: users.map(\.json)))
            }
        }
    }

    func members(_ id: String, page: PageRequest) throws(APIError) -> [UInt8] {
        guard state.roles[id] != nil else { throw .notFound("role", id) }
        let set = memberSet(id)
        let key = page.sortKey ?? "principal"
        let users = set.indices.map { directory.users[$0] }.sorted { lhs, rhs in
            let (a, b) = (Self.userSortValue(lhs, key), Self.userSortValue(rhs, key))
            return a != b ? a < b : lhs.id < rhs.id
        }
        let explicit = Set(activeExplicitMembers(id))
        let items = page.slice(users).map { user -> SimulatorJSON in
            var json = user.json
            json["explicit"] = .bool(explicit.contains(user.id))
            return json
        }
        return Self.listBody(count: users.count, items: items)
    }

    static func userSortValue(_ user: DirectoryUser, _ key: String) -> String {
        switch key {
        case "full_name": return user.fullName.lowercased()
        case "email": return user.email
        case "source": return user.sourceID
        case "created": return user.created
        case "id": return user.id
        default: return user.principal
        }
    }

    /// One user or API client by id, as `GET /users/{id}` answers; an unknown id is `OBJECT_NOT_FOUND`.
    func user(_ id: String) throws(APIError) -> SimulatorJSON {
        if let index = directory.usersByID[id] { return directory.users[index].json }
        if let client = DemoCredentials.all.first(where: { $0.apiClientID == id }) {
            return DirectoryUser.apiClientJSON(id: client.apiClientID, name: "\(client.name) (demo API client)",
                                               sourceID: directory.localSourceID)
        }
        throw .notFound("user", id)
    }

    func sources() -> [UInt8] {
        Self.listBody(count: directory.sources.count, items: directory.sources.map(\.json))
    }

    func status() -> SimulatorJSON {
        ["variant": "privx-rolestore-sim", "version": "41.0.0-sim", "api_version": "v1", "status": "ok",
         "app_id": "role-store", "start_time": .string(startTime), "status_details": [
            "roles": .int(state.roles.count), "users": .int(directory.users.count),
            "aws_roles": .int(state.awsRoles.count), "seed": .string(state.seed),
         ]]
    }

    /// How many roles the store holds.
    var roleCount: Int { state.roles.count }

    /// A copy of a stored role document exactly as persisted (no computed counts), for tests.
    func storedRole(_ id: String) -> SimulatorJSON? { state.roles[id] }
}
