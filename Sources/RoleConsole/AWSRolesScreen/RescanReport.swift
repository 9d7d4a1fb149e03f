import PrivXAPI

/// What a re-scan changed, by name: AWS roles that went from OK to MISSING, roles new to the list, roles
/// that came back (MISSING to OK) and cached roles no longer listed. Built from the list before and after,
/// so the person learns which roles changed, not only how many are missing now.
struct RescanReport: Equatable, Sendable {
    var total = 0
    var missingNow = 0
    var wentMissing: [String] = []
    var new: [String] = []
    var cameBack: [String] = []
    var gone: [String] = []

    /// The difference between the rows before the re-scan and the roles after it (`before` empty on a first load).
    init(before: [AWSRoleRow], after: [AWSRoleRow]) {
        total = after.count
        missingNow = after.filter(\.isMissing).count
        let old = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let now = Set(after.map(\.id))
        for row in after {
            guard let was = old[row.id] else {
                new.append(row.awsRole.name)
                continue
            }
            if row.isMissing, !was.isMissing { wentMissing.append(row.awsRole.name) }
            if !row.isMissing, was.isMissing { cameBack.append(row.awsRole.name) }
        }
        gone = before.filter { !now.contains($0.id) }.map(\.awsRole.name)
        for index in [\RescanReport.wentMissing, \.new, \.cameBack, \.gone] as [WritableKeyPath<RescanReport, [String]>] {
            self[keyPath: index].sort { $0.localizedStandardCompare($1) == .orderedAscending }
        }
    }

    /// True when nothing changed but the scan time.
    var isUnchanged: Bool { wentMissing.isEmpty && new.isEmpty && cameBack.isEmpty && gone.isEmpty }

    /// The changes as (what, names), in the order a person acts on them.
    var parts: [(label: String, names: [String])] {
        [("OK → MISSING", wentMissing), ("new", new), ("back (MISSING → OK)", cameBack), ("no longer listed", gone)].filter { !$0.1.isEmpty }
    }

    /// One line for the messages line: every name when they fit in `width`, else how many changed, that `:rescan`
    /// lists them, and the first of each kind with how many more.
    func line(width: Int) -> (text: String, complete: Bool) {
        let head = "AWS re-scan done: \(total) AWS roles, \(missingNow) MISSING"
        if isUnchanged { return (head + "; no role changed status.", true) }
        let whole = head + "; " + parts.map { "\($0.label): \($0.names.joined(separator: ", "))" }.joined(separator: "; ") + "."
        if whole.count <= width { return (whole, true) }
        // The pointer to the whole list comes before the names, so an 80-column messages line still shows it.
        let changed = parts.reduce(0) { $0 + $1.names.count }
        let short = "AWS re-scan: \(total) AWS roles, \(missingNow) MISSING; \(changed) changed, :rescan lists them; " + parts.map { part in
            "\(part.label): \(part.names[0])" + (part.names.count > 1 ? " +\(part.names.count - 1)" : "")
        }.joined(separator: "; ") + "."
        return (short, false)
    }

    /// The whole report, one kind per paragraph, for the message box.
    var text: String {
        "\(total) AWS roles after the scan, \(missingNow) MISSING (not found in AWS).\n\n"
            + parts.map { "\($0.label) (\($0.names.count)):\n  \($0.names.joined(separator: ", "))" }.joined(separator: "\n\n")
            + "\n\nMISSING roles keep their PrivX mappings; filter with status:MISSING to see them."
    }
}
