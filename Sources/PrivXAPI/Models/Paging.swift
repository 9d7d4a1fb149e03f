/// Which slice of a list to fetch; the server's default limit is 50, so this always sends one.
public struct PageRequest: Sendable, Hashable {
    /// Sort direction, upper case on the wire.
    public enum SortDirection: String, Sendable, Hashable {
        case ascending = "ASC"
        case descending = "DESC"
    }
    /// The largest page the server serves.
    public static let maximumLimit = 1000

    public var offset: Int
    public var limit: Int
    public var sortKey: String?
    public var sortDirection: SortDirection?

    /// A page; `limit` is clamped to 1...1000.
    public init(offset: Int = 0, limit: Int = PageRequest.maximumLimit, sortKey: String? = nil,
                sortDirection: SortDirection? = nil) {
        self.offset = max(0, offset)
        self.limit = min(max(1, limit), PageRequest.maximumLimit)
        self.sortKey = sortKey
        self.sortDirection = sortDirection
    }

    var queryItems: [(String, String)] {
        var items = [("offset", String(offset)), ("limit", String(limit))]
        if let sortKey { items.append(("sortkey", sortKey)) }
        if let sortDirection { items.append(("sortdir", sortDirection.rawValue)) }
        return items
    }
}

/// One page of a list: `count` is the server's total number of matches, not the page size.
public struct Page<Item: Sendable>: Sendable {
    public var count: Int
    public var items: [Item]
    /// A page of items with the total count.
    public init(count: Int, items: [Item]) {
        self.count = count
        self.items = items
    }
}

/// The result of a dry-run evaluation: how many users a rule set maps, and who, unless there are
/// too many for the server to list (then `users` is `nil`).
public struct EvaluateResult: Sendable {
    public var count: Int
    public var users: [User]?
    /// True when the server only sent the count.
    public var isCountOnly: Bool { users == nil }
    /// A result; pass `nil` users for the count-only case.
    public init(count: Int, users: [User]?) {
        self.count = count
        self.users = users
    }
}
