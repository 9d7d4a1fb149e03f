/// A PrivX role held as its whole server document, so `updateRole` sends back every key the server
/// sent (unknown ones included) with only the edited fields changed.
public struct Role: DocumentBacked, Identifiable {
    public var document: JSONObject
    public init(document: JSONObject) { self.document = document }

    /// A new role with the two required fields; `sourceRules` defaults to a group that maps nobody.
    public init(name: String, sourceRules: SourceRule = .group()) {
        document = JSONObject()
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
        get { document["source_rules"]?.objectValue.map(SourceRule.init(document:)) }
        set { document["source_rules"] = newValue.map(\.json) }
    }
    /// The contextual limitation; `nil` when the server sent none.
    public var context: RoleContext? {
        get { document["context"]?.objectValue.map(RoleContext.init(document:)) }
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
