/// Role ids kept sorted by (lower-cased name, id), updated in place on writes so pages never sort.
struct RoleIndex: Sendable {
    struct Entry: Sendable, Comparable {
        let key: String
        let id: String
        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.key != rhs.key ? lhs.key < rhs.key : lhs.id < rhs.id
        }
    }

    private(set) var entries: [Entry] = []

    init(_ pairs: [(id: String, name: String)]) {
        entries = pairs.map { Entry(key: Self.key($0.name), id: $0.id) }.sorted()
    }

    static func key(_ name: String) -> String { name.lowercased() }

    var ids: [String] { entries.map(\.id) }
    var count: Int { entries.count }

    mutating func insert(id: String, name: String) {
        let entry = Entry(key: Self.key(name), id: id)
        entries.insert(entry, at: position(of: entry))
    }

    mutating func remove(id: String, name: String) {
        let entry = Entry(key: Self.key(name), id: id)
        let index = position(of: entry)
        if index < entries.count, entries[index] == entry { entries.remove(at: index) }
    }

    /// Entries in the half-open range of positions, ascending.
    subscript(range: Range<Int>) -> ArraySlice<Entry> { entries[range] }

    private func position(of entry: Entry) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid] < entry { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
