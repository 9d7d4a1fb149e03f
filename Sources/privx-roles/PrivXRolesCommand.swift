import ArgumentParser

/// The `privx-roles` root: the interactive console by default, headless subcommands for scripts.
struct PrivXRolesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privx-roles",
        abstract: "Browse and edit PrivX roles: an interactive console, plus headless commands for scripts.",
        discussion: """
            Settings come from flags, then the environment (PRIVX_API_BASE_URL, PRIVX_API_CLIENT_ID, \
            PRIVX_API_CLIENT_SECRET, PRIVX_API_OAUTH_CLIENT_ID, PRIVX_API_OAUTH_CLIENT_SECRET, \
            PRIVX_API_BEARER_TOKEN, PRIVX_API_CA_CERT_FILE), then $XDG_CONFIG_HOME/privx-roles/config.toml. \
            Exit codes: 0 success, 1 API or network error (or a role refused), 2 usage, configuration or \
            invalid-file error, 3 'roles apply --dry-run' found changes to make.
            """,
        version: versionLine,
        subcommands: [
            ConsoleCommand.self, RolesCommand.self, UsersCommand.self, AWSRolesCommand.self, EvaluateCommand.self,
            StatusCommand.self, ConfigCommand.self, BenchLoadCommand.self, KeysCommand.self,
        ],
        defaultSubcommand: ConsoleCommand.self
    )

    /// What `--version` prints: the project version and the commit, both written at build time by the
    /// BuildInfo plugin (VERSION file + git), so a bug report names the exact build.
    static let versionLine = "privx-roles \(BuildInfo.version) (commit \(BuildInfo.commit))"
}
