import ArgumentParser
import Foundation
import PrivXAPI
import RoleEditing

/// `privx-roles roles export DIR [--filter TEXT]`: every role as a file, for version control and `roles apply`.
struct RolesExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write every role to DIR as <name>.json, plus a manifest.",
        discussion: """
            Each file holds what an administrator edits (name, comment, tags, permissions, context, source_rules and \
            any other key the server sent), keys in a fixed order and indented, so 'git diff' shows only real \
            changes. Server-owned keys (id, created, updated, author, member_count, ...) go to the manifest \
            (\(RoleFiles.manifestName)) with each role's id and updated stamp, which 'roles apply' uses to refuse \
            roles changed on the server since. Names are made safe for file names (other characters become _) and \
            unique (-2, -3). Files the previous export wrote for roles that are gone are removed; other files are left alone. A file edited since the last export (not applied yet) is never overwritten: the export stops and names it, unless --force. \
            Exit codes: 0 written, 1 API error, 2 usage or DIR not writable.
            """)

    @Argument(help: "Directory to write (created if missing).")
    var directory: String

    @Option(name: .long, help: ArgumentHelp(ListFilter.roleHelp, valueName: "text"))
    var filter: String?

    @Flag(name: .long, help: "Overwrite role files that have edits not applied yet.")
    var force = false

    @OptionGroup var output: WriteOutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let folder = URL(fileURLWithPath: directory)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RoleFileError("Cannot create \(directory): \(error.localizedDescription).")
        }
        let all = try await withClient(connection) { try await $0.allRoles() }
        let listing = RoleListing(roles: all, printing: [], filter: filter, sort: .name, descending: false)
        let roles = listing.order.map { all[$0] }
        let previous = try RoleManifest.read(in: folder)
        var taken: Set<String> = []
        var manifest = RoleManifest()
        manifest.filter = filter
        var written: [(String, Role)] = []
        var planned: [(file: String, text: String, digest: String)] = []
        // Named in (name, id) order, so a name collision gives the same -2 to the same role every time.
        for role in roles.sorted(by: { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }) {
            let file = RoleFiles.fileName(for: role.name, taken: &taken)
            let entry = RoleManifest.entry(for: role, file: file)
            planned.append((file, RoleFiles.text(of: role), entry.digest))
            manifest.entries[file] = entry
            written.append((file, role))
        }
        // An edit not applied yet is never overwritten: a file that differs from what the last export wrote
        // (and from what this one would write) stops the export before anything is written.
        let edited = planned.filter {
            Self.hasLocalEdits(folder.appendingPathComponent($0.file), newText: $0.text, newDigest: $0.digest, previous: previous?.entries[$0.file])
        }
        if !edited.isEmpty && !force {
            throw RoleFileError("Not exported: \(edited.count) file(s) in \(directory) have edits that are not applied: "
                + edited.map(\.file).prefix(10).joined(separator: ", ") + (edited.count > 10 ? ", ..." : "")
                + ". Apply them ('privx-roles roles apply \(directory)'), keep them elsewhere (git stash), or overwrite them with --force.")
        }
        for entry in planned { try RoleFiles.writeAtomically(entry.text, to: folder.appendingPathComponent(entry.file)) }
        // A role deleted on the server since the last export must not come back through apply; a file the
        // previous export did not write (a new role not applied yet) is not ours to remove.
        let stale = try RolesExportCommand.roleFiles(in: folder).filter { file in
            guard manifest.entries[file] == nil, let entry = previous?.entries[file] else { return false }
            return !Self.hasLocalEdits(folder.appendingPathComponent(file), newText: "", previous: entry)
        }
        for file in stale { try? FileManager.default.removeItem(at: folder.appendingPathComponent(file)) }
        try manifest.write(in: folder)
        if output.json {
            Output.json(.object(JSONObject([
                "directory": .string(folder.path),
                "roles": .array(written.map { .object(JSONObject(["file": .string($0.0), "id": .string($0.1.id), "name": .string($0.1.name)])) }),
                "removed": .array(stale.map(JSONValue.string)),
            ])))
        } else {
            Output.line("exported \(written.count) role(s) to \(folder.path)" + (stale.isEmpty ? "" : "; removed \(stale.count) stale file(s): " + stale.joined(separator: ", ")))
        }
    }

    /// True when `url` exists, differs from `newText`, and is not what the last export wrote (`previous`; a file
    /// no export wrote counts as edited). A file whose content the server holds now (`newDigest`) is not edited.
    static func hasLocalEdits(_ url: URL, newText: String, newDigest: String? = nil, previous: RoleManifest.Entry?) -> Bool {
        guard let data = FileManager.default.contents(atPath: url.path) else { return false }
        let text = String(decoding: data, as: UTF8.self)
        if text == newText { return false }
        guard case .success(let object) = RoleDocumentCheck.parse(text) else { return true }
        let digest = RoleFiles.digest(of: object)
        return digest != newDigest && digest != previous?.digest
    }

    /// The `*.json` files of a directory, sorted.
    static func roleFiles(in folder: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
        } catch {
            throw RoleFileError("Cannot read the directory \(folder.path): \(error.localizedDescription).")
        }
    }
}
