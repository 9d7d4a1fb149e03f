import PrivXAPI

/// One field of the role form, as data: where its value lives in the draft, what kind of input edits it,
/// its label, the key its problems (and the server's `property`) are filed under, its name in the save diff
/// and the JSON type an external edit must give it. The form's inputs, its view, the diff and the `$EDITOR`
/// check all read `RoleFormField.all`, so a field is added in one place.
public struct RoleFormField: Sendable {
    /// The fields in form order (Tab and ↑/↓ move through them; the diff and the JSON check keep this order).
    public enum ID: Int, Sendable, Hashable, CaseIterable {
        case name, comment, tags, permissions, accessGroup, permitAgent
        case contextEnabled, blockRole, days, start, end, timeZone, ipMasks
        /// The mapping-rules tab (F3): the `source_rules` tree.
        case rules

        /// The field's description.
        public var field: RoleFormField { RoleFormField.all[rawValue] }
        /// The label shown left of the field.
        public var label: String { field.label }
        /// The key of `RoleDraft.problems` (and of a server error's `property`) this field shows.
        public var problemKey: String { field.path }
        /// True for short values replaced more often than edited (HH:MM, the time zone): entering the field
        /// selects its text, so typing `08:00` over `00:00` gives `08:00`.
        public var selectsOnEntry: Bool {
            switch self {
            case .start, .end, .timeZone: true
            default: false
            }
        }
        /// True for fields edited in the panel beside the form (lists and the checklist).
        public var usesPanel: Bool {
            switch field.value {
            case .list, .permissions: true
            default: false
            }
        }
    }

    /// Where the value lives in the draft, and so which input edits it.
    public enum Value: Sendable {
        /// One line of text.
        case text(WritableKeyPath<RoleDraft, String> & Sendable)
        /// Lines of text (a list editor).
        case list(WritableKeyPath<RoleDraft, [String]> & Sendable)
        /// A checkbox.
        case flag(WritableKeyPath<RoleDraft, Bool> & Sendable)
        /// The weekday toggles (`context.days`).
        case days
        /// The permissions checklist (kept in stored order).
        case permissions
        /// The rules tree (its own tab).
        case rules
    }

    public let id: ID
    public let label: String
    /// The JSON path of the value in the role document (`context.start_time`); problems are filed under it.
    public let path: String
    /// The field's name in the save diff ("access group").
    public let change: String
    public let value: Value
    /// The JSON type an external edit must give the value ("a string", "true or false", …).
    public let jsonType: String
    /// What the form shows for an empty list.
    public let emptySummary: String
    /// True when a system role keeps the value (its name).
    public let fixedForSystemRoles: Bool
    /// True when every role must have it (the name): the form marks it, and an external edit may not drop it.
    public let required: Bool
    /// How the diff shows the value; nil for permissions and rules, which have their own diff.
    let shown: (@Sendable (RoleDraft) -> String)?

    init(_ id: ID, _ label: String, path: String, change: String, _ value: Value, json: String, empty: String = "",
         fixedForSystemRoles: Bool = false, required: Bool = false, shown: (@Sendable (RoleDraft) -> String)?) {
        self.id = id
        self.label = label
        self.path = path
        self.change = change
        self.value = value
        self.jsonType = json
        self.emptySummary = empty
        self.fixedForSystemRoles = fixedForSystemRoles
        self.required = required
        self.shown = shown
    }

    static func yes(_ on: Bool) -> String { on ? "yes" : "no" }

    /// Every field, in form order (`ID.rawValue` indexes it).
    public static let all: [RoleFormField] = [
        RoleFormField(.name, "Name", path: "name", change: "name", .text(\.name), json: "a string", fixedForSystemRoles: true,
                      required: true) { $0.name },
        RoleFormField(.comment, "Comment", path: "comment", change: "comment", .text(\.comment), json: "a string") { $0.comment },
        RoleFormField(.tags, "Tags", path: "tags", change: "tags", .list(\.tags), json: "a list of strings", empty: "(none)") {
            $0.tags.joined(separator: ", ")
        },
        RoleFormField(.permissions, "Permissions", path: "permissions", change: "permissions", .permissions, json: "a list of strings", shown: nil),
        RoleFormField(.accessGroup, "Access group", path: "access_group_id", change: "access group", .text(\.accessGroupID), json: "a string") {
            $0.accessGroupID
        },
        RoleFormField(.permitAgent, "Permit agent", path: "permit_agent", change: "permit agent", .flag(\.permitAgent), json: "true or false") {
            yes($0.permitAgent)
        },
        RoleFormField(.contextEnabled, "Context limits", path: "context.enabled", change: "context enabled", .flag(\.context.enabled),
                      json: "true or false") { yes($0.context.enabled) },
        RoleFormField(.blockRole, "Outside limits", path: "context.block_role", change: "outside limits", .flag(\.context.blockRole),
                      json: "true or false") { $0.context.blockRole ? "block" : "audit" },
        RoleFormField(.days, "Days", path: "context.validity", change: "days", .days, json: "a list of strings") { $0.context.schedule.daysDescription },
        RoleFormField(.start, "Start (HH:MM)", path: "context.start_time", change: "start", .text(\.context.start), json: "a string") { $0.context.start },
        RoleFormField(.end, "End (HH:MM)", path: "context.end_time", change: "end", .text(\.context.end), json: "a string") { $0.context.end },
        RoleFormField(.timeZone, "Time zone", path: "context.timezone", change: "time zone", .text(\.context.timeZone), json: "a string") {
            $0.context.timeZone
        },
        RoleFormField(.ipMasks, "IP ranges", path: "context.ip_masks", change: "IP ranges", .list(\.context.ipMasks), json: "a list of strings",
                      empty: ContextSchedule.anyAddressText) { ContextSchedule.describeIPRanges($0.context.ipMasks) },
        RoleFormField(.rules, "Mapping rules", path: RoleDraft.rulesKey, change: "mapping rules", .rules, json: "an object", shown: nil),
    ]

    /// The top-level document keys the form edits, in form order (`context` once, for all its members).
    public static let documentKeys: [String] = all.reduce(into: []) { keys, field in
        let key = String(field.path.split(separator: ".").first ?? "")
        if !keys.contains(key) { keys.append(key) }
    }
}
