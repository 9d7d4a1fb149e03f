import Foundation

/// Settings given on the command line; `nil` means "not given" so lower layers can fill it in.
public struct ConfigurationFlags: Sendable, Hashable {
    public var configFile: String?
    public var profile: String?
    public var baseURL: String?
    public var caCertFile: String?
    public var apiClientID: String?
    public var apiClientSecret: String?
    public var oauthClientID: String?
    public var oauthClientSecret: String?
    public var bearerToken: String?
    /// A PrivX user who logs in as themselves (`--user`).
    public var user: String?
    public var connectTimeout: Double?
    public var requestTimeout: Double?

    /// No flags given.
    public init(configFile: String? = nil, profile: String? = nil, baseURL: String? = nil, caCertFile: String? = nil,
                apiClientID: String? = nil, apiClientSecret: String? = nil, oauthClientID: String? = nil,
                oauthClientSecret: String? = nil, bearerToken: String? = nil, user: String? = nil,
                connectTimeout: Double? = nil, requestTimeout: Double? = nil) {
        self.configFile = configFile
        self.profile = profile
        self.baseURL = baseURL
        self.caCertFile = caCertFile
        self.apiClientID = apiClientID
        self.apiClientSecret = apiClientSecret
        self.oauthClientID = oauthClientID
        self.oauthClientSecret = oauthClientSecret
        self.bearerToken = bearerToken
        self.user = user
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
    }
}

/// Where an effective setting came from, for `config show`.
public enum SettingOrigin: Sendable, Hashable, CustomStringConvertible {
    case flag(String)
    case environment(String)
    case file(path: String, key: String)
    case defaultValue
    case unset

    public var description: String {
        switch self {
        case .flag(let name): return "flag \(name)"
        case .environment(let name): return "environment \(name)"
        case .file(let path, let key): return "\(path) [\(key)]"
        case .defaultValue: return "default"
        case .unset: return "not set"
        }
    }

    /// Higher wins: flag 3, environment 2, file 1, default 0.
    var rank: Int {
        switch self {
        case .flag: return 3
        case .environment: return 2
        case .file: return 1
        case .defaultValue, .unset: return 0
        }
    }
}

/// One effective setting as shown by `config show` (secrets already masked).
public struct EffectiveSetting: Sendable, Hashable {
    public var name: String
    public var displayValue: String
    public var origin: SettingOrigin
}

/// The result of loading: the configuration, where each value came from, and warnings to print.
public struct LoadedConfiguration: Sendable {
    public var configuration: ClientConfiguration
    public var settings: [EffectiveSetting]
    /// E.g. a secret passed as a flag (visible in `ps`); the executable prints these on stderr.
    public var warnings: [String]
    /// The config file that was read, if any.
    public var configFile: String?
    /// The flags that carried a secret (they are visible in `ps`); the console names them in its status bar.
    public var secretFlags: [String] = []
}

/// What `config show` prints: the settings, warnings, and the first problem found.
public struct ConfigurationReport: Sendable {
    public var settings: [EffectiveSetting]
    public var warnings: [String]
    public var configFile: String?
    /// The config file that was looked at even when it was refused (unreadable, bad TOML, loose mode).
    public var consideredFile: String?
    public var problem: PrivXError?
}

/// Applies flags > environment > config file > defaults, using the PrivX Go SDK's names so existing
/// SDK environments and config files work unchanged.
public enum ConfigurationLoader {
    /// The default config path: `$XDG_CONFIG_HOME/privx-roles/config.toml` (or `~/.config/...`).
    public static func defaultConfigPath(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/privx-roles/config.toml" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.config/privx-roles/config.toml"
    }

    /// Loads the effective configuration. `extraCACertificatesPEM` are added too (e.g. `--demo`'s CA).
    public static func load(flags: ConfigurationFlags,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            extraCACertificatesPEM: [String] = []) throws(PrivXError) -> LoadedConfiguration {
        var resolver = SettingResolver(flags: flags, environment: environment)
        try resolver.readFile()
        return try resolver.build(extraCACertificatesPEM: extraCACertificatesPEM)
    }

    /// Resolves every setting for display (`config show`) without failing early: the problem, if
    /// any, is returned next to the settings found so far.
    public static func inspect(flags: ConfigurationFlags,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> ConfigurationReport {
        var resolver = SettingResolver(flags: flags, environment: environment)
        do {
            try resolver.readFile()
            _ = try resolver.build(extraCACertificatesPEM: [])
            return ConfigurationReport(settings: resolver.settings, warnings: resolver.warnings,
                                       configFile: resolver.file?.path, consideredFile: resolver.consideredFile, problem: nil)
        } catch {
            return ConfigurationReport(settings: resolver.settings, warnings: resolver.warnings,
                                       configFile: resolver.file?.path, consideredFile: resolver.consideredFile, problem: error)
        }
    }

    /// Masks a secret for display: length hint only, never characters.
    public static func mask(_ secret: String) -> String {
        secret.isEmpty ? "(empty)" : "******** (hidden)"
    }
}
