import ArgumentParser
import Foundation
import PrivXAPI

/// `privx-roles roles list|show`.
struct RolesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles", abstract: "List and show PrivX roles.",
        subcommands: [RolesListCommand.self, RolesShowCommand.self])
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

    /// Sort keys for `--sort`.
    enum SortKey: String, ExpressibleByArgument, CaseIterable {
        case name, members, permissions, updated, created
    }

    @Option(name: .long, help: "Sort by name, members, permissions, updated or created (default name).")
    var sort: SortKey = .name

    @Flag(name: .long, help: "Sort descending.")
    var desc = false

    @Option(name: .long, help: "Only roles whose name, comment, tags or permissions contain TEXT (case-insensitive).")
    var filter: String?

    @OptionGroup var format: FormatOptions
    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        var roles = try await withClient(connection) { try await $0.allRoles() }
        if let filter, !filter.isEmpty {
            let needle = filter.lowercased()
            roles = roles.filter { role in
                ([role.name, role.comment ?? ""] + role.tags + role.permissions).contains { $0.lowercased().contains(needle) }
            }
        }
        roles = sorted(roles)
        if format.json {
            Output.json(.array(roles.map(\.json)))
            return
        }
        if format.csv {
            let rows = roles.map { role in
                [role.id, role.name, role.memberCount.map(String.init) ?? "", role.permissions.joined(separator: ";"),
                 role.tags.joined(separator: ";"), role.system ? "true" : "false", role.updated ?? "", role.comment ?? ""]
            }
            Output.line(TableFormatter.csv(headers: ["id", "name", "member_count", "permissions", "tags", "system", "updated", "comment"],
                                           rows: rows))
            return
        }
        let rows = roles.map { role in
            [role.name + (role.system ? " (system)" : ""), role.memberCount.map(String.init) ?? "-",
             String(role.permissions.count), role.tags.joined(separator: ","), role.updated ?? role.created ?? "-", role.id]
        }
        Output.line(TableFormatter.table(headers: ["NAME", "MEMBERS", "PERMS", "TAGS", "UPDATED", "ID"], rows: rows))
        Output.error("\(roles.count) role(s)")
    }

    private func sorted(_ roles: [Role]) -> [Role] {
        let ascending: [Role]
        switch sort {
        case .name: ascending = roles.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        case .members: ascending = roles.sorted { ($0.memberCount ?? 0, $0.name) < ($1.memberCount ?? 0, $1.name) }
        case .permissions: ascending = roles.sorted { ($0.permissions.count, $0.name) < ($1.permissions.count, $1.name) }
        case .updated: ascending = roles.sorted { ($0.updated ?? "", $0.name) < ($1.updated ?? "", $1.name) }
        case .created: ascending = roles.sorted { ($0.created ?? "", $0.name) < ($1.created ?? "", $1.name) }
        }
        return desc ? ascending.reversed() : ascending
    }
}

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
