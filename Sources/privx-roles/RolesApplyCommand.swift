import ArgumentParser
import Foundation
import PrivXAPI
import RoleEditing

/// `privx-roles roles apply DIR|FILE… [--dry-run] [--prune] [--json]`: a reviewed apply of role files.
struct RolesApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Compare role files with the server, print the plan, and apply it.",
        discussion: """
            Reads the *.json role files of DIR (as 'roles export' wrote them) or the FILEs given, compares each \
            with the server and prints a plan: roles to create, roles to update with each changed field \
            (before \u{2192} after), and with --prune the exported roles whose file was removed, to delete (never \
            system roles, nor roles created after the export or changed since; an export made with --filter prunes only \
            among the roles it wrote). A role changed on the server since the export (its updated stamp is in \
            the manifest) is refused and named, never overwritten. Without --dry-run each change is then applied \
            with the same check made again just before the write, read back, and reported; the manifest is \
            updated so the next apply starts from what the server now holds. A file that is not valid (JSON, \
            types, the console's checks on what it changes) stops everything before any write.
            Exit codes: 0 nothing to change (or all applied); 3 with --dry-run when something would change; \
            1 API error, or a role refused or not applied; 2 usage or an invalid file.
            """)

    @Argument(help: "An export directory, or role files.")
    var paths: [String]

    @Flag(name: .customLong("dry-run"), help: "Print the plan and stop (exit 0: no changes, 3: changes).")
    var dryRun = false

    @Flag(name: .long, help: "Delete the exported roles whose file was removed (needs a directory from 'roles export').")
    var prune = false

    @OptionGroup var output: WriteOutputOptions
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name an export directory or role files") }
    }

    func run() async throws {
        let (sources, manifests, pruneManifest) = try collectSources()
        let plan = try await withClient(connection) { client in
            let server = try await client.allRoles()
            return ApplyPlan.make(sources: sources, server: server, prune: pruneManifest)
        }
        if !plan.problems.isEmpty {
            throw RoleFileError("nothing was applied: \(plan.problems.count) file(s) cannot be applied as written (fix them and run again):\n"
                + plan.problems.map { "  " + $0 }.joined(separator: "\n"))
        }
        for note in plan.notes { Output.error("note: " + note) }
        let planEntries = plan.entries + plan.refused
        if !output.json {
            Output.line("Plan: " + plan.summary + ".")
            for entry in planEntries { Output.line(Self.planLine(entry)) }
        }
        if dryRun || plan.changes.isEmpty {
            if output.json {
                Output.json(.object(JSONObject(["plan": .array(planEntries.map(RoleReport.json)), "unchanged": .int(plan.unchanged),
                                                "applied": .bool(false), "notes": .array(plan.notes.map(JSONValue.string))])))
            } else if dryRun {
                Output.error("dry run: nothing was changed")
            } else {
                Output.error("nothing to apply")
            }
            if !plan.refused.isEmpty {
                Output.error("\(plan.refused.count) role(s) refused: " + plan.refused.map(\.role).joined(separator: ", "))
                throw ExitCode(1)
            }
            if dryRun && !plan.changes.isEmpty { throw ExitCode(3) }
            return
        }
        var report = RoleReport()
        report.entries = plan.refused
        report.alreadyPrinted = plan.refused.count
        var updatedManifests = manifests
        try await withClient(connection) { client in
            for change in plan.changes.sorted(by: { Self.order($0) < Self.order($1) }) {
                let entry = await Self.execute(change, client: client)
                report.add(entry.report)
                if let after = entry.after { Self.record(change, after: after, in: &updatedManifests) }
            }
        }
        for (folder, manifest) in updatedManifests { try manifest.write(in: folder) }
        if output.json {
            Output.json(.object(JSONObject(["plan": .array(planEntries.map(RoleReport.json)), "unchanged": .int(plan.unchanged), "applied": .bool(true),
                                            "results": .array(report.entries.map(RoleReport.json)), "notes": .array(plan.notes.map(JSONValue.string))])))
            if !report.notDone.isEmpty {
                Output.error("\(report.notDone.count) role(s) not changed: " + report.notDone.map(\.role).joined(separator: ", "))
                throw ExitCode(1)
            }
            return
        }
        Output.line("")
        try report.finish(json: false)
    }

    /// Updates first (a rename frees a name), then creates, then deletes.
    static func order(_ change: ApplyPlan.Change) -> (Int, String) {
        switch change.kind {
        case .update: return (0, change.name)
        case .create: return (1, change.name)
        case .delete: return (2, change.name)
        }
    }

    /// One change with its lost-update check; a failure is this role's result, the others still run.
    static func execute(_ change: ApplyPlan.Change, client: any RoleStoreAPI) async -> (report: RoleReport.Entry, after: Role?) {
        var after: Role?
        var entry = await RoleReport.attempt(role: change.name, id: change.id, action: change.kind.rawValue) {
            let outcome: RoleWriteOutcome
            switch change.kind {
            case .update:
                outcome = try await RoleWriteGuard.update(client, id: change.id, base: change.base ?? RoleBase(updated: nil, digest: nil)) { now in
                    RoleDocumentCheck.merge(change.document, onto: now.document)
                }
            case .create:
                outcome = try await RoleWriteGuard.create(client, document: change.document)
            case .delete:
                outcome = try await RoleWriteGuard.delete(client, id: change.id, base: change.base)
            }
            if case .applied(let role, _) = outcome { after = role }
            var entry = RoleReport.entry(outcome, role: change.name, id: change.id, action: change.kind.rawValue)
            if change.kind == .update { entry.changes = change.changes }
            if case .refused = outcome, entry.detail?.hasPrefix("changed on the server since") == true {
                entry.detail = entry.detail! + " (after the plan was made); nothing was written"
            }
            return entry
        }
        entry.file = change.file?.lastPathComponent
        return (entry, after)
    }

    /// Keeps the manifest of the change's directory in step with what the server now holds.
    static func record(_ change: ApplyPlan.Change, after: Role, in manifests: inout [URL: RoleManifest]) {
        switch change.kind {
        case .update, .create:
            guard let file = change.file, var manifest = manifests[file.deletingLastPathComponent()] else { return }
            manifest.entries[file.lastPathComponent] = RoleManifest.entry(for: after, file: file.lastPathComponent)
            manifests[file.deletingLastPathComponent()] = manifest
        case .delete:
            for (folder, var manifest) in manifests {
                for (name, entry) in manifest.entries where entry.id == change.id { manifest.entries[name] = nil }
                manifests[folder] = manifest
            }
        }
    }

    static func planLine(_ entry: RoleReport.Entry) -> String {
        let sign = ["create": "+", "update": "~", "delete": "-"][entry.action] ?? "?"
        let place = entry.file.map { " (\($0))" } ?? (entry.id.isEmpty ? "" : " (id \(entry.id))")
        if entry.result == "refused" { return "! refused \(entry.action) \(entry.role)\(place): \(entry.detail ?? "")" }
        var line = "\(sign) \(entry.action) \(entry.role)\(place)" + (entry.detail.map { " \u{2014} " + $0 } ?? "")
        for change in entry.changes { line += "\n    \(change.path): \(change.describe())" }
        return line
    }

    /// The role files named on the command line (a directory's `*.json`), each with its manifest entry, and the
    /// manifests to keep up to date (a directory always gets one; a single file's only if it has one).
    func collectSources() throws -> ([ApplyPlan.Source], [URL: RoleManifest], RoleManifest?) {
        var sources: [ApplyPlan.Source] = []
        var manifests: [URL: RoleManifest] = [:]
        var exported: RoleManifest?
        var sawDirectory = false
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw RoleFileError("\(path): no such file or directory.")
            }
            let url = URL(fileURLWithPath: path).standardizedFileURL
            let folder = isDirectory.boolValue ? url : url.deletingLastPathComponent()
            if manifests[folder] == nil {
                if let manifest = try RoleManifest.read(in: folder) {
                    manifests[folder] = manifest
                    if isDirectory.boolValue { exported = manifest }
                } else if isDirectory.boolValue {
                    manifests[folder] = RoleManifest()
                }
            }
            let manifest = manifests[folder]
            if isDirectory.boolValue {
                sawDirectory = true
                for file in try RolesExportCommand.roleFiles(in: url) {
                    sources.append(.init(url: url.appendingPathComponent(file), entry: manifest?.entries[file]))
                }
            } else {
                sources.append(.init(url: url, entry: manifest?.entries[url.lastPathComponent]))
            }
        }
        if prune && (!sawDirectory || paths.count > 1 || exported == nil) {
            throw RoleFileError("--prune needs exactly one directory written by 'privx-roles roles export' (its manifest says which roles "
                + "were exported; only those whose file is gone are deleted). Nothing was applied.")
        }
        return (sources, manifests, prune ? exported : nil)
    }
}
