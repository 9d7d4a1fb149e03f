import Foundation
@testable import PrivXAPI
import Testing

@Suite("Configuration: logging in as a user")
struct UserConfigurationTests {
    func configHome(_ toml: String) throws -> [String: String] {
        let directory = try temporaryDirectory()
        let folder = directory.appendingPathComponent("privx-roles")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("config.toml").path
        try toml.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return ["XDG_CONFIG_HOME": directory.path, "HOME": directory.path]
    }

    let clientFile = """
        [api]
        base_url = "https://file.example.com"
        [auth]
        api_client_id = "file-client"
        api_client_secret = "file-secret-Qq17"
        oauth_client_secret = "file-oauth-Vv29"
        """

    @Test func theUserComesFromTheFlagTheEnvironmentOrTheAuthSection() throws {
        let userFile = try configHome("[api]\nbase_url = \"https://file.example.com\"\n[auth]\nusername = \"carol\"\n")
        let fromFile = try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: userFile)
        #expect(fromFile.configuration.credentials == .user(name: "carol"))
        let fromEnvironment = try ConfigurationLoader.load(flags: ConfigurationFlags(),
                                                           environment: userFile.merging(["PRIVX_API_USERNAME": "bob"]) { $1 })
        #expect(fromEnvironment.configuration.credentials == .user(name: "bob"))
        let fromFlag = try ConfigurationLoader.load(flags: ConfigurationFlags(user: "alice"),
                                                    environment: userFile.merging(["PRIVX_API_USERNAME": "bob"]) { $1 })
        #expect(fromFlag.configuration.credentials == .user(name: "alice"))
        #expect(fromFlag.settings.first { $0.name == "username" }?.origin == .flag("--user"))
        #expect(fromFlag.warnings.isEmpty, "a user name is not a secret: \(fromFlag.warnings)")
        #expect(fromFlag.configuration.credentials.description.contains("never stored"))
    }

    @Test func aUserNameWinsOverAnAPIClientFromTheSameOrALowerLayerOnly() throws {
        let environment = try configHome(clientFile)
        let flagUser = try ConfigurationLoader.load(flags: ConfigurationFlags(user: "alice"), environment: environment)
        #expect(flagUser.configuration.credentials == .user(name: "alice"))
        let clientFlag = try ConfigurationLoader.load(flags: ConfigurationFlags(apiClientID: "flag-client"),
                                                      environment: environment.merging(["PRIVX_API_USERNAME": "bob"]) { $1 })
        guard case .apiClient(_, _, let id, _) = clientFlag.configuration.credentials else {
            Issue.record("a --client-id flag must beat a user from the environment: \(clientFlag.configuration.credentials)")
            return
        }
        #expect(id == "flag-client")
        let bearerBeatsUser = try ConfigurationLoader.load(
            flags: ConfigurationFlags(), environment: environment.merging(["PRIVX_API_USERNAME": "bob", "PRIVX_API_BEARER_TOKEN": "t-Zz1"]) { $1 })
        #expect(bearerBeatsUser.configuration.credentials == .bearerToken("t-Zz1"))
    }

    @Test func nothingConfiguredNamesTheUserOptionToo() throws {
        let environment = try configHome("[api]\nbase_url = \"https://file.example.com\"\n")
        #expect(throws: PrivXError.self) { try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: environment) }
        do {
            _ = try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: environment)
        } catch {
            #expect(error.description.contains("--user NAME, PRIVX_API_USERNAME or [auth] username"), "\(error)")
        }
    }
}
