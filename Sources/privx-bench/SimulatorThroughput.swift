import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import RoleStoreSimulator

/// Requests per second the simulator serves for one 1000-role page, so a slow simulator is not taken for a slow client.
struct ThroughputResult: Sendable {
    var roles: Int
    var connections: Int
    var seconds: Double
    var requests: Int
    var bytesPerResponse: Int
    var requestsPerSecond: Double { seconds > 0 ? Double(requests) / seconds : 0 }
}

enum SimulatorThroughput {
    /// `connections` workers GET the first 1000-role page back to back for `seconds`.
    static func run(baseURL: String, roles: Int, connections: Int = 8, seconds: Double = 5) async throws -> ThroughputResult {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let token = try await accessToken(client, baseURL: baseURL)
            let url = baseURL + "/role-store/api/v1/roles?offset=0&limit=1000"
            let size = try await get(client, url: url, token: token)
            let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
            let start = ContinuousClock.now
            let total = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<connections {
                    group.addTask {
                        var done = 0
                        while ContinuousClock.now < deadline {
                            _ = try await get(client, url: url, token: token)
                            done += 1
                        }
                        return done
                    }
                }
                return try await group.reduce(0, +)
            }
            let elapsed = ContinuousClock.now - start
            try await client.shutdown()
            return ThroughputResult(roles: roles, connections: connections,
                                    seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                                    requests: total, bytesPerResponse: size)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// The demo admin's access token from the OAuth endpoint.
    static func accessToken(_ client: HTTPClient, baseURL: String) async throws -> String {
        guard let admin = DemoCredentials.named("admin") else { throw BenchError("the simulator has no demo admin client") }
        var request = HTTPClientRequest(url: baseURL + "/auth/api/v1/oauth/token")
        request.method = .POST
        let basic = Data("\(admin.oauthClientID):\(admin.oauthClientSecret)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic " + basic)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let form = "grant_type=password&username=\(admin.apiClientID)&password=\(admin.apiClientSecret)"
        request.body = .bytes(ByteBuffer(string: form))
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok,
              let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
              let token = json["access_token"] as? String else {
            throw BenchError("the simulator refused the demo admin login (HTTP \(response.status.code))")
        }
        return token
    }

    /// One GET; returns the body size.
    static func get(_ client: HTTPClient, url: String, token: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer " + token)
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 << 20)
        guard response.status == .ok else { throw BenchError("GET \(url) answered HTTP \(response.status.code)") }
        return body.readableBytes
    }
}
