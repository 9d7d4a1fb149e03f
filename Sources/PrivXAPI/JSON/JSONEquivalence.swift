/// Equality as JSON means it: object key order does not matter (a server may store and send back
/// keys in another order than they were written), array order and number text do.
extension JSONValue {
    /// True when both values are the same JSON, ignoring the order of object keys.
    public func isEquivalent(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        case (.object(let a), .object(let b)):
            return a.isEquivalent(to: b)
        default:
            return self == other
        }
    }
}

extension JSONObject {
    /// True when both objects have the same keys with equivalent values, in any order.
    public func isEquivalent(to other: JSONObject) -> Bool {
        guard count == other.count else { return false }
        return members.allSatisfy { member in other[member.key].map { member.value.isEquivalent(to: $0) } ?? false }
    }
}

extension Optional where Wrapped: DocumentBacked {
    /// True when both are absent or both hold equivalent documents.
    public func isEquivalent(to other: Wrapped?) -> Bool {
        switch (self, other) {
        case (nil, nil): return true
        case (let a?, let b?): return a.document.isEquivalent(to: b.document)
        default: return false
        }
    }
}
