/// One node of a role's `source_rules` tree: a GROUP combining children with ANY/ALL, or a RULE
/// selecting users of one directory with an LDAP-style filter. Unknown keys are kept.
public struct SourceRule: DocumentBacked {
    public var document: JSONObject
    public init(document: JSONObject) { self.document = document }

    /// A GROUP node; `match` is "ANY" (OR) or "ALL" (AND).
    public static func group(match: String = "ANY", rules: [SourceRule] = []) -> SourceRule {
        SourceRule(document: JSONObject([
            "type": .string("GROUP"), "match": .string(match), "rules": .array(rules.map(\.json)),
        ]))
    }

    /// A RULE node selecting the users of directory `source` that match `searchString`.
    public static func rule(source: String, searchString: String) -> SourceRule {
        SourceRule(document: JSONObject([
            "type": .string("RULE"), "source": .string(source), "search_string": .string(searchString),
            "rules": .array([]),
        ]))
    }

    /// "GROUP" or "RULE" (other values are kept as sent).
    public var type: String {
        get { string("type") ?? "" }
        set { setString("type", newValue) }
    }
    /// True for a GROUP node.
    public var isGroup: Bool { type.uppercased() == "GROUP" }
    /// "ANY" or "ALL" for groups.
    public var match: String? {
        get { string("match") }
        set { setString("match", newValue) }
    }
    /// The directory (source) id for a RULE.
    public var source: String? {
        get { string("source") }
        set { setString("source", newValue) }
    }
    /// The LDAP-style filter for a RULE, e.g. `(cn=alice)`.
    public var searchString: String? {
        get { string("search_string") }
        set { setString("search_string", newValue) }
    }
    /// The child nodes (a `null` list reads as empty).
    public var rules: [SourceRule] {
        get { document["rules"]?.objectItems.map(SourceRule.init(document:)) ?? [] }
        set { document["rules"] = .array(newValue.map(\.json)) }
    }

    /// True when the tree maps nobody (an empty group or no rule anywhere).
    public var mapsNobody: Bool {
        isGroup ? rules.allSatisfy(\.mapsNobody) : false
    }
}
