import ArgumentParser
import PrivXAPI

/// `privx-roles awsroles list|show|map|unmap`.
struct AWSRolesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "awsroles", abstract: "List AWS roles and map them to PrivX roles.",
        subcommands: [AWSRolesListCommand.self, AWSRolesShowCommand.self, AWSRolesMapCommand.self, AWSRolesUnmapCommand.self])
}

struct AWSRolesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the AWS roles PrivX knows.")

    @Flag(name: .long, help: "Re-scan the AWS directories first (can take seconds).")
    var refresh = false

    @Option(name: .long, help: ArgumentHelp(ListFilter.awsRoleHelp, valueName: "text"))
    var filter: String?

    @OptionGroup var format: FormatOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        if refresh { Output.error("re-scanning AWS directories...") }
        let query = ListFilter.awsRoles(filter)
        let roles = try await withClient(connection) { try await $0.awsRoles(refresh: refresh) }
            .filter { role in query.map { ListFilter.matches($0, role) } ?? true }
            .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        if format.json {
            Output.json(.array(roles.map(\.json)))
        } else if format.csv {
            Output.line(TableFormatter.csv(
                headers: ["id", "name", "arn", "status", "privx_roles"],
                rows: roles.map { [$0.id, $0.name, $0.arn, $0.status ?? "", $0.roles.map(\.name).joined(separator: ";")] }))
        } else {
            Output.line(TableFormatter.table(
                headers: ["NAME", "STATUS", "PRIVX ROLES", "ARN"],
                rows: roles.map { [$0.name, $0.status ?? "-", $0.roles.isEmpty ? "-" : $0.roles.map(\.name).joined(separator: ","), $0.arn] }))
            Output.error("\(roles.count) AWS role(s)")
        }
    }
}

struct AWSRolesShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one AWS role by name, ARN or id.")

    @Argument(help: "AWS role name, ARN or id.")
    var awsRole: String

    @Flag(name: .long, help: "Raw server JSON.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let (role, linked) = try await withClient(connection) { client in
            let found = try await ReferenceResolver(api: client).awsRole(awsRole)
            let role = try await client.awsRole(id: found.id)
            return (role, try await client.awsRoleLinkedRoles(id: found.id))
        }
        if json {
            Output.json(role.json)
            return
        }
        Output.line(TableFormatter.keyValues([
            ("name", role.name), ("id", role.id), ("arn", role.arn), ("status", role.status ?? "-"),
            ("description", role.description ?? ""), ("source", role.source ?? "-"), ("updated", role.updated ?? "-"),
            ("privx roles", linked.isEmpty ? "(none)" : linked.map(\.name).joined(separator: ", ")),
        ]))
    }
}

/// Shared read-modify-write of an AWS role's PrivX role set: GET, change, PUT, re-read and report.
enum AWSRoleMapping {
    static func change(connection: ConnectionOptions, awsRole reference: String, roles: [String], add: Bool) async throws {
        try await withClient(connection) { client in
            let resolver = ReferenceResolver(api: client)
            let awsRole = try await resolver.awsRole(reference)
            let wanted = try await resolver.roleRefs(roles)
            // Re-read right before the PUT: GET and PUT are not atomic on the server.
            let current = try await client.awsRoleLinkedRoles(id: awsRole.id)
            let currentIDs = Set(current.map(\.id))
            var changed: [RoleRef] = []
            var unchanged: [RoleRef] = []
            var next = current
            for ref in wanted {
                if add {
                    if currentIDs.contains(ref.id) || changed.contains(where: { $0.id == ref.id }) { unchanged.append(ref); continue }
                    next.append(ref)
                    changed.append(ref)
                } else {
                    guard currentIDs.contains(ref.id), !changed.contains(where: { $0.id == ref.id }) else { unchanged.append(ref); continue }
                    next.removeAll { $0.id == ref.id }
                    changed.append(ref)
                }
            }
            let sign = add ? "+" : "\u{2212}"
            if changed.isEmpty {
                Output.line("\(awsRole.name): no change (" + unchanged.map(\.name).joined(separator: ", ")
                    + (add ? " already mapped)" : " not mapped)"))
                return
            }
            // The shared lost-answer check: after a timeout, a broken connection or a 5xx, the set is re-read
            // (the read retried) and the server decides whether the change was applied.
            let changedIDs = Set(changed.map(\.id))
            let written = try await client.setAWSRoleLinkedRolesVerified(id: awsRole.id, roles: next, holds: { after in
                let ids = Set(after.map(\.id))
                return add ? changedIDs.isSubset(of: ids) : changedIDs.isDisjoint(with: ids)
            })
            guard written.held else {
                throw PrivXError.invalidRequest("The server acknowledged the change of \(awsRole.name) but does not hold it when read back; "
                    + "nothing was applied. Run 'privx-roles awsroles show \(awsRole.arn)' and try again.")
            }
            var line = "\(awsRole.name): " + changed.map { sign + $0.name }.joined(separator: " ")
            if !unchanged.isEmpty { line += "  (unchanged: " + unchanged.map(\.name).joined(separator: ", ") + ")" }
            if let lost = written.writeError {
                line += "  applied (verified by re-reading: the answer to the change was lost, \(lost.kind))"
            }
            Output.line(line)
            if Set((written.value ?? []).map(\.id)) != Set(next.map(\.id)) {
                Output.error("warning: the mapping changed again on the server meanwhile (someone else edited it); "
                    + "run 'privx-roles awsroles show \(awsRole.arn)' to check.")
            }
        }
    }
}

/// The two arguments `map` and `unmap` share: which AWS role, and which PrivX roles.
struct AWSRoleMappingArguments: ParsableArguments {
    @Argument(help: "AWS role name, ARN or id.")
    var awsRole: String

    @Argument(help: "PrivX role names or ids.")
    var privxRoles: [String]

    func validate() throws {
        if privxRoles.isEmpty { throw ValidationError("name at least one PrivX role") }
    }
}

struct AWSRolesMapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "map", abstract: "Let the members of PrivX roles assume an AWS role.")

    @OptionGroup var mapping: AWSRoleMappingArguments
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await AWSRoleMapping.change(connection: connection, awsRole: mapping.awsRole, roles: mapping.privxRoles, add: true)
    }
}

struct AWSRolesUnmapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unmap", abstract: "Stop PrivX roles from granting an AWS role.")

    @OptionGroup var mapping: AWSRoleMappingArguments
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await AWSRoleMapping.change(connection: connection, awsRole: mapping.awsRole, roles: mapping.privxRoles, add: false)
    }
}
