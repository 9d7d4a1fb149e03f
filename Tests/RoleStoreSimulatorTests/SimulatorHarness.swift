import AsyncHTTPClient
import Foundation
import NIOSSL
import RoleStoreSimulator
import Testing

/// HTTP methods the tests use (kept local so tests need no NIO imports).
enum Verb: String { case GET, POST, PUT, DELETE, PATCH }

/// One HTTP answer, body kept as bytes and (when it parses) as JSON.
struct HTTPAnswer {
    let status: Int
    let body: [UInt8]
    let headers: [(String, String)]
    var json: SimulatorJSON? { try? SimulatorJSON.parse(body) }
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
}

/// A started simulator plus a real HTTP client pointed at it.
struct SimulatorHarness {
    let server: SimulatorServer
    let client: HTTPClient

    static let api = "/role-store/api/v1"

    /// Starts a simulator, runs `body`, and always stops both ends.
    static func with<T>(_ configure: (inout SimulatorOptions) -> Void = { _ in },
                        _ body: (SimulatorHarness) async throws -> T) async throws -> T {
        var options = SimulatorOptions()
        options.scanDelay = 0.05
        configure(&options)
        let server = try await SimulatorServer.start(options)
        var configuration = HTTPClient.Configuration()
        if let pem = server.caCertificatePEM {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))
            configuration.tlsConfiguration = tls
        }
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(20))
        // The person login answers 307; tests read its Location, as a client must (never followed).
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let harness = SimulatorHarness(server: server, client: client)
        do {
            let result = try await body(harness)
            try await client.shutdown()
            await server.stop()
            return result
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
    }

    /// Sends one request; `token` becomes a Bearer header.
    func send(_ method: Verb, _ path: String, token: String? = nil, body: [UInt8]? = nil,
              headers: [(String, String)] = [], timeout: Int64 = 20) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.method = .init(rawValue: method.rawValue)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            if !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
                request.headers.add(name: "Content-Type", value: "application/json")
            }
            request.body = .bytes(body)
        }
        let response = try await client.execute(request, timeout: .seconds(timeout))
        let buffer = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return HTTPAnswer(status: Int(response.status.code), body: Array(buffer.readableBytesView),
                          headers: response.headers.map { ($0.name, $0.value) })
    }

    /// Sends JSON and returns the answer.
    func send(_ method: Verb, _ path: String, token: String?, json: SimulatorJSON) async throws -> HTTPAnswer {
        try await send(method, path, token: token, body: json.serialized())
    }

    /// Logs in with a demo credential through the real token endpoint.
    func token(_ credential: DemoCredential = DemoCredentials.admin) async throws -> String {
        let answer = try await tokenAnswer(credential)
        #expect(answer.status == 200, "token request failed: \(answer.text)")
        return try #require(answer.json?["access_token"]?.stringValue)
    }

    func tokenAnswer(_ credential: DemoCredential, oauthSecret: String? = nil, apiSecret: String? = nil) async throws -> HTTPAnswer {
        let basic = Data("\(credential.oauthClientID):\(oauthSecret ?? credential.oauthClientSecret)".utf8).base64EncodedString()
        let form = "grant_type=password&username=\(credential.apiClientID)&password=\(apiSecret ?? credential.apiClientSecret)"
        return try await send(.POST, "/auth/api/v1/oauth/token", body: Array(form.utf8),
                              headers: [("Authorization", "Basic \(basic)"),
                                        ("Content-Type", "application/x-www-form-urlencoded")])
    }

    /// GET a JSON document with the admin token, requiring 200.
    func getJSON(_ path: String, token: String) async throws -> SimulatorJSON {
        let answer = try await send(.GET, path, token: token)
        #expect(answer.status == 200, "GET \(path): \(answer.status) \(answer.text)")
        return try #require(answer.json)
    }

    /// Every role, read in pages of 1000.
    func allRoles(token: String) async throws -> [SimulatorJSON] {
        var items: [SimulatorJSON] = []
        var offset = 0
        while true {
            let page = try await getJSON("\(Self.api)/roles?offset=\(offset)&limit=1000", token: token)
            let batch = page["items"]?.arrayValue ?? []
            items += batch
            offset += batch.count
            if batch.isEmpty || offset >= (page["count"]?.intValue ?? 0) { break }
        }
        return items
    }

    /// The id of the seeded role with this name.
    func roleID(_ name: String, token: String) async throws -> String {
        let answer = try await send(.POST, "\(Self.api)/roles/resolve", token: token, json: .array([.string(name)]))
        return try #require(answer.json?["items"]?.arrayValue?.first?["id"]?.stringValue, "no role \(name)")
    }

    /// The id of a directory source of the given type.
    func sourceID(type: String, token: String) async throws -> String {
        let sources = try await getJSON("\(Self.api)/sources", token: token)
        let match = sources["items"]?.arrayValue?.first { $0["connection"]?["type"]?.stringValue == type }
        return try #require(match?["id"]?.stringValue)
    }
}

/// A minimal valid role body for create/update tests.
func sampleRole(name: String, source: String) -> SimulatorJSON {
    ["name": .string(name), "comment": "made by a test", "permissions": ["hosts-view"],
     "source_rules": ["type": "GROUP", "match": "ANY", "rules": [
        ["type": "RULE", "source": .string(source), "search_string": "(principal=a*)", "rules": []],
     ]],
     "tags": ["test"]]
}

/// A fresh temporary directory for state files.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rolestore-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
