import Foundation
import PrivXAPI
import Synchronization

/// What `roles list` prints, in print order: every role stays the server's bytes, and only the keys the
/// output and the sort need are decoded (one pass over each role), so `--json` never decodes more than
/// the sort key and the table never builds a role's whole tree. `--filter` matches each role as the
/// console's table does (`ListFilter`), only when one is given.
struct RoleListing {
    /// Sort keys for `--sort`.
    enum SortKey: String, CaseIterable, Sendable {
        case name, members, permissions, updated, created

        /// The document key it sorts by besides the name.
        var documentKey: String? {
            switch self {
            case .name: nil
            case .members: "member_count"
            case .permissions: "permissions"
            case .updated: "updated"
            case .created: "created"
            }
        }
    }

    /// Every role, in server order, as received.
    let roles: [Role]
    /// Per role (same index): a tree of just the decoded keys.
    let fields: [Role]
    /// Indexes into `roles`, in print order, filter applied.
    let order: [Int]

    /// The document keys to decode for printing `keys` with `sort`.
    static func decodedKeys(printing keys: [String], sort: SortKey) -> [String] {
        var wanted = keys
        for key in ["name", sort.documentKey].compactMap({ $0 }) where !wanted.contains(key) {
            wanted.append(key)
        }
        return wanted
    }

    /// Decodes `keys` (plus what `sort` needs) of every role, filters and sorts.
    init(roles: [Role], printing keys: [String], filter: String?, sort: SortKey, descending: Bool) {
        let wanted = Self.decodedKeys(printing: keys, sort: sort)
        self.init(roles: roles, fields: roles.map { $0.keeping(wanted) }, filter: filter, sort: sort, descending: descending)
    }

    /// Filters and sorts roles whose keys were already decoded (`fields[i]` holds `decodedKeys` of
    /// `roles[i]`, one per role): `roles list` decodes each page while the next ones are on the wire.
    init(roles: [Role], fields: [Role], filter: String?, sort: SortKey, descending: Bool) {
        self.roles = roles
        self.fields = fields
        var selected = Array(fields.indices)
        if let query = ListFilter.roles(filter) {
            selected = selected.filter { ListFilter.matches(query, roles[$0]) }
        }
        order = Self.sorted(selected, fields: fields, by: sort, descending: descending)
    }

    /// Ascending by the key, then by name (natural order, case-insensitive), then server order; descending
    /// is the exact reverse.
    static func sorted(_ indexes: [Int], fields: [Role], by sort: SortKey, descending: Bool) -> [Int] {
        let names = NaturalOrder.keys(indexes.map { fields[$0].name })
        var numbers: [Int] = []
        var texts: [String] = []
        switch sort {
        case .name: break
        case .members: numbers = indexes.map { fields[$0].memberCount ?? 0 }
        case .permissions: numbers = indexes.map { fields[$0].permissions.count }
        case .updated: texts = indexes.map { fields[$0].updated ?? "" }
        case .created: texts = indexes.map { fields[$0].created ?? "" }
        }
        let positions = Array(indexes.indices).sorted { a, b in
            if !numbers.isEmpty, numbers[a] != numbers[b] { return numbers[a] < numbers[b] }
            if !texts.isEmpty, texts[a] != texts[b] { return texts[a] < texts[b] }
            let order = names.compare(a, b)
            return order != 0 ? order < 0 : a < b
        }
        let ascending = positions.map { indexes[$0] }
        return descending ? ascending.reversed() : ascending
    }
}

/// The decoded keys of each page of roles as it is handed over (in server order), and with `--json` each
/// role's output bytes, so the listing neither decodes nor checks every role after the last page has landed.
final class DecodedRoles: Sendable {
    private let keys: [String]
    private let preparesJSON: Bool
    private let decoded = Mutex<(fields: [Role], json: [Output.SafeJSON])>(([], []))

    init(keys: [String], json: Bool) {
        self.keys = keys
        preparesJSON = json
    }

    /// Decodes `keys` of a page's roles (and makes their JSON terminal-safe) outside the lock, and keeps
    /// them after the earlier pages.
    func add(_ page: [Role]) {
        let fields = page.map { $0.keeping(keys) }
        let json = preparesJSON ? page.map { Output.SafeJSON($0.jsonBytes) } : []
        decoded.withLock {
            $0.fields.append(contentsOf: fields)
            $0.json.append(contentsOf: json)
        }
    }

    /// Every role decoded so far, in the order the pages were added.
    var roles: [Role] { decoded.withLock { $0.fields } }

    /// With `json`: every role's output bytes so far, in the same order.
    var json: [Output.SafeJSON] { decoded.withLock { $0.json } }
}
