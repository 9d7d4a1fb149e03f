import ArgumentParser
import Foundation
import Logging
import PrivXAPI
import RoleStoreSimulator

/// Where the console's data comes from: an in-process simulator (`--demo`) or the configured server.
struct ConsoleBackend {
    var configuration: ClientConfiguration
    /// Host and port for the status bar.
    var endpoint: String
    /// Who the console acts as (never a secret).
    var identity: String
    /// The in-process simulator, in demo mode.
    var server: SimulatorServer?
    /// Shown in the status bar for the whole run (a secret given as a flag).
    var warning: String? = nil
    /// Where the password of a person (`--user`, a demo user) comes from; nil for API clients and tokens.
    var passwordInput: PasswordInput? = nil

    /// Stops the simulator, if any.
    func stop() async { await server?.stop() }

    static func make(command: ConsoleCommand, logger: Logger) async throws -> ConsoleBackend {
        command.demo ? try await demo(command, logger: logger) : try configured(command, logger: logger)
    }

    /// Starts the simulator over HTTPS on a free loopback port; its CA is trusted for this run only.
    static func demo(_ command: ConsoleCommand, logger: Logger) async throws -> ConsoleBackend {
        var options = SimulatorOptions()
        options.tls = true
        options.port = 0
        if let size = command.demoSize { options.seed = .roles(size) }
        let server: SimulatorServer
        do {
            server = try await SimulatorServer.start(options)
        } catch {
            throw ValidationError("the demo simulator could not start: \(error)")
        }
        let endpoint = "demo 127.0.0.1:\(server.port)"
        if let person = DemoUsers.named(command.demoUser.rawValue) {
            logger.info("demo simulator on \(server.baseURL) as user \(person.name)")
            let configuration = ClientConfiguration(baseURL: server.baseURL, credentials: .user(name: person.name),
                                                    additionalCACertificatesPEM: server.caCertificatePEM.map { [$0] } ?? [])
            return ConsoleBackend(configuration: configuration, endpoint: endpoint, identity: "user \(person.name)", server: server,
                                  passwordInput: command.connection.passwordInput(user: person.name, target: endpoint))
        }
        guard let credential = DemoCredentials.named(command.demoUser.rawValue) else {
            await server.stop()
            throw ValidationError("unknown demo user \(command.demoUser.rawValue); use admin, viewer, mapper, alice, bob or carol")
        }
        logger.info("demo simulator on \(server.baseURL) as \(credential.name)")
        let configuration = ClientConfiguration(
            baseURL: server.baseURL,
            credentials: .apiClient(oauthClientID: credential.oauthClientID, oauthClientSecret: credential.oauthClientSecret,
                                    apiClientID: credential.apiClientID, apiClientSecret: credential.apiClientSecret),
            additionalCACertificatesPEM: server.caCertificatePEM.map { [$0] } ?? [])
        return ConsoleBackend(configuration: configuration, endpoint: endpoint,
                              identity: "demo \(credential.name)", server: server)
    }

    /// Loads flags, environment and config file; a missing or broken setting stops here, before curses.
    static func configured(_ command: ConsoleCommand, logger: Logger) throws -> ConsoleBackend {
        let loaded: LoadedConfiguration
        do {
            loaded = try ConfigurationLoader.load(flags: command.connection.flags)
        } catch {
            Output.error("privx-roles: " + error.description + "\n\n" + setupHelp)
            throw ExitCode(2)
        }
        // Before the screen opens (curses would hide it), and in the log.
        let unusedPassword = command.connection.passwordSourceWarning(for: loaded.configuration.credentials)
        for warning in loaded.warnings + (unusedPassword.map { [$0] } ?? []) {
            Output.error(warning)
            logger.warning("\(warning)")
        }
        let configuration = loaded.configuration
        let host = URL(string: configuration.baseURL).map { url in (url.host ?? configuration.displayBaseURL) + (url.port.map { ":\($0)" } ?? "") }
            ?? configuration.displayBaseURL
        let identity = switch configuration.credentials {
        case .apiClient(_, _, let apiClientID, _): "client " + String(apiClientID.prefix(8))
        case .bearerToken: "bearer token"
        case .user(let name): "user " + name
        }
        let warning = loaded.secretFlags.isEmpty ? nil
            : loaded.secretFlags.joined(separator: ", ") + " on the command line: visible in ps"
        var input: PasswordInput?
        if case .user(let name) = configuration.credentials {
            input = command.connection.passwordInput(user: name, target: host)
        }
        return ConsoleBackend(configuration: configuration, endpoint: host, identity: identity, server: nil, warning: warning,
                              passwordInput: input)
    }

    /// What to set, with an example, for a person whose configuration is missing or broken.
    static let setupHelp = """
        The console needs a PrivX URL and either your PrivX user name (--user NAME; the password is asked) or
        API client credentials. Set them in the environment, for example:

          export PRIVX_API_BASE_URL=https://privx.example.com
          export PRIVX_API_CLIENT_ID=<api client id>
          export PRIVX_API_CLIENT_SECRET=<api client secret>
          export PRIVX_API_OAUTH_CLIENT_ID=privx-external
          export PRIVX_API_OAUTH_CLIENT_SECRET=<oauth client secret>

        or in ~/.config/privx-roles/config.toml (a PrivX SDK config file works as is):

          [api]
          base_url = "https://privx.example.com"
          [auth]
          api_client_id = "<api client id>"
          api_client_secret = "<api client secret>"
          oauth_client_id = "privx-external"
          oauth_client_secret = "<oauth client secret>"

        Check with `privx-roles config`. To try the console without a server: privx-roles --demo
        """
}
