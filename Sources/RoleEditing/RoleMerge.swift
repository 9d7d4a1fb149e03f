import PrivXAPI

/// A three-way merge of a role form after someone else saved the role meanwhile: base is the role the form
/// opened on, theirs the role on the server now, mine the form. Field by field (each context member and the
/// rules tree on their own, as `RoleFormField.all` lists them): a field only one side changed takes that
/// side's value without asking; a field both changed to different values is a conflict, kept as mine in
/// `draft` until the person chooses. The merged draft is a draft of theirs, so a field neither side
/// touched, and every field theirs won, equals the server's role and is written back byte for byte
/// (`RoleDraft.applied` rewrites only what differs).
public struct RoleMerge: Sendable, Hashable {
    /// A field both sides changed differently.
    public struct Conflict: Sendable, Hashable {
        /// The form field (its value is copied from theirs when the person takes theirs).
        public var field: RoleFormField.ID
        /// Its name as the save diff says it ("comment", "time zone", "mapping rules").
        public var name: String
        /// The value when the form opened, theirs on the server, mine in the form, as text.
        public var base: String
        public var theirs: String
        public var mine: String

        public init(field: RoleFormField.ID, name: String, base: String, theirs: String, mine: String) {
            self.field = field
            self.name = name
            self.base = base
            self.theirs = theirs
            self.mine = mine
        }
    }

    /// Theirs with my non-overlapping edits, and mine on every conflict.
    public var draft: RoleDraft
    /// The fields taken from theirs without asking (only they changed them), by diff name.
    public var takenFromTheirs: [String] = []
    /// The fields of mine kept without asking (only I changed them, or both made the same change).
    public var keptMine: [String] = []
    /// The fields both changed differently, in form order.
    public var conflicts: [Conflict] = []

    /// Merges `mine` (the form's draft over `base`) with `theirs` (the role on the server now).
    public init(base: Role, theirs: Role, mine: RoleDraft, sourceNames: [String: String] = [:]) {
        let was = RoleDraft(base)
        let now = RoleDraft(theirs)
        draft = now
        for field in RoleFormField.all {
            if field.fixedForSystemRoles, mine.system { continue }
            let iChanged = !Self.same(field, was, mine), theyChanged = !Self.same(field, was, now)
            if iChanged, !theyChanged || Self.same(field, now, mine) {
                Self.copy(field, from: mine, to: &draft)
                keptMine.append(field.change)
            } else if iChanged {
                Self.copy(field, from: mine, to: &draft)
                conflicts.append(Conflict(field: field.id, name: field.change, base: Self.shown(field, was, was, sourceNames),
                                          theirs: Self.shown(field, was, now, sourceNames), mine: Self.shown(field, was, mine, sourceNames)))
            } else if theyChanged {
                takenFromTheirs.append(field.change)
            }
        }
    }

    /// Sets `field` of `draft` to its value in `source` (taking theirs for a conflict).
    public static func copy(_ field: RoleFormField, from source: RoleDraft, to draft: inout RoleDraft) {
        switch field.value {
        case .text(let path): draft[keyPath: path] = source[keyPath: path]
        case .list(let path): draft[keyPath: path] = source[keyPath: path]
        case .flag(let path): draft[keyPath: path] = source[keyPath: path]
        case .days: draft.context.days = source.context.days
        case .permissions: draft.permissions = source.permissions
        case .rules: draft.sourceRules = source.sourceRules
        }
    }

    /// True when `field` holds the same value in both drafts (rules compared as trees, permissions as sets).
    static func same(_ field: RoleFormField, _ a: RoleDraft, _ b: RoleDraft) -> Bool {
        switch field.value {
        case .text(let path): a[keyPath: path] == b[keyPath: path]
        case .list(let path): a[keyPath: path] == b[keyPath: path]
        case .flag(let path): a[keyPath: path] == b[keyPath: path]
        case .days: a.context.days == b.context.days
        case .permissions: Set(a.permissions) == Set(b.permissions)
        case .rules: a.sourceRules.isEquivalent(to: b.sourceRules)
        }
    }

    /// One side's value as text; permissions and rules as their change from `base` (`+a −b`).
    static func shown(_ field: RoleFormField, _ base: RoleDraft, _ side: RoleDraft, _ names: [String: String]) -> String {
        switch field.value {
        case .permissions:
            if base == side { return side.permissions.joined(separator: " ") }
            let added = side.permissions.filter { !base.permissions.contains($0) }.map { "+" + $0 }
            let removed = base.permissions.filter { !side.permissions.contains($0) }.map { "\u{2212}" + $0 }
            return (removed + added).joined(separator: " ")
        case .rules:
            if base == side { return RuleTree.summary(side.sourceRules, sourceNames: names) }
            let (removed, added) = RuleTree.difference(base.sourceRules, side.sourceRules, sourceNames: names)
            return [removed, added].filter { !$0.isEmpty }.joined(separator: "; ")
        default:
            let text = field.shown?(side) ?? ""
            return text.isEmpty ? "(empty)" : text
        }
    }
}
