import PrivXAPI
import TerminalUI

/// The open checklist of a mapping edit (either direction), as a component: it owns the items, the ticks
/// it opened with and the checklist's cursor and filter; Enter turns the ticks into a plan to confirm
/// (`review`), and the plan's write and answers are `MappingWrites`'.
public struct MappingEditor: ConsoleComponent, Equatable {
    /// Which mapping is edited.
    public enum Kind: Sendable, Hashable {
        /// The PrivX roles that grant one AWS role.
        case rolesOfAWSRole(id: String, name: String, baseline: [RoleRef])
        /// The AWS roles one PrivX role grants.
        case awsRolesOfRole(RoleRef)
    }

    public var kind: Kind
    /// Item labels and their ids, same order.
    public var labels: [String]
    public var ids: [String]
    /// Indexes checked when the editor opened.
    public var initiallyChecked: Set<Int>
    public var checklist: ChecklistState

    /// The title of the dialog.
    public var title: String {
        switch kind {
        case .rolesOfAWSRole(_, let name, _): "PrivX roles that grant \(name)"
        case .awsRolesOfRole(let role): "AWS roles granted by \(role.name)"
        }
    }

    /// Indexes newly checked and newly unchecked.
    public var changes: (added: [Int], removed: [Int]) {
        (checklist.checked.subtracting(initiallyChecked).sorted(), initiallyChecked.subtracting(checklist.checked).sorted())
    }

    /// `name: +a −b` for the pending change.
    public var summary: String {
        let (added, removed) = changes
        let name = switch kind {
        case .rolesOfAWSRole(_, let name, _): name
        case .awsRolesOfRole(let role): role.name
        }
        return MappingPlan.describe(name, add: added.map { labels[$0] }, remove: removed.map { labels[$0] })
    }

    /// The checklist of every PrivX role, those mapped to `row` ticked (`m` on an AWS role).
    static func forAWSRole(_ row: AWSRoleRow, roles: Catalog<RoleRow>) -> MappingEditor {
        let mapped = Set(row.awsRole.roles.map(\.id))
        return opening(.rolesOfAWSRole(id: row.id, name: row.awsRole.name, baseline: row.awsRole.roles),
                       items: roles.rows.map { ($0.id, $0.role.name) }, checked: { mapped.contains($0) })
    }

    /// The checklist of every AWS role, those `row` grants ticked (`a` on a role).
    static func forRole(_ row: RoleRow, awsRoles: Catalog<AWSRoleRow>) -> MappingEditor {
        let granting = Set(awsRoles.rows.filter { $0.mappedRoleIDs.contains(row.id) }.map(\.id))
        return opening(.awsRolesOfRole(RoleRef(id: row.id, name: row.role.name)),
                       items: awsRoles.rows.map { ($0.id, $0.awsRole.name) }, checked: { granting.contains($0) })
    }

    /// A checklist of `items` sorted by name (case-insensitively), those `checked` ticked.
    static func opening(_ kind: Kind, items: [(id: String, label: String)], checked isChecked: (String) -> Bool) -> MappingEditor {
        let sorted = items.sorted { $0.label.lowercased() < $1.label.lowercased() }
        let checked = Set(sorted.indices.filter { isChecked(sorted[$0].id) })
        return MappingEditor(kind: kind, labels: sorted.map(\.label), ids: sorted.map(\.id), initiallyChecked: checked,
                             checklist: ChecklistState(checked: checked))
    }

    /// A key no entry binds: the checklist's own cursor, ticks and filter.
    mutating func key(_ key: Key, _ context: inout ConsoleContext) -> [Effect] {
        _ = checklist.apply(key, items: labels)
        return []
    }

    /// Enter: the change is shown and asked about before anything is written (the checklist then closes).
    func review(_ context: inout ConsoleContext) {
        let (added, removed) = changes
        guard !added.isEmpty || !removed.isEmpty else {
            context.post(.info, "No change to apply.")
            return
        }
        switch kind {
        case .rolesOfAWSRole(let id, let name, let baseline):
            context.ask(.applyMapping(MappingPlan(awsRoleID: id, awsRoleName: name, baseline: baseline,
                                                  add: added.map { RoleRef(id: ids[$0], name: labels[$0]) },
                                                  remove: removed.map { RoleRef(id: ids[$0], name: labels[$0]) })))
        case .awsRolesOfRole(let role):
            let targets = added.map { GrantPlan.Target(awsRoleID: ids[$0], awsRoleName: labels[$0], grant: true) }
                + removed.map { GrantPlan.Target(awsRoleID: ids[$0], awsRoleName: labels[$0], grant: false) }
            context.ask(.applyGrants(GrantPlan(role: role, targets: targets)))
        }
    }

    /// Esc: nothing is written (the checklist then closes).
    func cancel(_ context: inout ConsoleContext) {
        if !changes.added.isEmpty || !changes.removed.isEmpty {
            context.post(.info, "Mapping change discarded; nothing was written.")
        }
    }

    /// The checklist takes no result messages (the plan's answers arrive after it closed: `MappingWrites`).
    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect] { [] }
}
