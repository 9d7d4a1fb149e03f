import AsyncHTTPClient
import Foundation
import RoleStoreSimulator
import Synchronization
import Testing

@Suite("Durability: restart, kill -9, signals")
struct DurabilityTests {
    let api = SimulatorHarness.api

    @Test func stateSurvivesARestart() async throws {
        let directory = try temporaryDirectory()
        let data = directory.appendingPathComponent("state.jsonl").path
        let (createdID, awsID, deletedID, mappedRole) = try await SimulatorHarness.with({ $0.dataFile = data }) { sim in
            let token = try await sim.token()
            let source = try await sim.sourceID(type: "LOCAL", token: token)
            var role = sampleRole(name: "persisted-role", source: source)
            role["x_extension"] = ["kept": true]
            let created = try #require(try await sim.send(.POST, "\(api)/roles", token: token, json: role).json?["id"]?.stringValue)
            let deleted = try await sim.roleID("legacy-mainframe", token: token)
            #expect(try await sim.send(.DELETE, "\(api)/roles/\(deleted)", token: token).status == 200)
            let aws = try #require(try await sim.getJSON("\(api)/awsroles", token: token)["items"]?[0]?["id"]?.stringValue)
            let mapped = try await sim.roleID("oracle-dba", token: token)
            _ = try await sim.send(.PUT, "\(api)/awsroles/\(aws)/roles", token: token, json: [["id": .string(mapped)]])
            _ = try await sim.getJSON("\(api)/awsroles?refresh=true", token: token)
            return (created, aws, deleted, mapped)
        }
        try await SimulatorHarness.with({ $0.dataFile = data }) { sim in
            let token = try await sim.token()
            let role = try await sim.getJSON("\(api)/roles/\(createdID)", token: token)
            #expect(role["name"] == "persisted-role")
            #expect(role["x_extension"] == ["kept": true])
            #expect(try await sim.send(.GET, "\(api)/roles/\(deletedID)", token: token).status == 404)
            let mapping = try await sim.getJSON("\(api)/awsroles/\(awsID)/roles", token: token)
            #expect(mapping["items"]?[0]?["id"]?.stringValue == mappedRole)
            #expect(try await sim.getJSON("\(api)/awsroles", token: token)["count"] == 33)
            #expect(try await sim.getJSON("\(api)/roles", token: token)["count"] == 60)
        }
    }

    @Test func killMinus9KeepsEveryAcknowledgedWrite() async throws {
        let directory = try temporaryDirectory()
        let data = directory.appendingPathComponent("state.jsonl").path
        let first = try await SimulatorProcess(arguments: ["--port", "0", "--data", data, "--log", directory.appendingPathComponent("log").path])
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let acknowledged = AcknowledgedWrites()
        let writer = Task {
            let token = try await Self.token(client, first.baseURL)
            var index = 0
            while !Task.isCancelled {
                let name = "crash-test-\(index)"
                var request = HTTPClientRequest(url: first.baseURL + "\(SimulatorHarness.api)/roles")
                request.method = .POST
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
                request.headers.add(name: "Content-Type", value: "application/json")
                let body: SimulatorJSON = ["name": .string(name), "source_rules": ["type": "GROUP", "match": "ANY", "rules": []],
                                       "x_payload": .string(String(repeating: "p", count: 2000))]
                request.body = .bytes(body.serialized())
                let response = try await client.execute(request, timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 1 << 20)
                if response.status.code == 201 { acknowledged.append(name) }
                index += 1
            }
        }
        // Let a good number of writes through, then pull the plug mid-stream.
        while acknowledged.all.count < 25 { try await Task.sleep(for: .milliseconds(5)) }
        let status = await first.signal(SIGKILL)
        #expect(status == SIGKILL)
        writer.cancel()
        _ = await writer.result
        let written = acknowledged.all

        let second = try await SimulatorProcess(arguments: ["--port", "0", "--data", data])
        let token = try await Self.token(client, second.baseURL)
        var request = HTTPClientRequest(url: second.baseURL + "\(SimulatorHarness.api)/roles/search?limit=1000")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.body = .bytes(SimulatorJSON.object(["keywords": "crash-test-"]).serialized())
        let response = try await client.execute(request, timeout: .seconds(10))
        let json = try SimulatorJSON.parse(Array(try await response.body.collect(upTo: 1 << 24).readableBytesView))
        let names = Set(json["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [])
        for name in written { #expect(names.contains(name), "\(name) was acknowledged but lost") }
        #expect(names.count >= written.count)
        #expect(await second.signal(SIGTERM) == 0)
        try await client.shutdown()
    }

    @Test func sigintStopsCleanlyAndPrintsTheURLFirst() async throws {
        let process = try await SimulatorProcess(arguments: ["--port", "0"])
        #expect(process.baseURL.hasPrefix("http://127.0.0.1:"))
        #expect(await process.signal(SIGINT) == 0)
    }

    @Test func damagedStateFileIsReportedNotOverwritten() async throws {
        let directory = try temporaryDirectory()
        let data = directory.appendingPathComponent("state.jsonl").path
        try "this is not a snapshot\n{\"kind\":\"delete_role\"}\n".write(toFile: data, atomically: true, encoding: .utf8)
        var options = SimulatorOptions()
        options.dataFile = data
        await #expect(throws: SimulatorStartError.self) { _ = try await SimulatorServer.start(options) }
        #expect(try String(contentsOfFile: data, encoding: .utf8).hasPrefix("this is not a snapshot"))
    }

    static func token(_ client: HTTPClient, _ baseURL: String) async throws -> String {
        let credential = DemoCredentials.admin
        var request = HTTPClientRequest(url: baseURL + "/auth/api/v1/oauth/token")
        request.method = .POST
        let basic = Data("\(credential.oauthClientID):\(credential.oauthClientSecret)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(basic)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(Array("grant_type=password&username=\(credential.apiClientID)&password=\(credential.apiClientSecret)".utf8))
        let response = try await client.execute(request, timeout: .seconds(10))
        let json = try SimulatorJSON.parse(Array(try await response.body.collect(upTo: 1 << 20).readableBytesView))
        return try #require(json["access_token"]?.stringValue)
    }
}

/// Names of roles whose create got a 201, shared between the writer task and the test.
final class AcknowledgedWrites: Sendable {
    private let names = Mutex<[String]>([])
    func append(_ name: String) { names.withLock { $0.append(name) } }
    var all: [String] { names.withLock { $0 } }
}
