/// A JSON value that keeps a server document exactly as sent (object key order and number text),
/// so a role can be sent back with only the edited keys changed.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number's literal text, kept verbatim so a round trip does not reformat it.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Builds a number from an integer.
    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    /// Builds a number from a floating point value.
    public static func double(_ value: Double) -> JSONValue {
        if value.rounded() == value, abs(value) < 1e15 { return .number(String(Int(value))) }
        return .number(String(value))
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The boolean, when this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The number as an integer, when this is a number that fits one.
    public var intValue: Int? {
        switch self {
        case .number(let text):
            if let i = Int(text) { return i }
            if let d = Double(text), d.rounded() == d, abs(d) < 9e18 { return Int(d) }
            return nil
        case .string(let text): return Int(text)
        default: return nil
        }
    }

    /// The number as a double, when this is a number.
    public var doubleValue: Double? {
        switch self {
        case .number(let text): return Double(text)
        default: return nil
        }
    }

    /// The array, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The object, when this is an object.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// True for JSON `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// An array of strings, skipping non-string items; `nil` for anything but an array.
    public var stringArray: [String]? {
        arrayValue?.compactMap(\.stringValue)
    }

    /// A member of an object by key (nil for other kinds).
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

/// One key and its value inside a `JSONObject`.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValue
    /// Pairs a key with its value.
    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A JSON object that remembers key order, so a document re-encodes in the order the server sent it.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// The members in document order.
    public private(set) var members: [JSONMember]

    /// An empty object.
    public init() { members = [] }

    /// An object from key/value pairs, in the given order.
    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        members = pairs.map { JSONMember(key: $0.key, value: $0.value) }
    }

    /// An object from members, in the given order.
    public init(members: [JSONMember]) { self.members = members }

    /// The keys in document order.
    public var keys: [String] { members.map(\.key) }

    /// The number of members.
    public var count: Int { members.count }

    /// Reads a member; writing replaces the value in place (keeping its position), appends a new key
    /// at the end, and `nil` removes the key.
    public subscript(key: String) -> JSONValue? {
        get { members.last(where: { $0.key == key })?.value }
        set {
            if let newValue {
                if let index = members.lastIndex(where: { $0.key == key }) {
                    members[index].value = newValue
                } else {
                    members.append(JSONMember(key: key, value: newValue))
                }
            } else {
                members.removeAll { $0.key == key }
            }
        }
    }

    /// Iterates the members in document order.
    public func makeIterator() -> IndexingIterator<[JSONMember]> { members.makeIterator() }
}
