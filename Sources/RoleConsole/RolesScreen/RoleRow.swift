import Foundation
import PrivXAPI
import RoleEditing

/// A role as the roles table shows it, computed once when the data arrives.
public struct RoleRow: CatalogRow {
    /// The role itself (the detail pane reads it).
    public let role: Role
    public let id: String
    public let cells: [String]
    public let search: SearchKey
    let memberCount: Int
    let permissionCount: Int
    /// The role's context as a schedule (read from the role when the detail pane needs it, not kept per row).
    var schedule: ContextSchedule? { role.context.map(ContextSchedule.init(context:)) }
    /// A built-in role (its name cell carries `systemMark`).
    let isSystem: Bool
    static let systemMark = " [sys]"

    /// The table's columns.
    public static let columnTitles = ["Name", "Perms", "Members", "Context", "Tags", "Updated"]
    /// The `key:` fields the roles filter knows.
    public static let filterFields: Set<String> = ["perm", "tag", "ctx", "name", "system"]

    /// Builds the row; `system` roles get a `[sys]` mark beside the name.
    public init(role full: Role) {
        self.role = full
        // One pass over the server's bytes for every field the row needs.
        let role = full.keeping(Self.listKeys)
        id = role.id
        isSystem = role.system
        let context = role.context
        let schedule = context.map(ContextSchedule.init(context:))
        memberCount = role.memberCount ?? 0
        permissionCount = role.permissions.count
        let contextText = schedule?.summary ?? "always"
        cells = [
            role.system ? role.name + Self.systemMark : role.name,
            String(permissionCount),
            role.memberCount.map(String.init) ?? "–",
            contextText,
            role.tags.joined(separator: ","),
            String(Self.shortTime(role.updated).prefix(10)),
        ]
        search = SearchKey(text: [role.name, role.comment ?? ""] + role.tags, fields: [
            "perm": role.permissions, "tag": role.tags, "name": [role.name],
            "ctx": [(context?.enabled ?? false) ? "on" : "off"], "system": [role.system ? "yes" : "no"],
        ])
    }

    /// The document keys the row reads.
    static let listKeys = ["id", "name", "comment", "permissions", "tags", "system", "member_count", "updated", "context"]

    /// Counts sort as numbers, the name case-insensitively, other columns by their text.
    public func sortValue(_ column: Int) -> SortValue {
        switch column {
        case 1: .number(permissionCount)
        case 2: .number(memberCount)
        case 0: .text(isSystem ? String(cells[0].dropLast(Self.systemMark.count)).lowercased() : cells[0].lowercased())
        default: .text(column < cells.count ? cells[column].lowercased() : "")
        }
    }

    /// `2026-11-20T14:02:33Z` as `2026-11-20 14:02`.
    static func shortTime(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "–" }
        return String(value.prefix(16).map { $0 == "T" ? " " : $0 })
    }
}

extension ContextSchedule {
    /// The schedule of a role's context document.
    public init(context: RoleContext) {
        self.init(enabled: context.enabled, blockRole: context.blockRole, validity: context.validity,
                  startTime: context.startTime, endTime: context.endTime, timeZone: context.timezone,
                  ipMasks: context.ipMasks)
    }
}
