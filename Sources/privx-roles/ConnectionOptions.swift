import ArgumentParser
import Foundation
import Logging
import PrivXAPI

/// The connection settings every subcommand shares (flags win over environment and config file).
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default $XDG_CONFIG_HOME/privx-roles/config.toml; a PrivX SDK file works as is).")
    var config: String?

    @Option(name: .long, help: "Profile from [profiles.NAME] in the config file.")
    var profile: String?

    @Option(name: .customLong("base-url"), help: "PrivX URL, e.g. https://privx.example.com (PRIVX_API_BASE_URL).")
    var baseURL: String?

    @Option(name: .customLong("ca-cert"), help: "PEM file with a CA certificate added to the system roots (PRIVX_API_CA_CERT_FILE).")
    var caCert: String?

    @Option(name: .customLong("client-id"), help: "API client id (PRIVX_API_CLIENT_ID).")
    var clientID: String?

    @Option(name: .customLong("client-secret"), help: "API client secret; visible in ps, prefer PRIVX_API_CLIENT_SECRET.")
    var clientSecret: String?

    @Option(name: .customLong("oauth-client-id"), help: "OAuth client id (PRIVX_API_OAUTH_CLIENT_ID, default privx-external).")
    var oauthClientID: String?

    @Option(name: .customLong("oauth-client-secret"), help: "OAuth client secret; visible in ps, prefer PRIVX_API_OAUTH_CLIENT_SECRET.")
    var oauthClientSecret: String?

    @Option(name: .customLong("bearer-token"), help: "Pre-issued access token; visible in ps, prefer PRIVX_API_BEARER_TOKEN.")
    var bearerToken: String?

    @Option(name: .customLong("user"), help: ArgumentHelp(
        "Log in as this PrivX user (PRIVX_API_USERNAME); the password is asked on the terminal without echo.",
        valueName: "name"))
    var user: String?

    @Option(name: .customLong("password-fd"), help: ArgumentHelp(
        "For scripts: read the --user password from this open file descriptor (e.g. 3 with 3<file); see the README.",
        valueName: "n"))
    var passwordFD: Int32?

    @Option(name: .customLong("connect-timeout"), help: "Seconds to connect (default 10).")
    var connectTimeout: Double?

    @Option(name: .customLong("request-timeout"), help: "Seconds for a whole request (default 30).")
    var requestTimeout: Double?

    @Flag(name: .long, help: "Log every API call (method, path, status, duration) on stderr.")
    var verbose = false

    func validate() throws {
        if let passwordFD {
            guard passwordFD >= 0, fcntl(passwordFD, F_GETFD) != -1 else {
                throw ValidationError("--password-fd \(passwordFD) is not an open file descriptor; open it in the shell, "
                    + "e.g. --password-fd 3 3<password-file")
            }
        }
    }

    /// The flags in the loader's terms.
    var flags: ConfigurationFlags {
        ConfigurationFlags(configFile: config, profile: profile, baseURL: baseURL, caCertFile: caCert,
                           apiClientID: clientID, apiClientSecret: clientSecret, oauthClientID: oauthClientID,
                           oauthClientSecret: oauthClientSecret, bearerToken: bearerToken, user: user,
                           connectTimeout: connectTimeout, requestTimeout: requestTimeout)
    }

    /// Where a user's password comes from: `--password-fd`, else `PRIVX_API_PASSWORD`, else the terminal.
    func passwordInput(user: String, target: String,
                       environment: [String: String] = ProcessInfo.processInfo.environment) -> PasswordInput {
        let fromEnvironment = environment[PasswordInput.environmentName].flatMap { $0.isEmpty ? nil : $0 }
        return PasswordInput(fileDescriptor: passwordFD, environmentPassword: passwordFD == nil ? fromEnvironment : nil,
                             promptTarget: "\(user) at \(target)")
    }

    /// A password source given while the configuration logs in as an API client or with a token is unused: say so.
    func passwordSourceWarning(for credentials: Credentials) -> String? {
        if case .user = credentials { return nil }
        guard passwordFD != nil else { return nil }
        return "warning: --password-fd is not used: the configuration logs in with \(credentials), not as a user (--user NAME)."
    }

    /// Loads the configuration, prints its warnings on stderr, and builds a client.
    func makeClient(pageConcurrency: Int? = nil, pageSize: Int? = nil, speculative: Bool = false,
                    onRequest: (@Sendable (APICallRecord) -> Void)? = nil) throws -> PrivXClient {
        let loaded = try ConfigurationLoader.load(flags: flags)
        for warning in loaded.warnings { Output.error(warning) }
        var configuration = loaded.configuration
        if let pageConcurrency { configuration.pageConcurrency = max(1, pageConcurrency) }
        if let pageSize { configuration.pageSize = min(max(1, pageSize), PageRequest.maximumLimit) }
        if speculative { configuration.speculativePages = configuration.pageConcurrency }
        var logger = Logger(label: "privx-roles.api") { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .debug
            return handler
        }
        logger.logLevel = verbose ? .debug : .warning
        if let unused = passwordSourceWarning(for: configuration.credentials) { Output.error(unused) }
        var provider: PasswordProvider?
        if case .user(let name) = configuration.credentials {
            provider = passwordInput(user: name, target: configuration.displayBaseURL).provider()
        }
        return try PrivXClient(configuration: configuration, logger: logger, onRequest: onRequest, passwordProvider: provider)
    }
}

/// Runs `body` with a client and always shuts the client down.
func withClient<T>(_ options: ConnectionOptions, pageConcurrency: Int? = nil, pageSize: Int? = nil, speculative: Bool = false,
                   onRequest: (@Sendable (APICallRecord) -> Void)? = nil,
                   _ body: (PrivXClient) async throws -> T) async throws -> T {
    let client = try options.makeClient(pageConcurrency: pageConcurrency, pageSize: pageSize, speculative: speculative,
                                         onRequest: onRequest)
    do {
        let result = try await body(client)
        await client.shutdown()
        return result
    } catch {
        await client.shutdown()
        throw error
    }
}

/// Reads with a client, then writes what was read while the client shuts down: closing the connections
/// (sixteen TLS sessions after `roles list`) overlaps writing megabytes of output instead of preceding it.
/// The client is shut down on every path before this returns.
func withClient<T: Sendable>(_ options: ConnectionOptions, speculative: Bool = false,
                             reading body: (PrivXClient) async throws -> T,
                             thenWriting output: (T) throws -> Void) async throws {
    let client = try options.makeClient(speculative: speculative)
    let result: T
    do {
        result = try await body(client)
    } catch {
        await client.shutdown()
        throw error
    }
    async let closed: Void = client.shutdown()
    do {
        try output(result)
    } catch {
        await closed
        throw error
    }
    await closed
}
