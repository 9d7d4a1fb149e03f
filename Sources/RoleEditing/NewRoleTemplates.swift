import PrivXAPI

/// Starting documents for a new role and for a copy, so create and duplicate go through the same form.
public enum NewRoleTemplates {
    /// Keys the server owns; a copy must not carry them.
    static let serverKeys = ["id", "created", "updated", "updatedby", "updated_by", "author", "member_count",
                             "explicit_count", "system", "deleted", "deleted_by", "type"]

    /// A new role: an empty ANY group (maps nobody), context disabled with the masks PrivX uses for any address.
    public static func blank() -> Role {
        var role = Role(name: "", sourceRules: .group())
        var context = RoleContext(document: JSONObject())
        context.enabled = false
        context.blockRole = true
        context.validity = []
        context.startTime = "00:00"
        context.endTime = "00:00"
        context.timezone = "UTC"
        context.ipMasks = ContextSchedule.anyAddress.sorted()
        role.context = context
        role.permissions = []
        return role
    }

    /// A copy of `role` without its server-owned keys, named `<name>-copy`, or `<name>-copy-2`, `-copy-3`… when
    /// that name is `taken` (compared without case: PrivX refuses a second role of the same name, and whether it
    /// tells names apart by case is not documented, so a free name is picked either way). The person can rename it.
    public static func copy(of role: Role, taken: Set<String> = []) -> Role {
        var document = role.document
        for key in serverKeys { document[key] = nil }
        var copy = Role(document: document)
        copy.name = freeName(role.name + "-copy", taken: taken)
        return copy
    }

    /// `base`, or `base-2`, `base-3`… whichever is not in `taken` first (without case).
    public static func freeName(_ base: String, taken: Set<String>) -> String {
        let used = Set(taken.map { $0.lowercased() })
        guard used.contains(base.lowercased()) else { return base }
        var number = 2
        while used.contains("\(base)-\(number)".lowercased()) { number += 1 }
        return "\(base)-\(number)"
    }
}
