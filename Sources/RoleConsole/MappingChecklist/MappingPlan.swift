import PrivXAPI

/// A change to the set of PrivX roles that grant one AWS role, applied read-modify-write: the set the
/// person started from travels with the change, so a concurrent edit is detected instead of overwritten.
public struct MappingPlan: Sendable, Hashable {
    public var awsRoleID: String
    public var awsRoleName: String
    /// The mapping the person saw when they made the change.
    public var baseline: [RoleRef]
    /// Roles to add.
    public var add: [RoleRef]
    /// Roles to remove.
    public var remove: [RoleRef]

    /// A plan; `add` and `remove` are relative to `baseline`.
    public init(awsRoleID: String, awsRoleName: String, baseline: [RoleRef], add: [RoleRef], remove: [RoleRef]) {
        self.awsRoleID = awsRoleID
        self.awsRoleName = awsRoleName
        self.baseline = baseline
        self.add = add
        self.remove = remove
    }

    /// True when nothing changes.
    public var isEmpty: Bool { add.isEmpty && remove.isEmpty }

    /// `aws-prod-admin: +linux-admins −db-readonly`.
    public var summary: String {
        MappingPlan.describe(awsRoleName, add: add.map(\.name), remove: remove.map(\.name))
    }

    /// `name: +a +b −c`, or `name: no change`.
    public static func describe(_ name: String, add: [String], remove: [String]) -> String {
        let parts = add.sorted().map { "+" + $0 } + remove.sorted().map { "\u{2212}" + $0 }
        return name + ": " + (parts.isEmpty ? "no change" : parts.joined(separator: " "))
    }

    /// Whether the server's current set still equals the baseline.
    public func isCurrent(_ current: [RoleRef]) -> Bool {
        Set(current.map(\.id)) == Set(baseline.map(\.id))
    }

    /// The set to write on top of `current`: current plus additions minus removals, in a stable order.
    public func result(applyingTo current: [RoleRef]) -> [RoleRef] {
        let removed = Set(remove.map(\.id))
        var out = current.filter { !removed.contains($0.id) }
        var present = Set(out.map(\.id))
        for ref in add where !present.contains(ref.id) {
            out.append(RoleRef(id: ref.id, name: ref.name))
            present.insert(ref.id)
        }
        return out.map { RoleRef(id: $0.id, name: $0.name) }
    }

    /// How `current` differs from the baseline, in words (`+x −y`), for the conflict dialog.
    public func drift(to current: [RoleRef]) -> String {
        let before = Set(baseline.map(\.id)), now = Set(current.map(\.id))
        let added = current.filter { !before.contains($0.id) }.map(\.name)
        let removed = baseline.filter { !now.contains($0.id) }.map(\.name)
        return MappingPlan.describe(awsRoleName, add: added, remove: removed)
    }
}

/// Grants and revokes of one PrivX role across several AWS roles (the reverse mapping).
public struct GrantPlan: Sendable, Hashable {
    /// One AWS role to change.
    public struct Target: Sendable, Hashable {
        public var awsRoleID: String
        public var awsRoleName: String
        /// True to grant, false to revoke.
        public var grant: Bool

        /// One AWS role to grant the role on (or revoke it from).
        public init(awsRoleID: String, awsRoleName: String, grant: Bool) {
            self.awsRoleID = awsRoleID
            self.awsRoleName = awsRoleName
            self.grant = grant
        }
    }

    /// The PrivX role.
    public var role: RoleRef
    /// The AWS roles to change.
    public var targets: [Target]

    /// A plan for one role.
    public init(role: RoleRef, targets: [Target]) {
        self.role = role
        self.targets = targets
    }

    /// `linux-admins: +aws-a −aws-b`.
    public var summary: String {
        MappingPlan.describe(role.name, add: targets.filter(\.grant).map(\.awsRoleName),
                             remove: targets.filter { !$0.grant }.map(\.awsRoleName))
    }
}

/// What happened to one AWS role while applying a `GrantPlan`.
public struct GrantOutcome: Sendable, Hashable {
    /// The outcome's kind.
    public enum Result: Sendable, Hashable {
        /// Written and read back; the mapped set now.
        case applied([RoleRef])
        /// Nothing to do: already as requested.
        case unchanged
        /// The write failed; the message says why and what to do.
        case failed(String)
        /// The server answered 403: the API client lacks this permission; nothing changed.
        case refused(permission: String)
    }

    public var target: GrantPlan.Target
    public var result: Result

    /// An outcome.
    public init(target: GrantPlan.Target, result: Result) {
        self.target = target
        self.result = result
    }

    /// One line for the result box.
    public var line: String {
        let change = (target.grant ? "+" : "\u{2212}") + target.awsRoleName
        switch result {
        case .applied(let roles): return "ok      \(change) (now \(roles.count) role\(roles.count == 1 ? "" : "s"))"
        case .unchanged: return "ok      \(change) (already so)"
        case .failed(let why): return "FAILED  \(change): \(why)"
        case .refused(let permission):
            return "REFUSED \(change): the API client lacks the permission \(permission) (HTTP 403); nothing changed"
        }
    }
}
