import PrivXAPI
import TerminalUI

/// The AWS roles screen as a component: the list of AWS roles PrivX has cached, with their mapped PrivX
/// roles. It takes its own answers (the list after a load or a re-scan, a deleted cached role) in
/// `update`; the shared list keys (move, sort, filter) act on its `list` and detail pane from `Core/Lists/`.
public struct AWSRolesScreen: ConsoleComponent, TwoPaneScreen {
    public var list = ListPane<AWSRoleRow>(fields: AWSRoleRow.filterFields)
    /// What the last re-scan of this run changed (`:rescan` shows it whole).
    var lastRescan: RescanReport?
    public var detail = DetailViewState()
    public var hold: DetailHold.Held<AWSRoleRow>?
    /// Why the list was not loaded (the caller's permissions do not allow it), shown in place of the rows.
    public var withheld: String?

    /// The permission listing AWS roles needs (the re-scan key names the same one).
    static let viewPermission = "role-target-resources-view"

    /// An empty screen (nothing loaded yet).
    public init() {}

    /// The initial load, once the caller's permissions are known (`held`; nil when the server did not say):
    /// withheld with the reason when they do not allow listing AWS roles, otherwise started.
    mutating func loadOnceCallerKnown(held: Set<String>?) -> [Effect] {
        guard list.loading, !list.loaded else { return [] }
        if let held, !held.contains(Self.viewPermission) {
            list.loading = false
            withheld = "AWS roles are not listed: they need \(Self.viewPermission), which your PrivX roles do not grant."
            return []
        }
        return [.loadAWSRoles(refresh: false)]
    }

    /// `R`: the re-scan runs as an operation (a second `R` meanwhile is ignored); the list stays usable.
    static func rescan(_ context: inout ConsoleContext) -> [Effect] {
        let effects = context.begin(.awsRescan, .loadAWSRoles(refresh: true))
        if !effects.isEmpty { context.post(.info, "Re-scanning AWS; the list stays usable meanwhile.") }
        return effects
    }

    /// `d` on an AWS role: asks before deleting the cached copy.
    func askToDelete(_ context: inout ConsoleContext) {
        guard let row = list.selected else { return }
        context.ask(.deleteAWSRole(id: row.id, name: row.awsRole.name))
    }

    /// The list after a load or a re-scan, a deleted cached AWS role, or a load failing.
    mutating func update(_ message: Message, _ context: inout ConsoleContext) -> [Effect] {
        switch message {
        case .awsRolesLoaded(let awsRoles, let rescanned):
            let before: [AWSRoleRow]? = list.loaded ? list.catalog.rows : nil
            list.catalog.replace(awsRoles.map(AWSRoleRow.init(awsRole:)))
            list.loading = false
            list.loaded = true
            list.refreshedAt = context.now
            if rescanned, let before {
                report(RescanReport(before: before, after: list.catalog.rows), &context)
            } else if rescanned {
                // No list before it (the first load failed): nothing to compare, so no role is called new.
                let rows = list.catalog.rows
                context.post(.success, "AWS re-scan done: \(rows.count) AWS roles, \(rows.filter(\.isMissing).count) MISSING.", seconds: 8)
            }
        case .awsRoleDeleted(let id, let name):
            // Older mapping changes of it cannot be undone now (`HistoryUndo.undoability` finds it gone from this list).
            context.record(.deletedAWSRole(id: id, name: name, mapped: list.catalog.rows.first { $0.id == id }?.awsRole.roles.map(\.name).sorted() ?? []))
            list.catalog.replace(list.catalog.rows.filter { $0.id != id })
            context.post(.success, "Deleted the cached AWS role \(name). It returns on the next scan if it still exists in AWS.", seconds: 8)
        case .failed(.loadAWSRoles, _), .failed(.rescanAWS, _):
            list.loading = false
        default:
            break
        }
        return []
    }

    /// The characters of the messages line a re-scan report may take (the line is as wide as an 80-column
    /// terminal less its kind word and count).
    static let reportWidth = 68

    /// Says what a re-scan changed, by name, on the messages line: every name when they fit, else the first
    /// of each kind, how many more, and that `:rescan` lists them all. Nothing opens by itself: a box arriving
    /// when the scan ends would take the key the admin was pressing on something else.
    mutating func report(_ report: RescanReport, _ context: inout ConsoleContext) {
        lastRescan = report
        let (line, complete) = report.line(width: Self.reportWidth)
        context.post(.success, line, seconds: complete ? 8 : 15)
    }

    /// `:rescan`: the last re-scan's changes whole, in a message box.
    func showLastRescan(_ context: inout ConsoleContext) {
        guard let report = lastRescan else {
            context.post(.info, "No AWS re-scan in this run yet: R on the AWS roles screen starts one.")
            return
        }
        context.show(title: "AWS re-scan: what changed", text: report.text, isError: false)
    }

    /// Replaces the mapped roles of one AWS role in the table (after a write was read back).
    mutating func replaceMapping(id: String, roles: [RoleRef]) {
        let rows = list.catalog.rows.map { row -> AWSRoleRow in
            guard row.id == id else { return row }
            var document = row.awsRole.document
            document["roles"] = .array(roles.map(\.json))
            return AWSRoleRow(awsRole: AWSRole(document: document))
        }
        list.catalog.replace(rows)
    }
}
