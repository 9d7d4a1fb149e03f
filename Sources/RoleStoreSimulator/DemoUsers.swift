/// A role a demo person holds, with the permissions it grants (as in a user's `roles` list on PrivX).
public struct DemoUserRole: Sendable {
    public let id: String
    public let name: String
    public let permissions: [String]
}

/// One demo person who logs in with a password (the authorization-code flow), so demos and tests can act as a
/// person whose permissions come from their roles, not as an API client.
public struct DemoUser: Sendable {
    /// The login name (PrivX's `principal`).
    public let name: String
    /// The demo-only password; printed only by `privx-rolestore-sim --print-demo-credentials`.
    public let password: String
    /// The user id, recorded as `author` / `updated_by` on what this person changes.
    public let id: String
    public let fullName: String
    /// What the person is for, e.g. "role manager without AWS rights".
    public let summary: String
    public let roles: [DemoUserRole]

    /// The effective permissions: the union of the roles' permissions, in first-seen order.
    public var permissions: [String] {
        var seen: Set<String> = []
        return roles.flatMap(\.permissions).filter { seen.insert($0).inserted }
    }
}

extension DemoUser: CustomStringConvertible {
    /// Names the person; the password never appears in logs or interpolated text.
    public var description: String { "DemoUser(\(name), \(roles.count) roles, password redacted)" }
}

/// The three demo persons every simulator knows: an administrator, a role manager without AWS rights and a
/// read-only auditor. They live in the Local users directory.
public enum DemoUsers {
    /// PrivX's built-in admin role grants everything (RoleSeeder's built-in `privx-admin`).
    public static let alice = DemoUser(
        name: "alice", password: "demo-alice-Pw7x", id: "d3e0a11c-0000-4000-8000-00000000a11c",
        fullName: "Alice Admin", summary: "administrator: every permission",
        roles: [DemoUserRole(id: RoleSeeder.builtInAdminID, name: "privx-admin", permissions: SimulatorPermissions.all)])

    /// Manages roles and reads users and sources, but has no `role-target-resources-*` (AWS) permission.
    public static let bob = DemoUser(
        name: "bob", password: "demo-bob-Kq4m", id: "d3e0a11c-0000-4000-8000-000000000b0b",
        fullName: "Bob Rolemanager", summary: "role manager without AWS rights",
        roles: [DemoUserRole(id: "d3e0a11c-0000-4000-8000-0000000001e1", name: "role-managers",
                             permissions: ["roles-view", "roles-manage", "sources-view", "users-view"])])

    /// Reads roles, users, sources and AWS roles; changes nothing.
    public static let carol = DemoUser(
        name: "carol", password: "demo-carol-Zt2v", id: "d3e0a11c-0000-4000-8000-000000000ca1",
        fullName: "Carol Auditor", summary: "read-only auditor",
        roles: [DemoUserRole(id: "d3e0a11c-0000-4000-8000-0000000001e2", name: "auditors",
                             permissions: ["roles-view", "sources-view", "users-view", "role-target-resources-view"])])

    /// All demo persons, the administrator first.
    public static let all: [DemoUser] = [alice, bob, carol]

    /// Looks a demo person up by login name.
    public static func named(_ name: String) -> DemoUser? {
        all.first { $0.name == name.lowercased() }
    }
}
