import ArgumentParser
import Foundation
import PrivXAPI

/// `privx-roles roles list|show`.
struct RolesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles", abstract: "List, show, change, export and apply PrivX roles; members and grants; principal keys.",
        subcommands: [RolesListCommand.self, RolesShowCommand.self, RolesCreateCommand.self, RolesUpdateCommand.self,
                      RolesDeleteCommand.self, RolesSetContextCommand.self, RolesExportCommand.self, RolesApplyCommand.self,
                      RolesMembersCommand.self, RolesGrantCommand.self, RolesRevokeCommand.self, RoleKeysCommand.self])
}

/// Output format shared by the list commands.
struct FormatOptions: ParsableArguments {
    @Flag(name: .long, help: "Raw server JSON.")
    var json = false

    @Flag(name: .long, help: "CSV with a header row.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
    }
}

struct RolesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List every role (all pages).")

    @Option(name: .long, help: "Sort by name, members, permissions, updated or created (default name).")
    var sort: RoleListing.SortKey = .name

    @Flag(name: .long, help: "Sort descending.")
    var desc = false

    @Option(name: .long, help: ArgumentHelp(ListFilter.roleHelp, valueName: "text"))
    var filter: String?

    @OptionGroup var format: FormatOptions
    @OptionGroup var connection: ConnectionOptions

    static let csvKeys = ["id", "name", "member_count", "permissions", "tags", "system", "updated", "comment"]
    static let tableKeys = ["id", "name", "system", "member_count", "permissions", "tags", "updated", "created"]

    func run() async throws {
        let keys = format.json ? [] : format.csv ? Self.csvKeys : Self.tableKeys
        // Each page's keys are decoded as it lands, while the later pages are still on the wire.
        let wanted = RoleListing.decodedKeys(printing: keys, sort: sort)
        let decoded = DecodedRoles(keys: wanted, json: format.json)
        try await withClient(connection, speculative: true, reading: { client in
            try await client.allRoles(onPage: { page, _, _ in decoded.add(page) })
        }, thenWriting: { roles in
            write(roles, decoded: decoded, keys: keys)
        })
    }

    /// Prints the roles as asked (while the client's connections close).
    private func write(_ roles: [Role], decoded: DecodedRoles, keys: [String]) {
        // The pages handed over are the list, page after page; decoded again only if they ever were not.
        let decodedFields = decoded.roles
        let handedOver = decodedFields.count == roles.count
        let listing = handedOver
            ? RoleListing(roles: roles, fields: decodedFields, filter: filter, sort: sort, descending: desc)
            : RoleListing(roles: roles, printing: keys, filter: filter, sort: sort, descending: desc)
        if format.json {
            // The server's bytes of each role: one JSON array, one role per line (terminal-unsafe
            // characters written as \u escapes, the same document), prepared page by page.
            let json = handedOver ? decoded.json : roles.map { Output.SafeJSON($0.jsonBytes) }
            Output.jsonArray(listing.order.lazy.map { json[$0] })
            return
        }
        let fields = listing.fields
        if format.csv {
            let rows = listing.order.map { index in
                let role = fields[index]
                return [role.id, role.name, role.memberCount.map(String.init) ?? "", role.permissions.joined(separator: ";"),
                        role.tags.joined(separator: ";"), role.system ? "true" : "false", role.updated ?? "", role.comment ?? ""]
            }
            Output.line(TableFormatter.csv(headers: Self.csvKeys, rows: rows))
            return
        }
        let rows = listing.order.map { index in
            let role = fields[index]
            return [role.name + (role.system ? " (system)" : ""), role.memberCount.map(String.init) ?? "-",
                    String(role.permissions.count), role.tags.joined(separator: ","), role.updated ?? role.created ?? "-", role.id]
        }
        Output.line(TableFormatter.table(headers: ["NAME", "MEMBERS", "PERMS", "TAGS", "UPDATED", "ID"], rows: rows))
        Output.error("\(listing.order.count) role(s)")
    }
}

extension RoleListing.SortKey: ExpressibleByArgument {}

struct RolesShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one role by name or id.")

    @Argument(help: "Role name or id.")
    var role: String

    @Flag(name: .long, help: "The role's raw server JSON.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let (role, sources) = try await withClient(connection) { client in
            let role = try await ReferenceResolver(api: client).role(self.role)
            // Source names make rules readable; a client without sources-view still gets the ids.
            let sources = (try? await client.sources()) ?? []
            return (role, sources)
        }
        if json {
            Output.json(role.json)
            return
        }
        Output.line(RoleDescription.render(role, sources: sources))
    }
}
