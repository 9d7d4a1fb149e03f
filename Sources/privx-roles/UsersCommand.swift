import ArgumentParser
import Foundation
import PrivXAPI

/// `privx-roles users search|show`.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Find users and see which roles they hold, explicitly or mapped.",
        subcommands: [UsersSearchCommand.self, UsersShowCommand.self])
}

struct UsersSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search users in every directory by principal, name or e-mail.")

    @Argument(help: "Text to look for (every word must match).")
    var text: String

    @Option(name: .long, help: "Only users of this directory (source id).")
    var source: String?

    @Option(name: .long, help: "At most this many users (1-1000, default 50).")
    var limit = 50

    @OptionGroup var format: FormatOptions
    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard (1...PageRequest.maximumLimit).contains(limit) else { throw ValidationError("--limit must be between 1 and 1000") }
    }

    static let csvKeys = ["id", "principal", "full_name", "email", "source", "source_type"]

    func run() async throws {
        let page = try await withClient(connection) { client in
            try await client.searchUsers(UserSearch(keywords: text, source: source), page: PageRequest(offset: 0, limit: limit))
        }
        if format.json {
            Output.json(.object(JSONObject(["count": .number(String(page.count)), "items": .array(page.items.map(\.json))])))
            return
        }
        let rows = page.items.map { [$0.id, $0.principal, $0.fullName ?? "", $0.email ?? "", $0.source ?? "", $0.sourceType ?? ""] }
        if format.csv {
            Output.line(TableFormatter.csv(headers: Self.csvKeys, rows: rows))
            return
        }
        Output.line(TableFormatter.table(headers: ["PRINCIPAL", "NAME", "EMAIL", "DIRECTORY", "ID"],
                                         rows: page.items.map { [$0.principal, $0.fullName ?? "", $0.email ?? "", $0.sourceType ?? $0.source ?? "", $0.id] }))
        Output.error("\(page.items.count) of \(page.count) user(s)")
    }
}

struct UsersShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a user and every role they hold: explicit grants (with their terms) and mapped roles.")

    @Argument(help: "User id, principal or e-mail.")
    var user: String

    @OptionGroup var format: FormatOptions
    @OptionGroup var connection: ConnectionOptions

    static let csvKeys = ["role_id", "role", "how", "grant_type", "grant", "state"]

    func run() async throws {
        let (user, roles) = try await withClient(connection) { client in
            let user = try await UserResolver(api: client).user(self.user)
            return (user, try await client.userRoles(userID: user.id))
        }
        let sorted = roles.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        if format.json {
            Output.json(.object(JSONObject(["user": user.json, "roles": .array(sorted.map(\.json))])))
            return
        }
        let rows = sorted.map { [$0.id, $0.name, GrantWording.how($0), $0.isExplicit ? ($0.grantType ?? "PERMANENT") : "",
                                 GrantWording.terms($0), GrantWording.state($0)] }
        if format.csv {
            Output.line(TableFormatter.csv(headers: Self.csvKeys, rows: rows))
            return
        }
        Output.line(TableFormatter.keyValues([
            ("principal", user.principal), ("name", user.fullName ?? ""), ("email", user.email ?? ""),
            ("directory", [user.sourceType, user.source].compactMap { $0 }.joined(separator: " ")), ("id", user.id),
        ]))
        Output.line("")
        Output.line(TableFormatter.table(headers: ["ROLE", "HOW", "GRANT", "STATE", "ID"],
                                         rows: sorted.map { [$0.name, GrantWording.how($0), GrantWording.terms($0), GrantWording.state($0), $0.id] }))
        Output.error("\(sorted.count) role(s): \(sorted.filter(\.isExplicit).count) explicit, \(sorted.filter(\.isImplicit).count) mapped")
    }
}
