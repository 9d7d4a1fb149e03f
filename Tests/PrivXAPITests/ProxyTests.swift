import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` end to end through a real CONNECT proxy on loopback.
@Suite("Transport: through a real HTTP(S) proxy")
struct ProxyTests {
    /// The demo admin's environment for `server`, plus the simulator's CA in a file when TLS is on.
    static func environment(_ server: SimulatorServer, _ extra: [String: String]) throws -> [String: String] {
        let directory = try temporaryDirectory()
        let admin = DemoCredentials.admin
        var environment = ["HOME": directory.path, "XDG_CONFIG_HOME": directory.path,
                           "PRIVX_API_BASE_URL": server.baseURL,
                           "PRIVX_API_CLIENT_ID": admin.apiClientID, "PRIVX_API_CLIENT_SECRET": admin.apiClientSecret,
                           "PRIVX_API_OAUTH_CLIENT_ID": admin.oauthClientID,
                           "PRIVX_API_OAUTH_CLIENT_SECRET": admin.oauthClientSecret]
        if let pem = server.caCertificatePEM {
            let file = directory.appendingPathComponent("ca.pem").path
            try pem.write(toFile: file, atomically: true, encoding: .utf8)
            environment["PRIVX_API_CA_CERT_FILE"] = file
        }
        return environment.merging(extra) { $1 }
    }

    /// Reads, writes and reads back one role: token call, GETs and a PUT all cross the proxy.
    static func exercise(_ client: PrivXClient) async throws {
        let status = try await client.status()
        #expect(status.status == "ok")
        let page = try await client.roles(page: PageRequest(limit: 5))
        #expect(page.items.count == 5)
        var role = try await client.role(id: page.items[0].id)
        role.comment = "written through the proxy"
        try await client.updateRole(role)
        #expect(try await client.role(id: role.id).comment == "written through the proxy")
    }

    @Test func httpsGoesThroughTheConnectProxy() async throws {
        let proxy = try await ConnectProxy.start()
        defer { proxy.stop() }
        try await withSimulator({ $0.tls = true }) { server in
            let loaded = try ConfigurationLoader.load(flags: ConfigurationFlags(),
                                                      environment: try Self.environment(server, ["HTTPS_PROXY": proxy.url]))
            #expect(loaded.configuration.proxy?.port == proxy.port)
            try await using(PrivXClient(configuration: loaded.configuration, logger: TestTranscript.logger)) { client in
                try await Self.exercise(client)
            }
            let lines = proxy.requestLines
            #expect(!lines.isEmpty)
            #expect(lines.allSatisfy { $0 == "CONNECT 127.0.0.1:\(server.port) HTTP/1.1" }, "\(lines)")
        }
    }

    @Test func noProxyMatchingTheHostBypassesTheProxy() async throws {
        let proxy = try await ConnectProxy.start()
        defer { proxy.stop() }
        try await withSimulator({ $0.tls = true }) { server in
            let environment = try Self.environment(server, ["HTTPS_PROXY": proxy.url, "NO_PROXY": "example.com, 127.0.0.1"])
            let loaded = try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: environment)
            #expect(loaded.configuration.proxy == nil)
            try await using(PrivXClient(configuration: loaded.configuration, logger: TestTranscript.logger)) { client in
                try await Self.exercise(client)
            }
            #expect(proxy.requestLines.isEmpty)
        }
    }

    /// A proxy would read a plain-http request in clear text, the token call with both secrets included:
    /// plain http never goes through one, whatever HTTP_PROXY / HTTPS_PROXY say.
    @Test func plainHTTPNeverGoesThroughAProxy() async throws {
        let proxy = try await ConnectProxy.start()
        defer { proxy.stop() }
        try await withSimulator { server in
            let environment = try Self.environment(server, ["HTTP_PROXY": proxy.url, "HTTPS_PROXY": proxy.url, "http_proxy": proxy.url])
            let loaded = try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: environment)
            #expect(loaded.configuration.proxy == nil)
            #expect(loaded.settings.first { $0.name == "proxy" }?.displayValue.contains("not used") == true)
            try await using(PrivXClient(configuration: loaded.configuration, logger: TestTranscript.logger)) { client in
                try await Self.exercise(client)
            }
            // A configuration built by hand with a proxy: the transport still refuses to use it for http.
            var byHand = loaded.configuration
            byHand.proxy = ProxySettings(host: "127.0.0.1", port: proxy.port)
            try await using(PrivXClient(configuration: byHand, logger: TestTranscript.logger)) { client in
                try await Self.exercise(client)
            }
            #expect(proxy.requestLines.isEmpty, "the proxy saw \(proxy.requestLines)")
        }
    }

    @Test func aProxyThatRefusesTheTunnelIsNamed() async throws {
        let proxy = try await ConnectProxy.start()
        defer { proxy.stop() }
        // Port 1 on loopback: the proxy cannot connect and answers 502 to the CONNECT.
        var configuration = ClientConfiguration(baseURL: "https://127.0.0.1:1", credentials: .bearerToken("t"), maxRetries: 0)
        configuration.proxy = ProxySettings(host: "127.0.0.1", port: proxy.port)
        let client = try PrivXClient(configuration: configuration, logger: TestTranscript.logger)
        let error = await capturePrivXError { _ = try await client.status() }
        await client.shutdown()
        guard case .proxy(let host, let port, let problem)? = error else {
            Issue.record("expected the proxy's refusal, got \(String(describing: error))")
            return
        }
        #expect(host == "127.0.0.1" && port == proxy.port)
        #expect(problem.contains("refused the tunnel"))
        let text = error?.description ?? ""
        #expect(text.contains("The proxy 127.0.0.1:\(proxy.port)") && text.contains("HTTPS_PROXY"))
        #expect(!text.contains("may or may not"))
    }

    /// Nothing listens at the proxy's port: the error names the proxy and HTTPS_PROXY, not the base URL.
    @Test func aProxyThatIsNotListeningIsNamedNotTheBaseURL() async throws {
        let deadProxyPort = try await withSimulator { $0.port }
        try await withSimulator({ $0.tls = true }) { server in
            let loaded = try ConfigurationLoader.load(
                flags: ConfigurationFlags(),
                environment: try Self.environment(server, ["HTTPS_PROXY": "http://127.0.0.1:\(deadProxyPort)"]))
            var configuration = loaded.configuration
            configuration.maxRetries = 0
            let client = try PrivXClient(configuration: configuration, logger: TestTranscript.logger)
            let error = await capturePrivXError { _ = try await client.roles(page: PageRequest(limit: 1)) }
            await client.shutdown()
            guard case .proxy(let host, let port, _)? = error else {
                Issue.record("expected a proxy error, got \(String(describing: error))")
                return
            }
            #expect(host == "127.0.0.1" && port == deadProxyPort)
            let text = error?.description ?? ""
            #expect(text.contains("HTTPS_PROXY") && !text.contains("Check the base URL"), "\(text)")
        }
    }
}
