import PrivXAPI

/// The field-level difference between two role documents, for the plan of `roles apply` and the summary of
/// `roles update`: one line per changed leaf (`context.start_time`), lists of strings as `+added −removed`.
/// Key order never counts as a change (a server may send keys in another order than they were written).
public enum DocumentDiff {
    /// One changed field: its path, and the values before and after as compact JSON (nil when absent).
    public struct Change: Sendable, Hashable {
        public var path: String
        public var before: JSONValue?
        public var after: JSONValue?

        public init(path: String, before: JSONValue?, after: JSONValue?) {
            self.path = path
            self.before = before
            self.after = after
        }

        /// `"08:00" → "09:00"`, `+roles-view −users-view`, `(absent) → "x"`; long values are cut to `limit` characters.
        public func describe(limit: Int = 100) -> String {
            if let old = before?.stringArray, let new = after?.stringArray,
               old.count == before?.arrayValue?.count, new.count == after?.arrayValue?.count {
                let added = new.filter { !old.contains($0) }
                let removed = old.filter { !new.contains($0) }
                if !added.isEmpty || !removed.isEmpty {
                    return (added.map { "+" + $0 } + removed.map { "\u{2212}" + $0 }).joined(separator: " ")
                }
                let reordered = old.sorted() == new.sorted()
                return Self.text(before, limit: limit) + " \u{2192} " + Self.text(after, limit: limit) + (reordered ? " (order)" : "")
            }
            return Self.text(before, limit: limit) + " \u{2192} " + Self.text(after, limit: limit)
        }

        static func text(_ value: JSONValue?, limit: Int) -> String {
            guard let value else { return "(absent)" }
            let text = JSONSerializer.string(value)
            return text.count > limit ? String(text.prefix(limit - 1)) + "\u{2026}" : text
        }
    }

    /// The changed leaves from `before` to `after`, in `before`'s key order then the new keys; nested objects are
    /// walked, arrays and scalars compared whole.
    public static func changes(from before: JSONObject, to after: JSONObject, prefix: String = "") -> [Change] {
        var out: [Change] = []
        var seen: Set<String> = []
        for key in before.keys + after.keys where seen.insert(key).inserted {
            let old = before[key], new = after[key]
            let path = prefix.isEmpty ? key : prefix + "." + key
            switch (old, new) {
            case (let a?, let b?) where a.isEquivalent(to: b):
                continue
            case (.object(let a)?, .object(let b)?):
                out += changes(from: a, to: b, prefix: path)
            default:
                out.append(Change(path: path, before: old, after: new))
            }
        }
        return out
    }
}
