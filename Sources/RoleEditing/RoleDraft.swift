import Foundation
import PrivXAPI

/// The role form's fields as typed; validates them, lists the changes (before → after) for the
/// confirmation, and writes back into the stored document only the keys that changed.
public struct RoleDraft: Sendable, Hashable {
    /// Why a system role's name is fixed (shown in help, the form, refusals and headless errors).
    public static let systemRenameReason = "system role: cannot be renamed"
    /// Why a system role cannot be deleted (shown in help, hints, refusals and headless errors).
    public static let systemDeleteReason = "system role: cannot be deleted"

    /// A field of the role form; the raw value is the document key the server names in `property`.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case name, comment, tags, permissions
        case accessGroupID = "access_group_id"
        case permitAgent = "permit_agent"
        case context
    }

    /// One changed field for the confirmation diff.
    public struct Change: Sendable, Hashable {
        public var field: String
        public var before: String
        public var after: String

        public init(field: String, before: String, after: String) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    public var name: String
    public var comment: String
    public var tags: [String]
    public var permissions: [String]
    public var accessGroupID: String
    public var permitAgent: Bool
    public var context: ContextDraft
    /// The `source_rules` tree (nil when the stored role has none and it was not edited).
    public var sourceRules: SourceRule?
    /// The rules as stored: only an edited tree is syntax-checked (a stored one the server took stays savable).
    public private(set) var storedRules: SourceRule?
    /// True for built-in roles: the name cannot change.
    public let system: Bool
    /// The checked fields as stored when the form opened: only a field that differs from them is validated.
    public private(set) var storedTags: [String]
    public private(set) var storedAccessGroupID: String
    public private(set) var storedContext: ContextDraft

    /// The draft of a stored role.
    public init(_ role: Role) {
        name = role.name
        comment = role.comment ?? ""
        tags = role.tags
        permissions = role.permissions
        accessGroupID = role.accessGroupID ?? ""
        permitAgent = role.permitAgent ?? false
        context = ContextDraft(role.context)
        sourceRules = role.sourceRules
        storedRules = role.sourceRules
        system = role.system
        storedTags = tags
        storedAccessGroupID = accessGroupID
        storedContext = context
    }

    /// Every problem the admin must fix, by form field (context problems under their own keys); empty when it can
    /// be saved. Only what the admin changed is checked (an untouched field goes back as it came, whatever it
    /// holds), except the name, which the server requires and every stored role has.
    public var problems: [String: String] {
        var out: [String: String] = [:]
        let trimmedName = name.trimmingCharacters(in: .whitespaces)
        if trimmedName.isEmpty { out[Field.name.rawValue] = "A role needs a name: type one (it must be unique on the server)." }
        if tags != storedTags, tags.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            out[Field.tags.rawValue] = "A tag cannot be empty: type a word or delete the line."
        }
        let group = accessGroupID.trimmingCharacters(in: .whitespaces)
        if accessGroupID != storedAccessGroupID, !group.isEmpty, !Self.isUUIDShaped(group) {
            out[Field.accessGroupID.rawValue] = "Access group id \u{201C}\(group)\u{201D} is not a UUID: paste the id from PrivX, or leave it empty for the default group."
        }
        for (field, problem) in context.problems(since: storedContext) { out["context." + field.rawValue] = problem }
        if sourceRules != storedRules, let (_, problem) = RuleTree(sourceRules).firstProblem { out[Self.rulesKey] = problem }
        return out
    }

    /// Takes every editable field of `other` (an edit made elsewhere, e.g. in `$EDITOR`), keeping what this
    /// draft was opened on; a system role keeps its name.
    public mutating func take(_ other: RoleDraft) {
        if !system { name = other.name }
        comment = other.comment
        tags = other.tags
        permissions = other.permissions
        accessGroupID = other.accessGroupID
        permitAgent = other.permitAgent
        context = other.context
        sourceRules = other.sourceRules
    }

    /// The stored role with only the changed keys rewritten (unknown keys and untouched fields as they were).
    public func applied(to role: Role) -> Role { applied(to: role, since: role) }

    /// `role` with the fields this draft changed relative to `baseline` rewritten: with the role the form
    /// opened on, it re-applies only my edits on top of someone else's; with `role` itself, it overwrites.
    public func applied(to role: Role, since baseline: Role) -> Role {
        var out = role
        let before = RoleDraft(baseline)
        if before.name != name, !system { out.name = name.trimmingCharacters(in: .whitespaces) }
        if before.comment != comment { out.comment = comment }
        if before.tags != tags { out.tags = tags.map { $0.trimmingCharacters(in: .whitespaces) } }
        if before.permissions != permissions { out.permissions = permissions }
        if before.accessGroupID != accessGroupID {
            let group = accessGroupID.trimmingCharacters(in: .whitespaces)
            out.accessGroupID = group.isEmpty ? nil : group
        }
        if before.permitAgent != permitAgent { out.permitAgent = permitAgent }
        if !before.sourceRules.isEquivalent(to: sourceRules) { out.sourceRules = sourceRules }
        if before.context != context { out.context = context.applied(to: role.context, since: baseline.context) }
        return out
    }

    /// The 8-4-4-4-12 hex form only: real PrivX ids break RFC 4122's version and variant digits
    /// (`9030b77b-3360-4dea-7efc-4cd5c818b49b`, Tests/RealPrivXCorpus/bat_roles_page_0.json), so the bits are not checked.
    public static func isUUIDShaped(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    /// The key of `problems` (and the server's `property`) for the mapping rules.
    public static let rulesKey = "source_rules"

    /// The changed fields against `role`, before → after, in form order (rules with directory names when given).
    public func changes(from role: Role, sourceNames: [String: String] = [:]) -> [Change] {
        let before = RoleDraft(role)
        var out: [Change] = []
        for field in RoleFormField.all {
            switch field.value {
            case .permissions:
                let added = permissions.filter { !before.permissions.contains($0) }
                let removed = before.permissions.filter { !permissions.contains($0) }
                if !added.isEmpty || !removed.isEmpty {
                    out.append(Change(field: field.change, before: removed.map { "−" + $0 }.joined(separator: " "),
                                      after: added.map { "+" + $0 }.joined(separator: " ")))
                }
            case .rules:
                if !before.sourceRules.isEquivalent(to: sourceRules) {
                    let (old, new) = RuleTree.difference(before.sourceRules, sourceRules, sourceNames: sourceNames)
                    out.append(Change(field: field.change, before: old, after: new))
                }
            default:
                guard let shown = field.shown else { continue }
                let (old, new) = (shown(before), shown(self))
                if old != new { out.append(Change(field: field.change, before: old, after: new)) }
            }
        }
        return out
    }
}
