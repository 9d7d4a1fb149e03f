import ArgumentParser
import PrivXAPI

/// `privx-roles status`: is the role store up, which version, and who is logged in.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the role store's status and who is logged in.")

    @Flag(name: .long, help: "Raw server JSON.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let (baseURL, status, caller) = try await withClient(connection) { client in
            let status = try await client.status()
            if json { return (client.configuration.displayBaseURL, status, [(String, String)]()) }
            return (client.configuration.displayBaseURL, status, await Self.caller(client))
        }
        if json {
            Output.json(status.json)
            return
        }
        Output.line(TableFormatter.keyValues([
            ("server", baseURL), ("status", status.status ?? "-"), ("app", status.appID ?? "-"),
            ("variant", status.variant ?? "-"), ("version", status.version ?? "-"),
            ("api version", status.apiVersion ?? "-"), ("started", status.startTime ?? "-"),
        ] + caller))
    }

    /// Who is logged in, from `/users/current`: name, source (its name when the caller may read sources) and the
    /// number of effective permissions. A server that does not answer it for this caller leaves "-".
    static func caller(_ client: PrivXClient) async -> [(String, String)] {
        guard let identity = try? await client.currentIdentity() else {
            return [("logged in as", "- (GET /users/current was not answered)")]
        }
        var source = identity.sourceType ?? "-"
        if let id = identity.sourceID, let named = try? await client.sources().first(where: { $0.id == id })?.name {
            source = "\(named) (\(identity.sourceType ?? "?"))"
        }
        let kind = if case .user = client.configuration.credentials { "user" } else { "caller" }
        return [("logged in as", "\(kind) \(identity.displayName)"), ("source", source),
                ("permissions", "\(identity.permissions.count)")]
    }
}
