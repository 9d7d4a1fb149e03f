import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// A password in the base URL (`http://user:pw@host`) is masked wherever the URL is echoed.
@Suite("A base-URL password is never echoed")
struct BaseURLPasswordTests {
    static let password = "pw-Secret-9q"

    @Test func redaction() {
        #expect(URLRedaction.redact("https://u:\(Self.password)@privx.example.com:8443/x?y") == "https://u:********@privx.example.com:8443/x?y")
        #expect(URLRedaction.redact("https://u:p@ss@host/") == "https://u:********@host/")
        #expect(URLRedaction.redact("https://user@host/a@b") == "https://user@host/a@b")
        #expect(URLRedaction.redact("https://host/?q=a:b@c") == "https://host/?q=a:b@c")
        let configuration = ClientConfiguration(baseURL: "https://u:\(Self.password)@privx.example.com", credentials: .bearerToken("t"))
        #expect(!String(describing: configuration).contains(Self.password))
        #expect(!PrivXError.insecureURL(url: "http://u:\(Self.password)@privx.example.com").description.contains(Self.password))
    }

    @Test func statusConfigShowAndErrorsMaskIt() async throws {
        try await withSimulator { server in
            var environment = try PrivXRolesBinary.environment(for: server)
            let url = "http://admin:\(Self.password)@127.0.0.1:\(server.port)"
            var outputs: [CommandResult] = []
            let status = try await PrivXRolesBinary.run(["status", "--base-url", url], environment: environment)
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("http://admin:********@127.0.0.1:\(server.port)"))
            #expect(status.stderr.contains("--base-url puts a secret on the command line"))
            outputs.append(status)

            environment["PRIVX_API_BASE_URL"] = url
            let show = try await PrivXRolesBinary.run(["config", "show"], environment: environment)
            #expect(show.status == 0, "\(show.stderr)")
            #expect(show.stdout.contains("admin:********@"))
            outputs.append(show)

            for bad in ["http://admin:\(Self.password)@privx.example.com", "ftp://admin:\(Self.password)@privx.example.com",
                        "http://admin:\(Self.password)@127.0.0.1:1"] {
                environment["PRIVX_API_BASE_URL"] = bad
                let failed = try await PrivXRolesBinary.run(["roles", "list"], environment: environment)
                #expect(failed.status != 0)
                outputs.append(failed)
                outputs.append(try await PrivXRolesBinary.run(["config", "show"], environment: environment))
            }
            for output in outputs {
                #expect(!output.stdout.contains(Self.password) && !output.stderr.contains(Self.password),
                        "the password was echoed: \(output.stdout) \(output.stderr)")
            }
        }
    }

    /// A config file whose base URL holds a password holds a secret: refused when group or others can read it.
    @Test func aConfigFileWithAPasswordInItsURLMustBePrivate() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("config.toml").path
        try "[api]\nbase_url = \"https://u:\(Self.password)@privx.example.com\"\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(throws: PrivXError.self) {
            _ = try ConfigurationLoader.load(flags: ConfigurationFlags(configFile: file), environment: ["HOME": directory.path,
                                                                                                        "PRIVX_API_BEARER_TOKEN": "t"])
        }
    }
}
