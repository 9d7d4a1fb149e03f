import TerminalUI

/// Deterministic sample data with Latin accents, CJK, emoji and hostile escape sequences, so every
/// widget is seen with the text it will meet in production.
enum GalleryData {
    static let names = [
        "Administrators", "Développeurs réseau", "運用チーム", "🚀 Deploy bots", "Ops-Zürich", "Señores de la nube",
        "数据库管理员", "Auditors 🔍", "Støtte og drift", "Sécurité cloud", "\u{1B}[31mRED\u{1B}[0m injected", "Nuage 🇫🇮 Helsinki",
    ]
    static let sources = ["local", "AWS", "LDAP", "Azure"]

    /// The name of one generated role.
    static func name(_ index: Int) -> String { names[index % names.count] + " \(index)" }

    /// The text of one generated role row.
    static func row(_ index: Int) -> [String] {
        let name = name(index)
        let members = (index * 7919) % 500
        let source = sources[(index / 3) % sources.count]
        let state = index % 11 == 0 ? "disabled" : "enabled"
        return [name, String(members), source, state]
    }

    /// A stable identity per generated row.
    static func identity(_ index: Int) -> String { "role-\(index)" }

    static let columns = [
        TableColumn("Name", minWidth: 12, maxWidth: 40),
        TableColumn("Members", minWidth: 7, maxWidth: 8, alignment: .right),
        TableColumn("Source", minWidth: 6, maxWidth: 8),
        TableColumn("State", minWidth: 8, maxWidth: 9),
    ]

    static let detail: [DetailBlock] = [
        .section("Role"),
        .field(key: "Name", value: "Développeurs réseau 運用チーム 🚀", style: .normal),
        .field(key: "ID", value: "8c0a1f3e-5b2d-4c6e-9f10-2a3b4c5d6e7f", style: .muted),
        .field(key: "State", value: "✓ enabled", style: .ok),
        .field(key: "Permissions", value: "users-view, roles-view, roles-manage, hosts-view, connections-view, connections-manage", style: .normal),
        .blank,
        .section("Description"),
        .paragraph("Network developers in Zürich and 東京 who deploy to production. Access is limited to office hours "
            + "and to the listed source networks. Server text such as \u{1B}]0;pwned\u{07}\u{1B}[2J stays inert. "
            + "Crème brûlée, naïve façade, smørrebrød."),
        .blank,
        .section("Context"),
        .field(key: "Weekdays", value: "Mon Tue Wed Thu Fri", style: .normal),
        .field(key: "Hours", value: "08:00–18:00 Europe/Helsinki", style: .normal),
        .field(key: "Source IPs", value: "10.0.0.0/8, 192.168.10.0/24", style: .normal),
        .blank,
        .section("Mapping"),
        .field(key: "AWS role", value: "arn:aws:iam::123456789012:role/deploy-ロール", style: .warning),
        .field(key: "Source", value: "LDAP · ou=dev,dc=example,dc=com", style: .normal),
    ]

    static let tree: [TreeNode] = [
        TreeNode(id: "r1", label: "Rule 1: any of", children: [
            TreeNode(id: "r1a", label: "group = Développeurs"),
            TreeNode(id: "r1b", label: "email ends with @例え.jp"),
            TreeNode(id: "r1c", label: "all of", children: [
                TreeNode(id: "r1c1", label: "department = R&D 🚀"),
                TreeNode(id: "r1c2", label: "title contains Señor"),
            ]),
        ]),
        TreeNode(id: "r2", label: "Rule 2: all of", style: .muted, children: [
            TreeNode(id: "r2a", label: "source = LDAP"),
            TreeNode(id: "r2b", label: "group = 運用"),
        ]),
        TreeNode(id: "r3", label: "Rule 3: disabled", style: .muted),
    ]

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let permissions = ["users-view", "users-manage", "roles-view", "roles-manage", "hosts-view", "hosts-manage",
                              "connections-view", "connections-manage", "secrets-view", "audit-view"]
    static let sourceChoices = ["Local", "LDAP: example.com", "Azure AD: Contoso", "OpenID: Ålborg SSO"]

    static let actions: [ActionItem] = [
        ActionItem(keys: "Up/Down", title: "move", group: "Navigation"),
        ActionItem(keys: "PgUp/PgDn", title: "page", group: "Navigation"),
        ActionItem(keys: "1-4 F2-F5", title: "switch page", group: "Navigation"),
        ActionItem(keys: "/", title: "filter", group: "Table"),
        ActionItem(keys: "Space", title: "mark", group: "Table"),
        ActionItem(keys: "s", title: "sort", group: "Table"),
        ActionItem(keys: "d", title: "delete role", enabled: false, reason: "read-only mode (--read-only)", group: "Table"),
        ActionItem(keys: "e", title: "edit role", enabled: false, reason: "you lack roles-manage", group: "Table"),
        ActionItem(keys: "?", title: "help", group: "General"),
        ActionItem(keys: "q", title: "quit", group: "General"),
    ]
}
