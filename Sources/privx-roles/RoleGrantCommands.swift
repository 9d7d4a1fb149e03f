import ArgumentParser
import Foundation
import PrivXAPI

/// `privx-roles roles members ROLE`: who holds the role, and whether by a grant (explicit) or by its rules (mapped).
struct RolesMembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members", abstract: "List a role's members (all pages), explicit or mapped.")

    @Argument(help: "Role name or id.")
    var role: String

    @OptionGroup var format: FormatOptions
    @OptionGroup var connection: ConnectionOptions

    static let csvKeys = ["id", "principal", "full_name", "email", "source", "explicit"]

    func run() async throws {
        let (role, members) = try await withClient(connection) { client in
            let role = try await ReferenceResolver(api: client).role(self.role)
            return (role, try await client.allMembers(roleID: role.id, progress: nil))
        }
        if format.json {
            Output.json(.array(members.map(\.json)))
            return
        }
        if format.csv {
            Output.line(TableFormatter.csv(headers: Self.csvKeys, rows: members.map {
                [$0.id, $0.principal, $0.fullName ?? "", $0.email ?? "", $0.source ?? "", $0.isExplicitMember ? "true" : "false"]
            }))
            return
        }
        Output.line(TableFormatter.table(headers: ["PRINCIPAL", "NAME", "EMAIL", "HOW", "ID"], rows: members.map {
            [$0.principal, $0.fullName ?? "", $0.email ?? "", $0.isExplicitMember ? "explicit" : "mapped", $0.id]
        }))
        Output.error("\(members.count) member(s) of \(role.name): \(members.filter(\.isExplicitMember).count) explicit")
    }
}

/// `privx-roles roles grant ROLE USER… [--until T | --from T --until T | --floating HOURS]`.
struct RolesGrantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant", abstract: "Grant a role to users explicitly: permanent, time-restricted or floating.",
        discussion: """
            Times are RFC 3339 (2026-05-01T09:00:00Z, 2026-05-01T12:00:00+03:00) or YYYY-MM-DD[THH:MM] in the \
            local time zone; they are sent as UTC. --until alone starts now. --floating HOURS grants a window of \
            that many hours that starts at the user's first connection. A user who already holds the role \
            explicitly gets the new terms.
            """)

    @Argument(help: "Role name or id.")
    var role: String

    @Argument(help: "User ids, principals or e-mail addresses.")
    var users: [String]

    @Option(name: .long, help: "Start of a time-restricted grant (default now).")
    var from: String?

    @Option(name: .long, help: "End of a time-restricted grant.")
    var until: String?

    @Option(name: .long, help: "Length in hours of a floating grant.")
    var floating: Int?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if users.isEmpty { throw ValidationError("name at least one user") }
        if floating != nil, from != nil || until != nil { throw ValidationError("choose --floating or --from/--until, not both") }
        if from != nil, until == nil { throw ValidationError("--from needs --until") }
        if let floating, floating < 1 { throw ValidationError("--floating must be 1 hour or more") }
        _ = try terms(now: Date())
    }

    /// The grant terms the options ask for.
    func terms(now: Date) throws -> GrantTerms {
        if let floating { return .floating(hours: floating) }
        guard let until else { return .permanent }
        let end = try GrantTimeArgument.parse(until, option: "--until")
        let start = try from.map { try GrantTimeArgument.parse($0, option: "--from") } ?? now
        guard end > start else { throw ValidationError("--until (\(GrantTerms.format(end))) must be after the start (\(GrantTerms.format(start)))") }
        return .timeRestricted(start: start, end: end)
    }

    func run() async throws {
        let terms = try terms(now: Date())
        try await GrantRun.each(connection: connection, role: role, users: users) { client, role, user in
            try await client.grantRole(RoleRef(id: role.id, name: role.name), to: user.id, terms: terms)
        }
    }
}

/// `privx-roles roles revoke ROLE USER…`.
struct RolesRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke users' explicit grants of a role (mapped members stay: change the rules).")

    @Argument(help: "Role name or id.")
    var role: String

    @Argument(help: "User ids, principals or e-mail addresses.")
    var users: [String]

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if users.isEmpty { throw ValidationError("name at least one user") }
    }

    func run() async throws {
        try await GrantRun.each(connection: connection, role: role, users: users) { client, role, user in
            try await client.revokeRole(RoleRef(id: role.id, name: role.name), from: user.id)
        }
    }
}

/// Runs one grant or revoke per user and reports each: every user is tried, and the first failure is the
/// command's error (exit 1) after the others were reported.
enum GrantRun {
    static func each(connection: ConnectionOptions, role reference: String, users: [String],
                     _ change: @escaping (PrivXClient, Role, User) async throws -> GrantOutcome) async throws {
        try await withClient(connection) { client in
            let role = try await ReferenceResolver(api: client).role(reference)
            var firstError: Error?
            for name in users {
                do {
                    let user = try await UserResolver(api: client).user(name)
                    let outcome = try await change(client, role, user)
                    var line = "\(user.principal): \(role.name) \(outcome.change.rawValue)"
                    if let handle = outcome.roles.first(where: { $0.id == role.id }) {
                        let terms = GrantWording.terms(handle)
                        if !terms.isEmpty { line += " (\(terms))" } else if handle.isImplicit { line += " (still mapped by the role's rules)" }
                    }
                    if let lost = outcome.writeError {
                        line += "  applied (verified by re-reading: the answer to the change was lost, \(lost.kind))"
                    }
                    Output.line(line)
                } catch {
                    // One user: the error is the command's own message; several: each is named, the others go on.
                    if users.count == 1 { throw error }
                    Output.error("\(name): \((error as? PrivXError)?.description ?? "\(error)")")
                    if firstError == nil { firstError = error }
                }
            }
            if firstError != nil {
                throw PrivXError.invalidRequest("Not every user was changed; see the lines above.")
            }
        }
    }
}

/// A time given on the command line.
enum GrantTimeArgument {
    static func parse(_ text: String, option: String) throws -> Date {
        if let date = GrantTerms.parse(text) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        for pattern in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            formatter.dateFormat = pattern
            if let date = formatter.date(from: text) { return date }
        }
        throw ValidationError("\(option) '\(text)' is not a time: use RFC 3339 (2026-05-01T09:00:00Z) or YYYY-MM-DD[THH:MM] in local time")
    }
}
