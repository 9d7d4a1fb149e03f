/// A user in one of the simulated directories; what evaluate and members return.
struct DirectoryUser: Sendable {
    let index: Int
    let id: String
    let principal: String
    let fullName: String
    let givenName: String
    let email: String
    let sourceID: String
    let sourceType: String
    let distinguishedName: String
    let department: String
    let jobTitle: String
    let attributes: [(key: String, value: String)]
    let memberOf: [String]
    let tags: [String]
    let created: String

    /// Lower-cased attribute name → values, the view an LDAP filter sees.
    let filterAttributes: [String: [String]]

    init(index: Int, id: String, principal: String, fullName: String, givenName: String, email: String,
         sourceID: String, sourceType: String, distinguishedName: String, department: String, jobTitle: String,
         attributes: [(key: String, value: String)], memberOf: [String], tags: [String], created: String) {
        self.index = index
        self.id = id
        self.principal = principal
        self.fullName = fullName
        self.givenName = givenName
        self.email = email
        self.sourceID = sourceID
        self.sourceType = sourceType
        self.distinguishedName = distinguishedName
        self.department = department
        self.jobTitle = jobTitle
        self.attributes = attributes
        self.memberOf = memberOf
        self.tags = tags
        self.created = created
        var map: [String: [String]] = [:]
        func add(_ key: String, _ value: String) {
            guard !value.isEmpty else { return }
            map[key.lowercased(), default: []].append(value)
        }
        add("id", id)
        add("principal", principal)
        add("username", principal)
        add("uid", principal)
        add("full_name", fullName)
        add("displayName", fullName)
        add("given_name", givenName)
        add("email", email)
        add("mail", email)
        add("source", sourceID)
        add("source_type", sourceType)
        add("distinguished_name", distinguishedName)
        add("dn", distinguishedName)
        add("department", department)
        add("job_title", jobTitle)
        add("title", jobTitle)
        for tag in tags { add("tags", tag) }
        for group in memberOf { add("memberOf", group) }
        for attribute in attributes { add(attribute.key, attribute.value) }
        filterAttributes = map
    }

    /// The PrivX user object, in the shape real servers send from `/users/search` and the members list
    /// (Tests/RealPrivXCorpus/bat_search_page_0.json): `roles` and `permissions` null, an `mfa` object and the
    /// oddly cased `RefreshTimestamp`.
    var json: SimulatorJSON {
        .object([
            "id": .string(id),
            "source_user_id": .string(id),
            "principal": .string(principal),
            "full_name": .string(fullName),
            "given_name": .string(givenName),
            "email": .string(email),
            "source": .string(sourceID),
            "source_type": .string(sourceType),
            "distinguished_name": .string(distinguishedName),
            "department": .string(department),
            "job_title": .string(jobTitle),
            "roles": .null,
            "permissions": .null,
            // The directory's group memberships go in the documented `attributes` list ({key, value}, one entry per
            // group; ../shared/seeds/001_*, the users example), so the evaluate inspector can show why a
            // `(memberOf=…)` rule maps a user. Real AD-backed servers are not captured here: the shape is the
            // documented one, the key is the LDAP attribute the rules name.
            "attributes": .array((attributes + memberOf.map { ("memberOf", $0) }).map {
                .object(["key": .string($0.key), "value": .string($0.value)])
            }),
            "tags": .array(tags.map { .string($0) }),
            "created": .string(created),
            "updated": .string(created),
            "mfa": ["seed": .object([:]), "mobile_mfa_status": ""],
            "RefreshTimestamp": "1720647628",
        ])
    }

    /// An API client as `GET /users/{id}` shows it (the `API-CLIENT` item of the captured search page): its id is
    /// also its principal, and `full_name` is the client's name.
    static func apiClientJSON(id: String, name: String, sourceID: String) -> SimulatorJSON {
        .object([
            "id": .string(id), "source_user_id": .string(id), "created": "2024-07-08T17:27:26.178110397Z",
            "principal": .string(id), "source": .string(sourceID), "source_type": "API-CLIENT",
            "roles": .null, "attributes": [], "permissions": .null, "full_name": .string(name),
            "mfa": ["seed": .object([:]), "mobile_mfa_status": ""], "RefreshTimestamp": "1720647628",
        ])
    }
}

/// A directory users come from (LOCAL, AD, AWS), as `GET /sources` shows it.
struct DirectorySource: Sendable {
    let id: String
    let name: String
    let type: String
    let ttl: Int
    let comment: String
    let connection: SimulatorJSON
    let created: String

    var json: SimulatorJSON {
        .object([
            "id": .string(id), "name": .string(name), "ttl": .int(ttl), "enabled": .bool(true),
            "comment": .string(comment), "connection": connection, "created": .string(created),
            "updated": .string(created), "tags": .array([]),
        ])
    }
}

/// A fixed-size set of user indices: rule evaluation is set algebra over the directory.
struct UserSet: Sendable, Equatable {
    private(set) var words: [UInt64]

    init(capacity: Int) { words = Array(repeating: 0, count: (capacity + 63) / 64) }

    static func all(_ capacity: Int) -> UserSet {
        var set = UserSet(capacity: capacity)
        for index in 0..<capacity { set.insert(index) }
        return set
    }

    mutating func insert(_ index: Int) { words[index >> 6] |= 1 << UInt64(index & 63) }
    func contains(_ index: Int) -> Bool { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }
    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    func union(_ other: UserSet) -> UserSet {
        var result = self
        for index in result.words.indices { result.words[index] |= other.words[index] }
        return result
    }

    func intersection(_ other: UserSet) -> UserSet {
        var result = self
        for index in result.words.indices { result.words[index] &= other.words[index] }
        return result
    }

    /// Members in index order.
    var indices: [Int] {
        var out: [Int] = []
        for (wordIndex, word) in words.enumerated() where word != 0 {
            for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 { out.append(wordIndex * 64 + bit) }
        }
        return out
    }
}
