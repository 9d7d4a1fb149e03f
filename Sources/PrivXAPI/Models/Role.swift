/// A PrivX role held as its whole server document, so `updateRole` sends back every key the server
/// sent (unknown ones included) with only the edited fields changed. A role read from a list keeps
/// the server's bytes (a slice of the page, about 900 bytes) and decodes a value only when asked,
/// instead of a tree of strings and boxes (about 3.5 KB); the first edit turns it into a tree.
public struct Role: DocumentBacked, Identifiable {
    /// The server's bytes of one validated JSON object, or the decoded (and possibly edited) tree.
    enum Storage: Sendable {
        case raw(ArraySlice<UInt8>)
        case tree(JSONObject)
    }

    var storage: Storage

    /// The whole document: decoded from the server's bytes on each read, so callers that need many
    /// keys should read it once; writing it makes the role a tree from then on.
    public var document: JSONObject {
        get {
            switch storage {
            case .tree(let object): return object
            case .raw(let bytes): return (try? JSONParser.parse(bytes))?.objectValue ?? JSONObject()
            }
        }
        set { storage = .tree(newValue) }
    }

    public init(document: JSONObject) { storage = .tree(document) }

    /// A role kept as the server's bytes of one JSON object (validated here); `nil` if they are not one.
    public init?(json bytes: ArraySlice<UInt8>) {
        guard RawJSON.isObject(bytes) else { return nil }
        storage = .raw(bytes)
    }

    /// A role over bytes the caller already validated as one JSON object (a slice of a parsed page).
    init(validatedJSON bytes: ArraySlice<UInt8>) { storage = .raw(bytes) }

    /// True while the role is still the server's bytes (not decoded into a tree by an edit).
    public var isRaw: Bool {
        if case .raw = storage { return true }
        return false
    }

    /// The role as compact JSON text: the server's own bytes while the role is raw (nothing decoded or
    /// re-encoded, which is what lets `roles list --json` write 100 000 roles at copy speed), else the
    /// tree encoded. Server bytes that are not valid UTF-8 are re-encoded as the tree reader repairs them
    /// (U+FFFD), so the result is always a valid JSON object.
    public var jsonBytes: ArraySlice<UInt8> {
        switch storage {
        case .raw(let bytes):
            if UTF8Validation.isValid(bytes) { return bytes }
            return ArraySlice(JSONSerializer.bytes(json))
        case .tree(let object):
            return ArraySlice(JSONSerializer.bytes(.object(object)))
        }
    }

    /// One top-level member, decoding only its value when the role is raw.
    public func member(_ key: String) -> JSONValue? {
        switch storage {
        case .tree(let object): return object[key]
        case .raw(let bytes): return RawJSON.member(key, in: bytes)
        }
    }

    /// A tree-backed copy holding only `keys` (in document order), read in one pass: a list row that
    /// needs ten fields pays for one scan instead of ten.
    public func keeping(_ keys: [String]) -> Role {
        switch storage {
        case .tree(let object):
            return Role(document: JSONObject(members: object.members.filter { keys.contains($0.key) }))
        case .raw(let bytes):
            var members: [JSONMember] = []
            RawJSON.forEachMember(of: bytes, named: keys) { key, value in
                members.removeAll { $0.key == key }
                members.append(JSONMember(key: key, value: value))
            }
            return Role(document: JSONObject(members: members))
        }
    }

    /// Same document (raw bytes equal, or equal trees).
    public static func == (lhs: Role, rhs: Role) -> Bool {
        if case .raw(let a) = lhs.storage, case .raw(let b) = rhs.storage, a.elementsEqual(b) { return true }
        return lhs.document == rhs.document
    }

    /// Hashes the id only (equal documents have equal ids), so hashing never decodes the whole role.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
    }

    /// A new role with the two required fields; `sourceRules` defaults to a group that maps nobody.
    public init(name: String, sourceRules: SourceRule = .group()) {
        storage = .tree(JSONObject())
        self.name = name
        self.sourceRules = sourceRules
    }

    /// The server id (empty for a role not yet created).
    public var id: String {
        get { string("id") ?? "" }
        set { setString("id", newValue.isEmpty ? nil : newValue) }
    }
    /// The role name (unique on the server).
    public var name: String {
        get { string("name") ?? "" }
        set { setString("name", newValue) }
    }
    /// Free-text comment; `nil` removes the key.
    public var comment: String? {
        get { string("comment") }
        set { setString("comment", newValue) }
    }
    /// Granted permissions; an open set, unknown values are kept.
    public var permissions: [String] {
        get { strings("permissions") }
        set { setStrings("permissions", newValue) }
    }
    /// Free-form tags.
    public var tags: [String] {
        get { strings("tags") }
        set { setStrings("tags", newValue) }
    }
    /// The access group the role belongs to.
    public var accessGroupID: String? {
        get { string("access_group_id") }
        set { setString("access_group_id", newValue) }
    }
    /// Whether the role permits agent connections.
    public var permitAgent: Bool? {
        get { bool("permit_agent") }
        set { setBool("permit_agent", newValue) }
    }
    /// Who is a mapped member; `nil` when the server sent none.
    public var sourceRules: SourceRule? {
        get { member("source_rules")?.objectValue.map(SourceRule.init(document:)) }
        set { document["source_rules"] = newValue.map(\.json) }
    }
    /// The contextual limitation; `nil` when the server sent none.
    public var context: RoleContext? {
        get { member("context")?.objectValue.map(RoleContext.init(document:)) }
        set { document["context"] = newValue.map(\.json) }
    }
    /// True for built-in roles (`privx-admin`, `privx-user`).
    public var system: Bool { bool("system") ?? false }
    /// Creation time as sent (absent on built-in roles).
    public var created: String? { string("created") }
    /// Last update time as sent.
    public var updated: String? { string("updated") }
    /// Who created the role.
    public var author: String? { string("author") }
    /// Who last updated the role; the server sends `updatedby`, the docs say `updated_by`.
    public var updatedBy: String? { string("updatedby") ?? string("updated_by") }
    /// Number of members (mapped and explicit).
    public var memberCount: Int? { int("member_count") }
    /// Number of explicitly granted members.
    public var explicitCount: Int? { int("explicit_count") }
    /// Opaque role type as sent.
    public var type: String? { string("type") }
    /// Whether the server marked the role deleted.
    public var deleted: Bool { bool("deleted") ?? false }
}
