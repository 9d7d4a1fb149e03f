import Foundation
@testable import PrivXAPI
import Testing

@Suite("Configuration: precedence, profiles, permissions")
struct ConfigurationTests {
    /// Writes `config.toml` under a fresh XDG_CONFIG_HOME with the given mode.
    func configHome(_ toml: String, mode: Int = 0o600) throws -> (environment: [String: String], path: String) {
        let directory = try temporaryDirectory()
        let folder = directory.appendingPathComponent("privx-roles")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("config.toml").path
        try toml.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return (["XDG_CONFIG_HOME": directory.path, "HOME": directory.path], path)
    }

    let sdkFile = """
        [api]
        base_url = "https://file.example.com"

        [auth]
        api_client_id = "file-client"
        api_client_secret = "file-secret-Qq17"
        oauth_client_id = "privx-external"
        oauth_client_secret = "file-oauth-Vv29"

        [profiles.prod.api]
        base_url = "https://prod.example.com"

        [profiles.prod.auth]
        api_client_id = "prod-client"
        """

    func origin(_ loaded: LoadedConfiguration, _ name: String) -> SettingOrigin? {
        loaded.settings.first { $0.name == name }?.origin
    }

    @Test func flagsBeatEnvironmentBeatFileBeatDefaults() throws {
        let (baseEnvironment, path) = try configHome(sdkFile)
        let fileOnly = try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: baseEnvironment)
        #expect(fileOnly.configuration.baseURL == "https://file.example.com")
        #expect(origin(fileOnly, "base_url") == .file(path: path, key: "api.base_url"))
        #expect(origin(fileOnly, "connect_timeout") == .defaultValue)
        #expect(fileOnly.configuration.connectTimeout == 10 && fileOnly.configuration.requestTimeout == 30)

        var environment = baseEnvironment
        environment["PRIVX_API_BASE_URL"] = "https://env.example.com/"
        let withEnvironment = try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: environment)
        #expect(withEnvironment.configuration.baseURL == "https://env.example.com")
        #expect(origin(withEnvironment, "base_url") == .environment("PRIVX_API_BASE_URL"))

        let withFlag = try ConfigurationLoader.load(flags: ConfigurationFlags(baseURL: "https://flag.example.com"),
                                                    environment: environment)
        #expect(withFlag.configuration.baseURL == "https://flag.example.com")
        #expect(origin(withFlag, "base_url") == .flag("--base-url"))
        #expect(withFlag.configuration.credentials == .apiClient(oauthClientID: "privx-external", oauthClientSecret: "file-oauth-Vv29",
                                                                 apiClientID: "file-client", apiClientSecret: "file-secret-Qq17"))
    }

    @Test func profileOverridesTopLevelKeys() throws {
        let (environment, path) = try configHome(sdkFile)
        let loaded = try ConfigurationLoader.load(flags: ConfigurationFlags(profile: "prod"), environment: environment)
        #expect(loaded.configuration.baseURL == "https://prod.example.com")
        #expect(origin(loaded, "base_url") == .file(path: path, key: "profiles.prod.api.base_url"))
        guard case .apiClient(_, _, let id, let secret) = loaded.configuration.credentials else {
            Issue.record("expected API client credentials")
            return
        }
        #expect(id == "prod-client" && secret == "file-secret-Qq17")
        #expect(throws: PrivXError.self) {
            try ConfigurationLoader.load(flags: ConfigurationFlags(profile: "staging"), environment: environment)
        }
    }

    @Test func sdkFileWorksThroughConfigFlag() throws {
        let (_, path) = try configHome(sdkFile)
        let loaded = try ConfigurationLoader.load(flags: ConfigurationFlags(configFile: path), environment: ["HOME": "/nonexistent"])
        #expect(loaded.configFile == path)
        #expect(loaded.configuration.baseURL == "https://file.example.com")
    }

    @Test func secretsInAGroupReadableFileAreRefused() throws {
        let (environment, path) = try configHome(sdkFile, mode: 0o644)
        do {
            _ = try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: environment)
            Issue.record("a world-readable file with secrets was accepted")
        } catch {
            TestTranscript.errorTexts.append(error.description)
            #expect(error.description.contains("chmod 600 \(path)"))
            #expect(error.description.contains(path))
            #expect(!error.description.contains("file-secret-Qq17"))
        }
        let (noSecrets, _) = try configHome("[api]\nbase_url = \"https://x.example.com\"\n", mode: 0o644)
        var environment2 = noSecrets
        environment2["PRIVX_API_BEARER_TOKEN"] = "env-token"
        #expect(try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: environment2).configuration.baseURL
            == "https://x.example.com")
    }

    @Test func errorsNameFileKeyAndExpectation() throws {
        let (environment, path) = try configHome("[api]\nbase_url = 42\n")
        do {
            _ = try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: environment)
            Issue.record("a number base_url was accepted")
        } catch {
            #expect(error == .configuration(source: path, key: "api.base_url", expected: "a string in quotes"))
        }
        let (broken, brokenPath) = try configHome("[api\nbase_url = \"x\"\n")
        do {
            _ = try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: broken)
            Issue.record("broken TOML was accepted")
        } catch {
            #expect(error.description.contains(brokenPath))
            #expect(error.description.contains("line 1"))
        }
        do {
            _ = try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: ["HOME": "/nonexistent"])
            Issue.record("no base URL was accepted")
        } catch {
            #expect(error.description.contains("PRIVX_API_BASE_URL"))
        }
    }

    @Test func secretFlagsWorkButWarn() throws {
        let loaded = try ConfigurationLoader.load(
            flags: ConfigurationFlags(baseURL: "https://x.example.com", apiClientID: "id", apiClientSecret: "flag-secret-Mm44",
                                      oauthClientSecret: "flag-oauth-Nn55"),
            environment: ["HOME": "/nonexistent"])
        #expect(loaded.warnings.count == 2)
        #expect(loaded.warnings.allSatisfy { $0.contains("ps") && !$0.contains("flag-secret-Mm44") && !$0.contains("flag-oauth-Nn55") })
        let shown = loaded.settings.map(\.displayValue).joined(separator: " ")
        #expect(!shown.contains("flag-secret-Mm44") && !shown.contains("flag-oauth-Nn55"))
        #expect(!String(describing: loaded.configuration).contains("flag-secret-Mm44"))
    }

    @Test func bearerTokenFromEnvironment() throws {
        let loaded = try ConfigurationLoader.load(
            flags: ConfigurationFlags(baseURL: "https://x.example.com"),
            environment: ["HOME": "/nonexistent", "PRIVX_API_BEARER_TOKEN": "env-token-Kk66"])
        #expect(loaded.configuration.credentials == .bearerToken("env-token-Kk66"))
        #expect(!String(describing: loaded.configuration).contains("env-token-Kk66"))
    }

    @Test func proxyFromEnvironmentUnlessNoProxy() throws {
        let base = ["HOME": "/nonexistent", "PRIVX_API_BEARER_TOKEN": "t", "HTTPS_PROXY": "http://user:pw@proxy.corp:3128"]
        let proxied = try ConfigurationLoader.load(flags: ConfigurationFlags(baseURL: "https://privx.corp.example.com"), environment: base)
        #expect(proxied.configuration.proxy == ProxySettings(host: "proxy.corp", port: 3128, basicCredentials: "user:pw"))
        #expect(!proxied.settings.map(\.displayValue).joined().contains("pw"))
        var bypass = base
        bypass["NO_PROXY"] = "localhost,.example.com"
        let direct = try ConfigurationLoader.load(flags: ConfigurationFlags(baseURL: "https://privx.corp.example.com"), environment: bypass)
        #expect(direct.configuration.proxy == nil)
        #expect(SettingResolver.hostIsExcluded("a.b.c", noProxy: "*"))
        #expect(!SettingResolver.hostIsExcluded("example.org", noProxy: "example.com"))
    }
}
