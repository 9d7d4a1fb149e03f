import Foundation

/// Resolves each setting through the layers and records its origin; used by `ConfigurationLoader`.
struct SettingResolver {
    let flags: ConfigurationFlags
    let environment: [String: String]
    var file: ConfigFile?
    var settings: [EffectiveSetting] = []
    var warnings: [String] = []
    /// Flags that carried a secret (`--client-secret`, a `--base-url` with a password, ...).
    var secretFlags: [String] = []
    /// The config file looked at, whether or not it could be used (for `config show`).
    var consideredFile: String?

    init(flags: ConfigurationFlags, environment: [String: String]) {
        self.flags = flags
        self.environment = environment
    }

    mutating func readFile() throws(PrivXError) {
        let path: String
        if let explicit = flags.configFile {
            path = explicit
            consideredFile = path
            guard FileManager.default.fileExists(atPath: path) else {
                throw .configuration(source: "--config", key: path, expected: "an existing TOML file; it does not exist")
            }
        } else {
            path = ConfigurationLoader.defaultConfigPath(environment: environment)
            guard FileManager.default.fileExists(atPath: path) else {
                if let profile = flags.profile {
                    throw .configuration(source: "--profile", key: profile,
                                         expected: "a [profiles.\(profile)] section, but there is no config file at \(path)")
                }
                return
            }
            consideredFile = path
        }
        let loaded = try ConfigFile.load(path: path)
        try loaded.checkPermissions()
        if let profile = flags.profile, !loaded.profiles.contains(profile) {
            let known = loaded.profiles.isEmpty ? "none defined" : "defined: " + loaded.profiles.joined(separator: ", ")
            throw .configuration(source: path, key: "profiles.\(profile)", expected: "a [profiles.\(profile)] section (\(known))")
        }
        file = loaded
    }

    private func environmentValue(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// Resolves one string setting; `flagName` nil means there is no flag for it.
    mutating func string(_ name: String, flag: String?, flagName: String?, env: String?, section: String, key: String?,
                         secret: Bool = false, defaultValue: String? = nil) throws(PrivXError) -> (String, SettingOrigin)? {
        var result: (String, SettingOrigin)?
        if let flag, !flag.isEmpty, let flagName {
            result = (flag, .flag(flagName))
            if secret || (name == "base_url" && URLRedaction.holdsPassword(flag)) {
                secretFlags.append(flagName)
                warnings.append("warning: \(flagName) puts a secret on the command line, where other users can see it "
                    + "with ps; prefer the environment or a chmod-600 config file.")
            }
        } else if let env, let value = environmentValue(env) {
            result = (value, .environment(env))
        } else if let key, let file, let (value, dotted) = try file.string(section: section, key: key, profile: flags.profile) {
            result = (value, .file(path: file.path, key: dotted))
        } else if let defaultValue {
            result = (defaultValue, .defaultValue)
        }
        let display = result.map { secret ? ConfigurationLoader.mask($0.0) : URLRedaction.redact($0.0) } ?? "(not set)"
        settings.append(EffectiveSetting(name: name, displayValue: display, origin: result?.1 ?? .unset))
        return result
    }

    mutating func seconds(_ name: String, flag: Double?, flagName: String, key: String, defaultValue: Double) throws(PrivXError) -> Double {
        var value = defaultValue
        var origin = SettingOrigin.defaultValue
        if let flag {
            guard flag > 0 else { throw .configuration(source: flagName, key: String(flag), expected: "a positive number of seconds") }
            value = flag
            origin = .flag(flagName)
        } else if let file, let (number, dotted) = try file.number(section: "api", key: key, profile: flags.profile) {
            value = number
            origin = .file(path: file.path, key: dotted)
        }
        settings.append(EffectiveSetting(name: name, displayValue: String(format: "%g s", value), origin: origin))
        return value
    }

    mutating func build(extraCACertificatesPEM: [String]) throws(PrivXError) -> LoadedConfiguration {
        let where_ = file.map { "[api] base_url in \($0.path)" } ?? "[api] base_url in a config file"
        let baseURL = try string("base_url", flag: flags.baseURL, flagName: "--base-url", env: "PRIVX_API_BASE_URL",
                                 section: "api", key: "base_url")
        var caPEMs: [String] = []
        if let (caFile, origin) = try string("ca_cert_file", flag: flags.caCertFile, flagName: "--ca-cert",
                                             env: "PRIVX_API_CA_CERT_FILE", section: "api", key: "api_ca_crt_file") {
            guard let text = try? String(contentsOfFile: caFile, encoding: .utf8) else {
                throw .configuration(source: origin.description, key: caFile,
                                     expected: "a readable PEM certificate file; it could not be read")
            }
            caPEMs.append(text)
        }
        if let (pem, _) = try string("api_ca_crt", flag: nil, flagName: nil, env: nil, section: "api", key: "api_ca_crt") {
            caPEMs.append(pem)
            settings[settings.count - 1].displayValue = "(PEM text, \(pem.count) chars)"
        }
        if !extraCACertificatesPEM.isEmpty {
            caPEMs.append(contentsOf: extraCACertificatesPEM)
            settings.append(EffectiveSetting(name: "extra_ca", displayValue: "\(extraCACertificatesPEM.count) in-memory certificate(s)",
                                             origin: .defaultValue))
        }
        let apiClientID = try string("api_client_id", flag: flags.apiClientID, flagName: "--client-id",
                                     env: "PRIVX_API_CLIENT_ID", section: "auth", key: "api_client_id")
        let apiClientSecret = try string("api_client_secret", flag: flags.apiClientSecret, flagName: "--client-secret",
                                         env: "PRIVX_API_CLIENT_SECRET", section: "auth", key: "api_client_secret", secret: true)
        let oauthClientID = try string("oauth_client_id", flag: flags.oauthClientID, flagName: "--oauth-client-id",
                                       env: "PRIVX_API_OAUTH_CLIENT_ID", section: "auth", key: "oauth_client_id",
                                       defaultValue: "privx-external")
        let oauthClientSecret = try string("oauth_client_secret", flag: flags.oauthClientSecret, flagName: "--oauth-client-secret",
                                           env: "PRIVX_API_OAUTH_CLIENT_SECRET", section: "auth", key: "oauth_client_secret",
                                           secret: true)
        let bearer = try string("bearer_token", flag: flags.bearerToken, flagName: "--bearer-token",
                                env: "PRIVX_API_BEARER_TOKEN", section: "auth", key: "bearer_token", secret: true)
        // The Go SDK has no name of its own for a person's login: its `oauth.With` logs in as a user when only
        // api_client_id/api_client_secret are set (`oauth/auth.go` @ 0652e857594638b6c2bdcee42da784889d29b193),
        // which cannot be told apart from an API client missing its OAuth secret. So a user is named explicitly.
        let user = try string("username", flag: flags.user, flagName: "--user", env: "PRIVX_API_USERNAME",
                              section: "auth", key: "username")
        let connectTimeout = try seconds("connect_timeout", flag: flags.connectTimeout, flagName: "--connect-timeout",
                                         key: "connect_timeout", defaultValue: 10)
        let requestTimeout = try seconds("request_timeout", flag: flags.requestTimeout, flagName: "--request-timeout",
                                         key: "request_timeout", defaultValue: 30)

        guard let (url, _) = baseURL else {
            throw .configuration(source: "settings", key: "base_url",
                                 expected: "the PrivX server URL, e.g. https://privx.example.com: pass --base-url, "
                                     + "set PRIVX_API_BASE_URL, or put \(where_)")
        }
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = parsed.host, !host.isEmpty else {
            throw .configuration(source: settings.first { $0.name == "base_url" }?.origin.description ?? "settings",
                                 key: "base_url",
                                 expected: "an http(s) URL such as https://privx.example.com, got \"\(URLRedaction.redact(url))\"")
        }

        let credentials: Credentials
        let clientRank = max(apiClientSecret?.1.rank ?? -1, apiClientID?.1.rank ?? -1)
        // The most specific layer wins (a --user flag over an API client in the config file); on a tie a
        // bearer token wins, then the user.
        if let (name, origin) = user, origin.rank >= clientRank, origin.rank > bearer?.1.rank ?? -1 {
            credentials = .user(name: name)
        } else if let (token, origin) = bearer, origin.rank >= clientRank {
            credentials = .bearerToken(token)
        } else if let (id, _) = apiClientID, let (secret, _) = apiClientSecret, let (oauthID, _) = oauthClientID,
                  let (oauthSecret, _) = oauthClientSecret {
            credentials = .apiClient(oauthClientID: oauthID, oauthClientSecret: oauthSecret, apiClientID: id, apiClientSecret: secret)
        } else {
            var missing: [String] = []
            if apiClientID == nil { missing.append("api_client_id (PRIVX_API_CLIENT_ID)") }
            if apiClientSecret == nil { missing.append("api_client_secret (PRIVX_API_CLIENT_SECRET)") }
            if oauthClientSecret == nil { missing.append("oauth_client_secret (PRIVX_API_OAUTH_CLIENT_SECRET)") }
            throw .configuration(source: file?.path ?? "environment", key: "[auth]",
                                 expected: "API client credentials; missing " + missing.joined(separator: ", ")
                                     + ", or a bearer token in PRIVX_API_BEARER_TOKEN, or a PrivX user to log in as "
                                     + "(--user NAME, PRIVX_API_USERNAME or [auth] username)")
        }

        let proxy = try resolveProxy(host: host, scheme: scheme)
        let configuration = ClientConfiguration(baseURL: url, credentials: credentials, additionalCACertificatesPEM: caPEMs,
                                                connectTimeout: connectTimeout, requestTimeout: requestTimeout, proxy: proxy)
        return LoadedConfiguration(configuration: configuration, settings: settings, warnings: warnings, configFile: file?.path,
                                   secretFlags: secretFlags)
    }

    /// `HTTPS_PROXY` for an https base URL unless `NO_PROXY` lists the host. Plain http never goes
    /// through a proxy: the proxy would read the token request, both client secrets in it, in clear text
    /// (plain http is allowed only to loopback, where a proxy has nothing to add).
    mutating func resolveProxy(host: String, scheme: String) throws(PrivXError) -> ProxySettings? {
        if scheme == "http" {
            let ignored = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"].first { environmentValue($0) != nil }
            settings.append(EffectiveSetting(name: "proxy", displayValue: ignored == nil ? "(none)" : "(not used: plain http never goes through a proxy)",
                                             origin: ignored.map { .environment($0) } ?? .unset))
            return nil
        }
        let names = ["HTTPS_PROXY", "https_proxy"]
        guard let name = names.first(where: { environmentValue($0) != nil }), let raw = environmentValue(name) else {
            settings.append(EffectiveSetting(name: "proxy", displayValue: "(none)", origin: .unset))
            return nil
        }
        let noProxy = environmentValue("NO_PROXY") ?? environmentValue("no_proxy") ?? ""
        if Self.hostIsExcluded(host, noProxy: noProxy) {
            settings.append(EffectiveSetting(name: "proxy", displayValue: "(bypassed: \(host) is in NO_PROXY)",
                                             origin: .environment("NO_PROXY")))
            return nil
        }
        let withScheme = raw.contains("://") ? raw : "http://" + raw
        guard let components = URLComponents(string: withScheme), let proxyHost = components.host, !proxyHost.isEmpty else {
            throw .configuration(source: "environment \(name)", key: name,
                                 expected: "a proxy URL such as http://proxy.example.com:3128, got \"\(URLRedaction.redact(withScheme))\"")
        }
        var credentials: String?
        if let user = components.user {
            credentials = user + ":" + (components.password ?? "")
        }
        let proxy = ProxySettings(host: proxyHost, port: components.port ?? 3128, basicCredentials: credentials)
        settings.append(EffectiveSetting(name: "proxy", displayValue: proxy.description, origin: .environment(name)))
        return proxy
    }

    /// NO_PROXY matching as curl does: `*`, exact host, or a domain suffix (`.example.com` or `example.com`).
    static func hostIsExcluded(_ host: String, noProxy: String) -> Bool {
        let host = host.lowercased()
        for entry in noProxy.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !entry.isEmpty {
            if entry == "*" { return true }
            let bare = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            let hostOnly = bare.split(separator: ":").first.map(String.init) ?? bare
            if host == hostOnly || host.hasSuffix("." + hostOnly) { return true }
        }
        return false
    }
}
