import ArgumentParser
import Foundation
import PrivXAPI
import RoleEditing

/// The role file of `roles create` / `roles update`: a path, or `-` for standard input.
struct RoleFileArgument: ParsableArguments {
    @Argument(help: "Role JSON file, or - for standard input.")
    var file: String

    /// How messages name the file.
    var label: String { file == "-" ? "standard input" : file }

    /// The file's JSON object (exit 2 with the place of a syntax error).
    func read() throws -> JSONObject { try RoleFiles.readObject(file) }

    /// The checked document, or exit 2 with the check's words.
    func accept(_ result: Result<RoleDocumentCheck.Checked, JSONEditProblem>) throws -> RoleDocumentCheck.Checked {
        switch result {
        case .success(let value): return value
        case .failure(let problem): throw RoleFileError("\(label): \(problem.message) Nothing was sent.")
        }
    }
}

/// `--json` of the write commands: results as one JSON document on stdout, text for people on stderr.
struct WriteOutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Results as one JSON document on stdout (messages stay on stderr).")
    var json = false
}

/// `privx-roles roles create FILE|-`.
struct RolesCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a role from a JSON file (- reads standard input).",
        discussion: """
            The file is a whole role document, as 'roles show --json' or 'roles export' writes it. Unknown keys are \
            kept; server-owned keys (id, created, updated, author, member_count, ...) are ignored with a note. The \
            role is read back after the write. Exit codes: 0 created, 1 API error or not created, 2 bad file or usage.
            """)

    @OptionGroup var file: RoleFileArgument
    @OptionGroup var output: WriteOutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let checked = try file.accept(RoleDocumentCheck.create(try file.read()))
        var report = RoleReport()
        if !checked.ignoredServerKeys.isEmpty {
            report.notes.append("ignored server-owned keys (the server sets them): " + checked.ignoredServerKeys.joined(separator: ", "))
        }
        let name = Role(document: checked.document).name
        let outcome = try await withClient(connection) { try await RoleWriteGuard.create($0, document: checked.document) }
        report.add(RoleReport.entry(outcome, role: name, id: "", action: "create"))
        try report.finish(json: output.json)
    }
}

/// `privx-roles roles update ROLE FILE|-`.
struct RolesUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Replace a role with a JSON file (- reads standard input).",
        discussion: """
            The file is the whole role document: keys it leaves as the server has them go back unchanged, keys it \
            drops are removed, unknown keys are kept; server-owned keys are ignored with a note. Only what the file \
            changes is validated, with the console's checks. The role is re-read just before the write: when the \
            file has an "updated" key (as 'roles show --json' writes it) a role updated on the server since then is \
            refused, never overwritten. Exit codes: 0 updated or unchanged, 1 API error or refused, 2 bad file or usage.
            """)

    @Argument(help: "Role name or id.")
    var role: String

    @OptionGroup var file: RoleFileArgument
    @OptionGroup var output: WriteOutputOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let object = try file.read()
        let label = file.label
        var report = RoleReport()
        try await withClient(connection) { client in
            let current = try await ReferenceResolver(api: client).role(role)
            if let fileID = object["id"]?.stringValue, !fileID.isEmpty, fileID != current.id {
                throw RoleFileError("\(label) is the role with id \(fileID), not \(current.name) (\(current.id)). Nothing was sent.")
            }
            // The basis of the lost-update check: the file's own stamp when it has one, else this read. A file
            // older than the server's role is refused before its values are judged against the newer role.
            let base = object["updated"]?.stringValue.map { RoleBase(updated: $0, digest: nil) } ?? RoleBase(current)
            if let drift = base.drift(to: current) {
                report.add(.init(role: current.name, id: current.id, action: "update", result: "refused",
                                 detail: drift.replacingOccurrences(of: " since (", with: " since the file's \"updated\" (")
                                    + "; start from 'privx-roles roles show \(current.id) --json'"))
                return
            }
            let checked = try file.accept(RoleDocumentCheck.update(object, over: current))
            if !checked.ignoredServerKeys.isEmpty {
                report.notes.append("ignored server-owned keys (the server sets them): " + checked.ignoredServerKeys.joined(separator: ", "))
            }
            let editable = RoleDocumentCheck.split(object).editable
            let before = RoleDocumentCheck.split(current.document).editable
            let outcome = try await RoleWriteGuard.update(client, id: current.id, base: base) { now in
                let merged = RoleDocumentCheck.merge(editable, onto: now.document)
                return RoleDocumentCheck.split(merged).editable.isEquivalent(to: RoleDocumentCheck.split(now.document).editable) ? nil : merged
            }
            report.add(RoleReport.entry(outcome, role: current.name, id: current.id, action: "update") { after in
                DocumentDiff.changes(from: before, to: RoleDocumentCheck.split(after.document).editable)
            })
        }
        try report.finish(json: output.json)
    }
}

/// `privx-roles roles delete ROLE… [--yes]`.
struct RolesDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete roles (never system roles).",
        discussion: """
            On a terminal each role is confirmed by typing its name (or id), as in the console; without a terminal \
            --yes is required. Each role is re-read just before it is deleted, and checked to be gone after. \
            Exit codes: 0 deleted, 1 API error or a role refused (system role, not confirmed, changed meanwhile), 2 usage.
            """)

    @Argument(help: "Role names or ids.")
    var roles: [String]

    @Flag(name: .long, help: "Delete without asking (required without a terminal).")
    var yes = false

    @OptionGroup var output: WriteOutputOptions
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if roles.isEmpty { throw ValidationError("name at least one role") }
    }

    func run() async throws {
        let interactive = isatty(STDIN_FILENO) == 1
        if !yes && !interactive {
            throw RoleFileError("roles delete needs --yes when standard input is not a terminal (nothing was deleted).")
        }
        var report = RoleReport()
        try await withClient(connection) { client in
            let resolver = ReferenceResolver(api: client)
            var targets: [Role] = []
            for reference in roles {
                let role = try await resolver.role(reference)
                if targets.contains(where: { $0.id == role.id }) { continue }
                targets.append(role)
            }
            let grants = yes ? [] : ((try? await client.awsRoles(refresh: false)) ?? [])
            for role in targets {
                if role.system {
                    report.add(.init(role: role.name, id: role.id, action: "delete", result: "refused", detail: RoleDraft.systemDeleteReason))
                    continue
                }
                if !yes, !DeleteConfirmation.ask(role, grantedAWSRoles: grants.filter { $0.roles.contains { $0.id == role.id } }.map(\.name)) {
                    report.add(.init(role: role.name, id: role.id, action: "delete", result: "refused", detail: "not confirmed; kept"))
                    continue
                }
                report.add(await RoleReport.attempt(role: role.name, id: role.id, action: "delete") {
                    RoleReport.entry(try await RoleWriteGuard.delete(client, id: role.id, base: RoleBase(role)), role: role.name, id: role.id, action: "delete")
                })
            }
        }
        try report.finish(json: output.json)
    }
}

/// The typed-name question of `roles delete` on a terminal, worded as the console's delete dialog.
enum DeleteConfirmation {
    /// Asks on stderr and reads a line from stdin; true only when the role's exact name (or id) was typed.
    static func ask(_ role: Role, grantedAWSRoles: [String]) -> Bool {
        var parts: [String] = []
        let members = role.memberCount ?? 0
        if members > 0 { parts.append("\(members) member\(members == 1 ? "" : "s") lose it") }
        if !grantedAWSRoles.isEmpty {
            parts.append("it stops granting \(grantedAWSRoles.count) AWS role\(grantedAWSRoles.count == 1 ? "" : "s") ("
                + grantedAWSRoles.prefix(3).joined(separator: ", ") + (grantedAWSRoles.count > 3 ? ", \u{2026}" : "") + ")")
        }
        let detail = parts.isEmpty ? "Nobody has it and it grants no AWS role." : parts.joined(separator: "; ") + "."
        Output.error("Delete the role \(role.name)? \(detail) This cannot be undone: re-creating it gives a new id, so its members, "
            + "explicit grants and AWS mappings do not come back.")
        FileHandle.standardError.write(Data(Output.inert("Type the name \(role.name) (or its id) to delete it, Enter to keep it: ").utf8))
        guard let typed = readLine(strippingNewline: true) else { return false }
        return typed == role.name || typed == role.id
    }
}
