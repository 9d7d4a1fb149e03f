import Foundation
import PrivXAPI
import RoleEditing

/// What `roles apply` would do: each role file compared with the server (create, update with the changed
/// fields, or nothing), roles in no file deleted only with `--prune`, and the roles it must refuse (changed
/// on the server since the export, deleted since). Built from one read of every role; each write re-reads.
struct ApplyPlan {
    enum Kind: String { case create, update, delete }

    struct Change {
        var kind: Kind
        var name: String
        var id: String
        /// The role file (nil for a prune).
        var file: URL?
        /// Create: the document to POST; update: the file's editable part.
        var document: JSONObject
        /// What the change is based on (update, delete): the export's stamp, or this plan's read.
        var base: RoleBase?
        var changes: [DocumentDiff.Change]
    }

    var changes: [Change] = []
    var refused: [RoleReport.Entry] = []
    var unchanged = 0
    var notes: [String] = []
    /// Files that cannot be applied as written (bad JSON, wrong types, invalid values): nothing is applied.
    var problems: [String] = []

    var isEmpty: Bool { changes.isEmpty && refused.isEmpty }

    /// A role file to compare: where it is, and its manifest entry when an export wrote it.
    struct Source {
        var url: URL
        var entry: RoleManifest.Entry?
    }

    /// The plan for `sources` against `server` (every role, as listed). `prune` is the export's manifest when
    /// `--prune` was given: only roles it lists (exported, and their file since removed) are deleted.
    static func make(sources: [Source], server: [Role], prune: RoleManifest?) -> ApplyPlan {
        var plan = ApplyPlan()
        let byID = Dictionary(server.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var targeted: [String: String] = [:]   // id → file
        var createdNames: [String: String] = [:]   // lowercased name → file
        for source in sources {
            let file = source.url.lastPathComponent
            let object: JSONObject
            switch RoleDocumentCheck.parse(String(decoding: (FileManager.default.contents(atPath: source.url.path) ?? Data()), as: UTF8.self)) {
            case .success(let value): object = value
            case .failure(let problem):
                plan.problems.append("\(source.url.path): \(problem.message)")
                continue
            }
            let editable = RoleDocumentCheck.split(object).editable
            let name = editable["name"]?.stringValue ?? ""
            let ignored = RoleDocumentCheck.split(object).serverOwned.keys
            if !ignored.isEmpty { plan.notes.append("\(file): server-owned keys ignored (the server sets them): " + ignored.joined(separator: ", ")) }
            var current: Role?
            var base: RoleBase?
            if let id = source.entry?.id ?? object["id"]?.stringValue, !id.isEmpty {
                if let previous = targeted[id] {
                    plan.problems.append("\(source.url.path) and \(previous) are the same role (id \(id)): keep one of them.")
                    continue
                }
                targeted[id] = file
                guard let found = byID[id] else {
                    plan.refused.append(.init(role: source.entry?.name ?? name, id: id, action: "update", result: "refused",
                                              detail: "deleted on the server since the export; delete \(file) or remove its id to create it anew",
                                              file: file))
                    continue
                }
                current = found
                base = source.entry.map { RoleBase(updated: $0.updated, digest: $0.digest) }
                    ?? object["updated"]?.stringValue.map { RoleBase(updated: $0, digest: nil) } ?? RoleBase(found)
            } else if let found = server.first(where: { $0.name == name }) ?? server.first(where: { $0.name.lowercased() == name.lowercased() && !name.isEmpty }) {
                if let previous = targeted[found.id] {
                    plan.problems.append("\(source.url.path) and \(previous) are the same role (\(found.name)): keep one of them.")
                    continue
                }
                targeted[found.id] = file
                plan.notes.append("\(file) is not in an export manifest: matched to the server's role \(found.name) by name")
                current = found
                base = RoleBase(found)
            }
            if let current, let base {
                if let drift = base.drift(to: current) {
                    // The server already holds the file (applied before, by this or another run): nothing to do.
                    if RoleFiles.digest(of: object) == RoleFiles.digest(of: current.document) {
                        plan.unchanged += 1
                        continue
                    }
                    // Not edited since the export: the server's newer role is simply kept (nothing to apply).
                    if let entry = source.entry, RoleFiles.digest(of: object) == entry.digest {
                        plan.unchanged += 1
                        plan.notes.append("\(file) is as exported, but \(current.name) \(drift); kept as the server has it (export again to update the file)")
                        continue
                    }
                    plan.refused.append(.init(role: current.name, id: current.id, action: "update", result: "refused",
                                              detail: drift.replacingOccurrences(of: " since (", with: " since the export (")
                                                + "; bring the server's change into \(file) ('privx-roles roles show \(current.id) --json') or export again with --force "
                                                + "(which drops the edit in \(file)), then apply",
                                              file: file))
                    continue
                }
                switch RoleDocumentCheck.update(object, over: current) {
                case .failure(let problem):
                    plan.problems.append("\(source.url.path): \(problem.message)")
                case .success(let checked):
                    let changes = DocumentDiff.changes(from: RoleDocumentCheck.split(current.document).editable,
                                                       to: RoleDocumentCheck.split(checked.document).editable)
                    if changes.isEmpty {
                        plan.unchanged += 1
                    } else {
                        plan.changes.append(Change(kind: .update, name: current.name, id: current.id, file: source.url, document: editable,
                                                   base: base, changes: changes))
                    }
                }
                continue
            }
            switch RoleDocumentCheck.create(object) {
            case .failure(let problem):
                plan.problems.append("\(source.url.path): \(problem.message)")
            case .success(let checked):
                if let previous = createdNames[name.lowercased()] {
                    plan.problems.append("\(source.url.path) and \(previous) both create a role named \(name): role names are unique.")
                    continue
                }
                createdNames[name.lowercased()] = file
                plan.changes.append(Change(kind: .create, name: name, id: "", file: source.url, document: checked.document, base: nil,
                                           changes: DocumentDiff.changes(from: JSONObject(), to: RoleFiles.canonical(checked.document))))
            }
        }
        guard let prune else { return plan }
        let exported = Dictionary(prune.entries.values.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for role in server where targeted[role.id] == nil {
            if role.system {
                plan.notes.append("\(role.name) is in no file but is a \(RoleDraft.systemDeleteReason); kept")
                continue
            }
            // A role the export did not see was created since: deleting it would lose someone's change.
            guard let entry = exported[role.id] else {
                plan.notes.append("\(role.name) was created on the server after the export; kept (export again to include it)")
                continue
            }
            let base = RoleBase(updated: entry.updated, digest: entry.digest)
            if let drift = base.drift(to: role) {
                plan.refused.append(.init(role: role.name, id: role.id, action: "delete", result: "refused",
                                          detail: drift.replacingOccurrences(of: " since (", with: " since the export (") + "; not deleted"))
                continue
            }
            plan.changes.append(Change(kind: .delete, name: role.name, id: role.id, file: nil, document: JSONObject(), base: base, changes: []))
        }
        return plan
    }

    /// The plan as report entries (result `planned`), creates and updates in file order, then deletes by name.
    var entries: [RoleReport.Entry] {
        let order: [Kind: Int] = [.update: 0, .create: 0, .delete: 1]
        return changes.sorted { (order[$0.kind]!, $0.file?.lastPathComponent ?? $0.name) < (order[$1.kind]!, $1.file?.lastPathComponent ?? $1.name) }
            .map { change in
                .init(role: change.name, id: change.id, action: change.kind.rawValue, result: "planned",
                      detail: change.kind == .delete ? "in no file (--prune)" : nil, changes: change.kind == .update ? change.changes : [],
                      file: change.file?.lastPathComponent)
            }
    }

    /// "1 to create, 3 to update, 0 to delete; 50 unchanged; 1 refused".
    var summary: String {
        let count = { (kind: Kind) in changes.filter { $0.kind == kind }.count }
        return "\(count(.create)) to create, \(count(.update)) to update, \(count(.delete)) to delete; \(unchanged) unchanged"
            + (refused.isEmpty ? "" : "; \(refused.count) refused")
    }
}
