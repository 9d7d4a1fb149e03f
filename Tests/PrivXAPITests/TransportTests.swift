import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

@Suite("Transport: TLS, refusals and network failures")
struct TransportTests {
    @Test func httpsWorksWithTheCAAddedToSystemRoots() async throws {
        try await withSimulator({ $0.tls = true }) { server in
            #expect(server.baseURL.hasPrefix("https://"))
            let pem = try #require(server.caCertificatePEM)
            try await using(makeClient(server) { $0.additionalCACertificatesPEM = [pem] }) { client in
                let page = try await client.roles(page: PageRequest(limit: 2))
                #expect(page.items.count == 2)
            }
        }
    }

    @Test func httpsWithCAFileThroughTheLoader() async throws {
        try await withSimulator({ $0.tls = true }) { server in
            let directory = try temporaryDirectory()
            let caFile = directory.appendingPathComponent("ca.pem").path
            try #require(server.caCertificatePEM).write(toFile: caFile, atomically: true, encoding: .utf8)
            let admin = DemoCredentials.admin
            let loaded = try ConfigurationLoader.load(
                flags: ConfigurationFlags(configFile: nil, baseURL: server.baseURL, caCertFile: caFile),
                environment: ["HOME": directory.path, "PRIVX_API_CLIENT_ID": admin.apiClientID,
                              "PRIVX_API_CLIENT_SECRET": admin.apiClientSecret,
                              "PRIVX_API_OAUTH_CLIENT_SECRET": admin.oauthClientSecret])
            #expect(loaded.configuration.additionalCACertificatesPEM.count == 1)
            let client = try PrivXClient(configuration: loaded.configuration, logger: TestTranscript.logger)
            try await using(client) { client in
                let status = try await client.status()
                #expect(status.status != nil)
            }
        }
    }

    @Test func httpsWithoutTheCAFailsWithACertificateMessage() async throws {
        try await withSimulator({ $0.tls = true }) { server in
            try await using(makeClient(server) { $0.additionalCACertificatesPEM = [] }) { client in
                let error = await capturePrivXError { _ = try await client.roles(page: PageRequest()) }
                guard case .tls(let host, let problem) = error else {
                    Issue.record("expected a TLS error, got \(String(describing: error))")
                    return
                }
                #expect(host == "127.0.0.1")
                #expect(problem.contains("not signed by a trusted CA"))
                #expect(error?.description.contains("--ca-cert") == true)
            }
        }
    }

    @Test(arguments: ["http://privx.example.com", "http://10.0.0.5:8080/", "http://[2001:db8::1]"])
    func plainHTTPToANonLoopbackHostIsRefused(_ url: String) {
        #expect {
            _ = try PrivXClient(configuration: ClientConfiguration(baseURL: url, credentials: .bearerToken("t")))
        } throws: { error in
            guard let error = error as? PrivXError, case .insecureURL = error else { return false }
            TestTranscript.errorTexts.append(error.description)
            return error.description.contains("https://")
        }
    }

    @Test(arguments: ["http://127.0.0.1:1", "http://localhost:8080", "http://[::1]:9"])
    func plainHTTPToLoopbackIsAllowed(_ url: String) async throws {
        let client = try PrivXClient(configuration: ClientConfiguration(baseURL: url, credentials: .bearerToken("t")))
        await client.shutdown()
    }

    @Test func connectionRefusedIsItsOwnCase() async throws {
        let port = try await withSimulator { $0.port }
        let client = try PrivXClient(configuration: ClientConfiguration(baseURL: "http://127.0.0.1:\(port)", credentials: .bearerToken("t"),
                                                                         maxRetries: 0),
                                     logger: TestTranscript.logger)
        let error = await capturePrivXError { _ = try await client.status() }
        await client.shutdown()
        #expect(error == .connectionRefused(host: "127.0.0.1", port: port))
    }

    @Test func unknownHostIsADNSFailure() async throws {
        let client = try PrivXClient(configuration: ClientConfiguration(baseURL: "https://no-such-host.invalid", credentials: .bearerToken("t")),
                                     logger: TestTranscript.logger)
        let error = await capturePrivXError { _ = try await client.status() }
        await client.shutdown()
        #expect(error == .hostNotFound(host: "no-such-host.invalid"))
    }

    @Test func aStalledAnswerTimesOut() async throws {
        try await withSimulator { server in
            try await using(makeClient(server) { $0.requestTimeout = 5; $0.maxRetries = 0 }) { client in
                _ = try await client.status()
                var faults = FaultOptions()
                faults.rate = 1
                faults.kinds = [.timeout]
                faults.pathPrefix = "/role-store/api/v1/roles"
                await server.setFaults(faults)
                let error = await capturePrivXError { _ = try await client.roles(page: PageRequest()) }
                guard case .timeout = error else {
                    Issue.record("expected a timeout, got \(String(describing: error))")
                    return
                }
            }
        }
    }

    @Test func malformedJSONIsAnInvalidResponse() async throws {
        try await withSimulator { server in
            try await using(makeClient(server)) { client in
                _ = try await client.status()
                var faults = FaultOptions()
                faults.rate = 1
                faults.kinds = [.malformedJSON]
                faults.pathPrefix = "/role-store/api/v1/roles"
                await server.setFaults(faults)
                let error = await capturePrivXError { _ = try await client.roles(page: PageRequest()) }
                guard case .invalidResponse = error else {
                    Issue.record("expected an invalid response, got \(String(describing: error))")
                    return
                }
            }
        }
    }

    @Test func proxyFromTheEnvironmentIsUsedUnlessNoProxyMatches() async throws {
        let deadProxyPort = try await withSimulator { $0.port }
        try await withSimulator({ $0.tls = true }) { server in
            let caFile = try temporaryDirectory().appendingPathComponent("ca.pem").path
            try #require(server.caCertificatePEM).write(toFile: caFile, atomically: true, encoding: .utf8)
            var environment = ["HOME": "/nonexistent", "HTTPS_PROXY": "http://127.0.0.1:\(deadProxyPort)",
                               "PRIVX_API_BASE_URL": server.baseURL, "PRIVX_API_BEARER_TOKEN": "t", "PRIVX_API_CA_CERT_FILE": caFile]
            let proxied = try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: environment)
            #expect(proxied.configuration.proxy?.port == deadProxyPort)
            let viaProxy = try PrivXClient(configuration: proxied.configuration, logger: TestTranscript.logger)
            let error = await capturePrivXError { _ = try await viaProxy.status() }
            await viaProxy.shutdown()
            #expect(error == .proxy(host: "127.0.0.1", port: deadProxyPort, problem: "refused the connection: nothing is listening there"))

            environment["NO_PROXY"] = "127.0.0.1"
            let direct = try ConfigurationLoader.load(flags: ConfigurationFlags(), environment: environment)
            #expect(direct.configuration.proxy == nil)
            try await using(PrivXClient(configuration: direct.configuration, logger: TestTranscript.logger)) { client in
                let status = try await client.status()
                #expect(status.status != nil)
            }
        }
    }

    @Test func cookiesAreKeptAndSentBack() {
        let jar = CookieJar()
        jar.store(setCookieValues: ["node=a1; Path=/; HttpOnly", "lb=x; Max-Age=60"])
        #expect(jar.headerValue() == "node=a1; lb=x")
        jar.store(setCookieValues: ["lb=gone; Max-Age=0"])
        #expect(jar.headerValue() == "node=a1")
    }

    @Test func retryAfterParsing() {
        #expect(HTTPTransport.parseRetryAfter("3") == 3)
        #expect(HTTPTransport.parseRetryAfter("soon") == nil)
    }
}
