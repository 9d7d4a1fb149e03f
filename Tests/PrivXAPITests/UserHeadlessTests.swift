import Foundation
import PrivXAPI
import RoleStoreSimulator
import Testing

/// Headless commands as a person over HTTPS, the password from `PRIVX_API_PASSWORD` (the scripts' way).
@Suite("Headless commands logged in as a user")
struct UserHeadlessTests {
    /// The environment of `user` against an HTTPS `server` whose CA is written to a file.
    static func environment(_ server: SimulatorServer, user: String, password: String) throws -> [String: String] {
        let home = try temporaryDirectory()
        let ca = home.appendingPathComponent("ca.pem")
        try (server.caCertificatePEM ?? "").write(to: ca, atomically: true, encoding: .utf8)
        return ["HOME": home.path, "XDG_CONFIG_HOME": home.path, "PATH": "/usr/bin:/bin", "PRIVX_API_BASE_URL": server.baseURL,
                "PRIVX_API_CA_CERT_FILE": ca.path, "PRIVX_API_USERNAME": user, "PRIVX_API_PASSWORD": password]
    }

    @Test func statusSaysWhoIsLoggedInAndCommandsFollowTheirPermissions() async throws {
        try await withSimulator({ $0.tls = true }) { server in
            let bob = try Self.environment(server, user: "bob", password: DemoUsers.bob.password)
            let status = try await PrivXRolesBinary.run(["status"], environment: bob)
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("logged in as  user Bob Rolemanager (bob)"), "\(status.stdout)")
            #expect(status.stdout.contains("source        Local users (LOCAL)"), "\(status.stdout)")
            #expect(status.stdout.contains("permissions   4"), "\(status.stdout)")
            let roles = try await PrivXRolesBinary.run(["roles", "list", "--csv"], environment: bob)
            #expect(roles.status == 0 && roles.stdout.contains("oracle-dba"), "\(roles.stderr)")
            let aws = try await PrivXRolesBinary.run(["awsroles", "list"], environment: bob)
            #expect(aws.status == 1)
            #expect(aws.stderr.contains("role-target-resources-view"), "\(aws.stderr)")
            for run in [status, roles, aws] {
                #expect(!(run.stdout + run.stderr).contains(DemoUsers.bob.password))
            }
        }
    }

    @Test func aWrongPasswordFromTheEnvironmentFailsOnceWithAClearMessage() async throws {
        try await withSimulator({ $0.tls = true }) { server in
            let wrong = try Self.environment(server, user: "carol", password: "not-carols-Rr55")
            let run = try await PrivXRolesBinary.run(["roles", "list"], environment: wrong)
            #expect(run.status == 1)
            #expect(run.stderr.contains("Login to PrivX as carol failed with HTTP 401"), "\(run.stderr)")
            #expect(run.stderr.contains("access_denied"), "\(run.stderr)")
            #expect(!(run.stdout + run.stderr).contains("not-carols-Rr55"))
            let show = try await PrivXRolesBinary.run(["config", "show"], environment: wrong)
            #expect(show.stdout.contains("environment PRIVX_API_PASSWORD"), "\(show.stdout)")
            #expect(!show.stdout.contains("not-carols-Rr55"))
        }
    }

    @Test func aPasswordSourceWithoutAUserIsNamedAsUnused() async throws {
        try await withSimulator { server in
            let run = try await PrivXRolesBinary.run(["status", "--password-fd", "0"], environment: try PrivXRolesBinary.environment(for: server))
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("warning: --password-fd is not used"), "\(run.stderr)")
        }
    }
}
