import PrivXAPI
import RoleConsole

/// `--filter` of the headless list commands: the console's `/` language (`FilterQuery`), matched against
/// the very search key the console's table row builds (`RoleRow.search`, `AWSRoleRow.search`), so a filter
/// typed in the console and given to a script selects the same rows.
enum ListFilter {
    /// What every `--filter` help says (the words and qualifiers of the console's `/`).
    static let roleHelp = """
        Only roles matching TEXT, the console's / filter: words match name, comment and tags; perm:, tag:, ctx:on|off, \
        name:, system:yes|no match a field by prefix; ! negates a term; all terms must hold (case-insensitive).
        """
    static let awsRoleHelp = """
        Only AWS roles matching TEXT, the console's / filter: words match name, ARN, description and mapped roles; \
        status:, account:, role:, path:, name: match a field by prefix; ! negates a term; all terms must hold.
        """

    /// The parsed roles filter, or nil when there is none (no text, or only blanks).
    static func roles(_ text: String?) -> FilterQuery? {
        query(text, fields: RoleRow.filterFields)
    }

    /// The parsed AWS roles filter, or nil when there is none.
    static func awsRoles(_ text: String?) -> FilterQuery? {
        query(text, fields: AWSRoleRow.filterFields)
    }

    /// Whether `role` passes: the console's row for it, matched as the console matches it.
    static func matches(_ query: FilterQuery, _ role: Role) -> Bool {
        query.matches(RoleRow(role: role).search)
    }

    /// Whether `awsRole` passes.
    static func matches(_ query: FilterQuery, _ awsRole: AWSRole) -> Bool {
        query.matches(AWSRoleRow(awsRole: awsRole).search)
    }

    private static func query(_ text: String?, fields: Set<String>) -> FilterQuery? {
        guard let text else { return nil }
        let query = FilterQuery(text, fields: fields)
        return query.isEmpty ? nil : query
    }
}
