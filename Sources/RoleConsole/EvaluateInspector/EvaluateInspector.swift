import PrivXAPI
import TerminalUI

/// What `/roles/evaluate` said about a definition: who it would map, and against the role's current
/// members who would gain and who would lose it. Shown before saving, so a change's reach is known.
/// A component: it is opened by the `evaluated` result, owns its list and detail toggle, and its key
/// entries (`EvaluateInspectorKeys`) act on it; ↑/↓ and paging go to `key`.
public struct EvaluateInspector: ConsoleComponent {
    /// The role the definition belongs to (as named in the form).
    public var roleName: String
    /// The server's total of matching users.
    public var count: Int
    /// The matching users; nil when the server sent only the count (too many to list).
    public var users: [User]?
    /// The role's current members (nil for a role not yet saved).
    public var members: [User]?
    public var table = TableState()
    /// True while one user's detail is open.
    public var showingDetail = false
    /// The first line of the user's detail shown (↑/↓ scroll it; the view clamps).
    public var detailOffset = 0
    /// The mapping rules evaluated (the detail marks the attributes their terms look at).
    public var rules: SourceRule?

    /// An inspector over one evaluation of `rules`.
    public init(roleName: String, count: Int, users: [User]?, members: [User]?, rules: SourceRule? = nil) {
        self.roleName = roleName
        self.count = count
        self.users = users
        self.members = members
        self.rules = rules
    }

    /// Asks the server whom `role` maps, as the one evaluation operation (a second request while it runs
    /// is refused with a notice); with `membersOf`, the role's members come too, for gain/lose.
    static func start(_ role: Role, membersOf: String?, _ context: inout ConsoleContext) -> [Effect] {
        let effects = context.begin(.evaluation, .evaluate(role, membersOf: membersOf))
        if !effects.isEmpty { context.post(.info, "Evaluating \(role.name)…", seconds: 3) }
        return effects
    }

    /// A key no entry binds: the list of users moves (a page is the height last drawn; the view clamps the offset).
    mutating func key(_ key: Key, _ context: inout ConsoleContext) -> [Effect] {
        if showingDetail {
            switch key {
            case .down, .character("j"): detailOffset += 1
            case .up, .character("k"): detailOffset = max(0, detailOffset - 1)
            case .pageDown, .character(" "): detailOffset += 10
            case .pageUp: detailOffset = max(0, detailOffset - 10)
            default: break
            }
            return []
        }
        let rows = self.rows
        _ = table.apply(key, rowCount: rows.count, identity: { rows.indices.contains($0) ? rows[$0].user.id : "" })
        return []
    }

    /// The inspector takes no result messages once open (a new evaluation opens a new inspector).
    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect] { [] }

    /// True when the server sent only the count.
    public var isCountOnly: Bool { users == nil }

    /// Users who would get the role and do not have it now.
    public var gaining: [User] {
        guard let users, let members else { return [] }
        let now = Set(members.map(\.id))
        return users.filter { !now.contains($0.id) }
    }

    /// Current mapped members the definition would no longer map (explicit grants keep the role).
    public var losing: [User] {
        guard let users, let members else { return [] }
        let after = Set(users.map(\.id))
        return members.filter { !after.contains($0.id) && $0.document["explicit"]?.boolValue != true }
    }

    /// The headline: count, and the gain/lose difference when it can be told.
    public var summary: String {
        let noun = count == 1 ? "user" : "users"
        if isCountOnly {
            return "\(count) \(noun) would match: too many to list (count only)."
        }
        guard let members else { return "\(count) \(noun) would match (a new role: everyone listed gains it)." }
        return "\(count) \(noun) would match · \(gaining.count) would gain the role, \(losing.count) would lose it (of \(members.count) current members)."
    }

    /// The listed users: gainers and losers marked, losers last (for a new role everyone listed gains it).
    public var rows: [(mark: String, user: User)] {
        guard let users else { return [] }
        guard members != nil else { return users.map { ("+", $0) } }
        let gain = Set(gaining.map(\.id))
        return users.map { (gain.contains($0.id) ? "+" : " ", $0) } + losing.map { ("\u{2212}", $0) }
    }

    /// The selected user's detail (nil when no user is selected).
    func detail(sourceNames: [String: String]) -> UserDetail? {
        let rows = self.rows
        guard rows.indices.contains(table.selected) else { return nil }
        let (mark, user) = rows[table.selected]
        let source = user.source.map { sourceNames[$0] ?? $0 } ?? ""
        return UserDetail(user: user, mark: mark, isNewRole: members == nil, sourceName: source, rules: rules)
    }

    /// A user's department, from the field or the attributes.
    public static func department(_ user: User) -> String {
        if let value = user.document["department"]?.stringValue { return value }
        return attributes(user).first { $0.key == "department" }?.value ?? ""
    }

    /// A user's directory attributes as key/value pairs.
    public static func attributes(_ user: User) -> [(key: String, value: String)] {
        (user.document["attributes"]?.arrayValue?.compactMap(\.objectValue) ?? []).compactMap { item in
            guard let key = item["key"]?.stringValue else { return nil }
            return (key, item["value"]?.stringValue ?? "")
        }
    }
}
