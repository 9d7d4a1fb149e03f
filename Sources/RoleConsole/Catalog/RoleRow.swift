import Foundation
import PrivXAPI

/// A role as the roles table shows it, computed once when the data arrives.
public struct RoleRow: CatalogRow {
    /// The role itself (the detail pane reads it).
    public let role: Role
    public let id: String
    public let cells: [String]
    public let search: SearchKey
    let memberCount: Int
    let permissionCount: Int
    let schedule: ContextSchedule?

    /// The table's columns.
    public static let columnTitles = ["Name", "Perms", "Members", "Context", "Tags", "Updated"]
    /// The `key:` fields the roles filter knows.
    public static let filterFields: Set<String> = ["perm", "tag", "ctx", "name", "system"]

    /// Builds the row; `system` roles get a `[sys]` mark beside the name.
    public init(role: Role) {
        self.role = role
        id = role.id
        let context = role.context
        schedule = context.map(ContextSchedule.init(context:))
        memberCount = role.memberCount ?? 0
        permissionCount = role.permissions.count
        let contextText = schedule?.summary ?? "always"
        cells = [
            role.system ? role.name + " [sys]" : role.name,
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

    /// Counts sort as numbers, the name case-insensitively, other columns by their text.
    public func sortValue(_ column: Int) -> SortValue {
        switch column {
        case 1: .number(permissionCount)
        case 2: .number(memberCount)
        case 0: .text(role.name.lowercased())
        default: .text(column < cells.count ? cells[column].lowercased() : "")
        }
    }

    /// `2026-11-20T14:02:33Z` as `2026-11-20 14:02`.
    static func shortTime(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "–" }
        return String(value.prefix(16)).replacingOccurrences(of: "T", with: " ")
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
