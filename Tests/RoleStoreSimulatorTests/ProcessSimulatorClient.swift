import AsyncHTTPClient
import Foundation
import RoleStoreSimulator
import Synchronization

/// Talks to a `privx-rolestore-sim` child process over real HTTP with the demo admin's token.
struct ProcessSimulatorClient: Sendable {
    let client: HTTPClient
    let baseURL: String
    let token: String

    static let api = SimulatorHarness.api

    /// An HTTP client with room for `connections` concurrent connections (AHC's default is 8).
    static func makeHTTPClient(connections: Int) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connections
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Logs in against `baseURL`.
    static func connect(_ client: HTTPClient, _ baseURL: String) async throws -> ProcessSimulatorClient {
        ProcessSimulatorClient(client: client, baseURL: baseURL, token: try await DurabilityTests.token(client, baseURL))
    }

    /// One request; returns the status and the body.
    func send(_ method: Verb, _ path: String, json: SimulatorJSON? = nil, timeout: Int64 = 30) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .init(rawValue: method.rawValue)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(json.serialized())
        }
        let response = try await client.execute(request, timeout: .seconds(timeout))
        let body = try await response.body.collect(upTo: 64 << 20)
        return HTTPAnswer(status: Int(response.status.code), body: Array(body.readableBytesView),
                          headers: response.headers.map { ($0.name, $0.value) })
    }

    /// Every role, read in pages of 1000, keyed by id.
    func allRoles() async throws -> [String: SimulatorJSON] {
        var roles: [String: SimulatorJSON] = [:]
        var offset = 0
        while true {
            let page = try await send(.GET, "\(Self.api)/roles?offset=\(offset)&limit=1000")
            guard page.status == 200, let json = page.json else {
                throw SimulatorProcessError("GET roles answered \(page.status): \(page.text.prefix(200))")
            }
            let items = json["items"]?.arrayValue ?? []
            for item in items { if let id = item["id"]?.stringValue { roles[id] = item } }
            offset += items.count
            if items.isEmpty || offset >= json["count"]?.intValue ?? 0 { break }
        }
        return roles
    }

    /// A role body with no rules: cheap to store and to evaluate.
    static func role(_ name: String, comment: String, tags: [String] = []) -> SimulatorJSON {
        ["name": .string(name), "comment": .string(comment), "tags": .array(tags.map { .string($0) }),
         "source_rules": ["type": "GROUP", "match": "ANY", "rules": []]]
    }
}

/// A value shared between concurrent test tasks.
final class Locked<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    func update<T>(_ body: (inout Value) -> T) -> T { value.withLock { body(&$0) } }
    var current: Value { value.withLock { $0 } }
}
