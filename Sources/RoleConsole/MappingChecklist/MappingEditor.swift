import PrivXAPI
import TerminalUI

/// The open checklist of a mapping edit (either direction).
public struct MappingEditor: Sendable, Equatable {
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
}
