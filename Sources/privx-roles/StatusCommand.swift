import ArgumentParser
import PrivXAPI

/// `privx-roles status`: is the role store up, and which version.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the role store's status.")

    @Flag(name: .long, help: "Raw server JSON.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let (baseURL, status) = try await withClient(connection) { client in
            (client.configuration.displayBaseURL, try await client.status())
        }
        if json {
            Output.json(status.json)
            return
        }
        Output.line(TableFormatter.keyValues([
            ("server", baseURL), ("status", status.status ?? "-"), ("app", status.appID ?? "-"),
            ("variant", status.variant ?? "-"), ("version", status.version ?? "-"),
            ("api version", status.apiVersion ?? "-"), ("started", status.startTime ?? "-"),
        ]))
    }
}
