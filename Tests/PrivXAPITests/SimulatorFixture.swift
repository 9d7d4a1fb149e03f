import Foundation
import Logging
@testable import PrivXAPI
import RoleStoreSimulator
import Synchronization

typealias JSON = PrivXAPI.JSONValue

/// Collects values from concurrent callbacks (activity records, log lines, progress).
final class Collector<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    func append(_ item: Element) { items.withLock { $0.append(item) } }
    var all: [Element] { items.withLock { $0 } }
}

/// A swift-log handler that keeps every line with its metadata, to search them for secrets.
struct CapturingLogHandler: LogHandler {
    let lines: Collector<String>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let error = event.error.map { " error=\($0)" } ?? ""
        if ProcessInfo.processInfo.environment["PRIVX_TEST_LOG"] != nil, event.metadata?["cause"] != nil {
            FileHandle.standardError.write(Data("LOG \(event.message) \(event.metadata ?? [:])\n".utf8))
        }
        lines.append("\(event.level) \(event.message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))\(error)")
    }
}

/// Every log line and error text produced in this test process, for the redaction test.
enum TestTranscript {
    static let logLines = Collector<String>()
    static let errorTexts = Collector<String>()
    static var logger: Logger {
        Logger(label: "test.privx-api") { _ in CapturingLogHandler(lines: logLines) }
    }
}

/// Starts a simulator on port 0, runs `body`, and always stops it.
func withSimulator<T>(_ configure: (inout SimulatorOptions) -> Void = { _ in },
                      _ body: (SimulatorServer) async throws -> T) async throws -> T {
    var options = SimulatorOptions()
    configure(&options)
    let server = try await SimulatorServer.start(options)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// A client for the simulator with a demo credential; records every call into `records`.
func makeClient(_ server: SimulatorServer, as credential: DemoCredential = DemoCredentials.admin,
                records: Collector<APICallRecord>? = nil, configure: (inout ClientConfiguration) -> Void = { _ in }) throws -> PrivXClient {
    var configuration = ClientConfiguration(
        baseURL: server.baseURL,
        credentials: .apiClient(oauthClientID: credential.oauthClientID, oauthClientSecret: credential.oauthClientSecret,
                                apiClientID: credential.apiClientID, apiClientSecret: credential.apiClientSecret),
        additionalCACertificatesPEM: server.caCertificatePEM.map { [$0] } ?? [])
    configure(&configuration)
    var observer: (@Sendable (APICallRecord) -> Void)?
    if let records {
        observer = { record in records.append(record) }
    }
    return try PrivXClient(configuration: configuration, logger: TestTranscript.logger, onRequest: observer)
}

/// Runs `body` with a client and shuts it down afterwards.
func using<T>(_ client: PrivXClient, _ body: (PrivXClient) async throws -> T) async throws -> T {
    do {
        let result = try await body(client)
        await client.shutdown()
        return result
    } catch {
        TestTranscript.errorTexts.append(String(describing: error))
        await client.shutdown()
        throw error
    }
}

/// Captures a thrown PrivXError (and records its text for the redaction test).
func capturePrivXError(_ body: () async throws -> Void) async -> PrivXError? {
    do {
        try await body()
        return nil
    } catch let error as PrivXError {
        TestTranscript.errorTexts.append(error.description)
        return error
    } catch {
        TestTranscript.errorTexts.append(String(describing: error))
        return nil
    }
}

/// A fresh temporary directory.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("privx-api-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Delays every role-list request by `milliseconds` in the simulator, like a far-away server.
func delayRoleLists(_ server: SimulatorServer, milliseconds: Int) async {
    var faults = FaultOptions()
    faults.pathPrefix = "/role-store/api/v1/roles"
    faults.latencyMilliseconds = milliseconds
    await server.setFaults(faults)
}

/// True when every call was on the wire at one moment: the last to start began before the first to end ended.
func wereInFlightTogether(_ calls: [APICallRecord]) -> Bool {
    let windows = calls.map { ($0.startedAt, $0.startedAt.addingTimeInterval($0.durationMilliseconds / 1000)) }
    guard let latestStart = windows.map(\.0).max(), let earliestEnd = windows.map(\.1).min() else { return false }
    return latestStart < earliestEnd
}
