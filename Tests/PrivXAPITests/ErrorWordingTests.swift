import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// What the errors and warnings say: "may or may not have been applied" only for writes, a secret flag
/// warned about before the console's screen opens, and `config show` naming a refused file as refused.
@Suite("Error and warning wording")
struct ErrorWordingTests {
    static let ambiguous = "may or may not have been applied"

    @Test func onlyAWriteIsCalledAmbiguous() {
        let lost = { (method: String, path: String) in
            PrivXError.connectionLost(method: method, path: path, detail: "the server closed the connection early").description
        }
        #expect(lost("PUT", "/role-store/api/v1/roles/x").contains(Self.ambiguous))
        #expect(lost("POST", "/role-store/api/v1/roles").contains(Self.ambiguous))
        #expect(lost("DELETE", "/role-store/api/v1/awsroles/x").contains(Self.ambiguous))
        for (method, path) in [("POST", "/auth/api/v1/oauth/token"), ("POST", "/role-store/api/v1/roles/resolve"),
                               ("POST", "/role-store/api/v1/roles/evaluate"), ("POST", "/role-store/api/v1/roles/search?offset=0&limit=50"),
                               ("GET", "/role-store/api/v1/roles")] {
            #expect(!lost(method, path).contains(Self.ambiguous), "\(method) \(path) is a read")
        }
    }

    /// The real binary with the answer of a read cut half-way: a failed login and `roles show` (whose
    /// POST /roles/resolve only reads) say "try again", not that a change may have been applied.
    @Test func aLostAnswerToALoginOrAResolveIsNotCalledAChange() async throws {
        try await withSimulator { server in
            let environment = try PrivXRolesBinary.environment(for: server)
            for prefix in ["/auth/api/v1/oauth/token", "/role-store/api/v1/roles/resolve"] {
                var faults = FaultOptions()
                faults.rate = 1
                faults.kinds = [.truncated]
                faults.pathPrefix = prefix
                await server.setFaults(faults)
                let run = try await PrivXRolesBinary.run(["roles", "show", "linux-admins"], environment: environment)
                #expect(run.status == 1, "\(prefix): \(run.stderr)")
                #expect(run.stderr.contains("POST \(prefix)"), "\(run.stderr)")
                #expect(!run.stderr.contains(Self.ambiguous), "\(prefix): \(run.stderr)")
            }
        }
    }

    /// A secret given as a flag to the console is warned about on stderr before the screen opens (here the
    /// screen cannot open: stdout is a pipe, so the warning is the only thing that could have been printed).
    @Test func theConsoleWarnsAboutASecretFlagBeforeTheScreenOpens() async throws {
        let home = try temporaryDirectory().path
        let admin = DemoCredentials.admin
        let run = try await PrivXRolesBinary.run(
            ["--base-url", "https://127.0.0.1:1", "--client-id", admin.apiClientID, "--client-secret", "flag-secret-Zx81",
             "--log", home + "/console.log"],
            environment: ["HOME": home, "XDG_CONFIG_HOME": home, "PRIVX_API_OAUTH_CLIENT_SECRET": admin.oauthClientSecret])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("warning: --client-secret puts a secret on the command line"), "\(run.stderr)")
        let warning = run.stderr.range(of: "warning:"), terminal = run.stderr.range(of: "must be a terminal")
        #expect(warning != nil && terminal != nil && warning!.lowerBound < terminal!.lowerBound, "\(run.stderr)")
        #expect(!run.stderr.contains("flag-secret-Zx81"))
    }

    /// `config show` with a refused config file names that file as refused, never as absent.
    @Test func configShowNamesARefusedFileAsRefused() async throws {
        let home = try temporaryDirectory()
        let directory = home.appendingPathComponent("privx-roles")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("config.toml").path
        try "[api]\nbase_url = \"https://privx.example.com\"\n[auth]\napi_client_secret = \"s3\"\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let environment = ["HOME": home.path, "XDG_CONFIG_HOME": home.path]
        let loose = try await PrivXRolesBinary.run(["config", "show"], environment: environment)
        #expect(loose.status == 2)
        #expect(loose.stderr.contains("chmod 600"))
        #expect(!loose.stdout.contains("does not exist"), "\(loose.stdout)")
        #expect(loose.stdout.contains("config file: \(file) (not used: refused"), "\(loose.stdout)")

        let missing = try await PrivXRolesBinary.run(["config", "show", "--config", home.path + "/nope.toml"], environment: environment)
        #expect(missing.status == 2)
        #expect(missing.stdout.contains("config file: \(home.path)/nope.toml (does not exist)"), "\(missing.stdout)")
        #expect(!missing.stdout.contains(file))
    }
}
