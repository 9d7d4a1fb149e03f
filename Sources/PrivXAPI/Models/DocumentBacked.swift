/// A model that is its server JSON document plus typed accessors; keeping the document whole is what
/// lets an update send back keys this client does not know.
public protocol DocumentBacked: Sendable, Hashable {
    /// The whole JSON object as the server sent it, edits applied in place.
    var document: JSONObject { get set }
    /// Wraps a document without validating it (every field is optional on the wire).
    init(document: JSONObject)
    /// One top-level member; a model kept as raw bytes reads just that value instead of the whole tree.
    func member(_ key: String) -> JSONValue?
}

extension DocumentBacked {
    /// The document as a `JSONValue`, for encoding.
    public var json: JSONValue { .object(document) }

    /// Reads the member from the document tree.
    public func member(_ key: String) -> JSONValue? { document[key] }

    func string(_ key: String) -> String? { member(key)?.stringValue }

    func strings(_ key: String) -> [String] { member(key)?.stringArray ?? [] }

    func bool(_ key: String) -> Bool? { member(key)?.boolValue }

    func int(_ key: String) -> Int? { member(key)?.intValue }

    mutating func setString(_ key: String, _ value: String?) {
        document[key] = value.map(JSONValue.string)
    }

    mutating func setStrings(_ key: String, _ value: [String]) {
        document[key] = .array(value.map(JSONValue.string))
    }

    mutating func setBool(_ key: String, _ value: Bool?) {
        document[key] = value.map(JSONValue.bool)
    }
}

/// A `{id, name}` reference to a PrivX role, as used in AWS-role mappings and user role lists.
public struct RoleRef: DocumentBacked, Identifiable {
    public var document: JSONObject
    public init(document: JSONObject) { self.document = document }

    /// A reference with just the two keys the server needs.
    public init(id: String, name: String) {
        document = JSONObject(["id": .string(id), "name": .string(name)])
    }

    /// The role's id (empty when the server left it out).
    public var id: String { string("id") ?? "" }
    /// The role's name (empty when the server left it out).
    public var name: String { string("name") ?? "" }
}

extension JSONValue {
    /// The objects inside an array, skipping `null` and non-objects (servers send `null` for empty lists).
    var objectItems: [JSONObject] {
        arrayValue?.compactMap(\.objectValue) ?? []
    }
}
