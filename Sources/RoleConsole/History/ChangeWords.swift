import PrivXAPI
import TerminalUI

/// A recorded change in words, for the `:history` rows, its detail and the undo questions.
extension RecordedChange {
    /// The kind of change, short (the History column "Change").
    var kind: String {
        switch self {
        case .roleEdit: "role saved"
        case .mapping: "mapping (m)"
        case .awsGrants: "AWS grants (a)"
        case .memberGrants: "member grants"
        case .created: "role created"
        case .deletedRole: "role deleted"
        case .deletedAWSRole: "AWS role deleted"
        }
    }

    /// The role or AWS role it changed.
    var object: String {
        switch self {
        case .roleEdit(_, let after, _): after.name
        case .mapping(let plan, _): plan.awsRoleName
        case .awsGrants(let plan): plan.role.name
        case .memberGrants(let role, _): role.name
        case .created(let role, _): role.name
        case .deletedRole(_, let name, _, _), .deletedAWSRole(_, let name, _): name
        }
    }

    /// Whether `object` is a PrivX role (or an AWS role).
    var objectIsAWSRole: Bool {
        switch self {
        case .mapping, .deletedAWSRole: true
        default: false
        }
    }

    /// What it changed, in one line (`:history`'s What column leaves out the name the On column shows).
    func summary(now: Double, named: Bool = true) -> String {
        switch self {
        case .mapping(let plan, _) where !named:
            return Self.changes(add: plan.add.map(\.name), remove: plan.remove.map(\.name))
        case .awsGrants(let plan) where !named:
            return Self.changes(add: plan.targets.filter(\.grant).map(\.awsRoleName), remove: plan.targets.filter { !$0.grant }.map(\.awsRoleName))
        case .roleEdit(_, _, let fields):
            return fields.isEmpty ? "saved" : "changed " + fields.joined(separator: ", ")
        case .mapping(let plan, _):
            return plan.summary
        case .awsGrants(let plan):
            return plan.summary
        case .memberGrants(let role, let entries):
            return "\(role.name): " + entries.map { entry in
                "\(entry.user.principal) (before: " + (entry.before.map { GrantText.terms($0, now: now) } ?? "no grant") + ")"
            }.joined(separator: ", ")
        case .created(_, let copiedFrom):
            return "created" + (copiedFrom.map { " as a copy of \($0)" } ?? "")
        case .deletedRole(let id, _, let document, _):
            return "deleted (id \(id))" + (document == nil ? ", its document could not be read first" : "")
        case .deletedAWSRole(_, _, let mapped):
            return "deleted PrivX's cached copy" + (mapped.isEmpty ? "" : " (it mapped \(mapped.joined(separator: ", ")))")
        }
    }
}

extension RecordedChange {
    /// `+a +b −c` (as `MappingPlan.describe`, without the name).
    static func changes(add: [String], remove: [String]) -> String {
        String(MappingPlan.describe("", add: add, remove: remove).dropFirst(2))
    }
}

extension ChangeRecord {
    /// `#3 11:02:13 mapping (m) of dev-AnalyticsReader: dev-AnalyticsReader: +linux-admins`.
    func title(now: Double) -> String {
        "#\(number) \(ListScreens.clock(time)) \(change.kind) of \(change.object): \(change.summary(now: now))"
    }
}

/// Why a change can or cannot be undone now.
enum Undoability: Equatable {
    case yes
    case no(String)
}

extension ChangeHistory {
    /// What `u` would do with the entry: whole for the detail, `short` for the History table's Undo column.
    func status(of record: ChangeRecord, _ state: AppState, short: Bool = false) -> String {
        var text: String
        switch record.status {
        case .undone(let at): text = "undone \(ListScreens.clock(at))"
        case .setAside(let at): text = "left as is \(ListScreens.clock(at))" + (short ? "" : " (it could not be undone)")
        case .open:
            switch HistoryUndo.undoability(record, state) {
            case .no(let why): text = "cannot be undone" + (short ? "" : ": " + why)
            case .yes where record.number == newestOpen?.number: text = short ? "next: u undoes it" : "u undoes it next"
            case .yes: text = short ? "after newer ones" : "can be undone, after the newer ones"
            }
        }
        if let note = record.note, record.isOpen { text += short ? " · last try failed" : " · last try: " + note }
        return text
    }
}
