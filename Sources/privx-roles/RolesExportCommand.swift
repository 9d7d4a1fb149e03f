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
            unique (-2, -3). Files the previous export wrote for roles that are gone are removed; other files are left alone. \
            Exit codes: 0 written, 1 API error, 2 usage or DIR not writable.
            """)

    @Argument(help: "Directory to write (created if missing).")
    var directory: String

    @Option(name: .long, help: "Only roles whose name, comment, tags or permissions contain TEXT (case-insensitive); 'roles apply --prune' refuses such an export.")
    var filter: String?

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
        // Named in (name, id) order, so a name collision gives the same -2 to the same role every time.
        for role in roles.sorted(by: { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }) {
            let file = RoleFiles.fileName(for: role.name, taken: &taken)
            try RoleFiles.writeAtomically(RoleFiles.text(of: role), to: folder.appendingPathComponent(file))
            manifest.entries[file] = RoleManifest.entry(for: role, file: file)
            written.append((file, role))
        }
        // A role deleted on the server since the last export must not come back through apply; a file the
        // previous export did not write (a new role not applied yet) is not ours to remove.
        let stale = try RolesExportCommand.roleFiles(in: folder).filter { manifest.entries[$0] == nil && previous?.entries[$0] != nil }
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

    /// The `*.json` files of a directory, sorted.
    static func roleFiles(in folder: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
        } catch {
            throw RoleFileError("Cannot read the directory \(folder.path): \(error.localizedDescription).")
        }
    }
}
