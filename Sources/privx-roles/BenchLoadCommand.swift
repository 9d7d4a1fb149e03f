import ArgumentParser
import Foundation
import PrivXAPI
import Synchronization

/// Hidden `bench-load`: reads every role and prints wall time, peak memory and how far the role-list
/// requests overlapped (for the load and slow-link benchmarks).
struct BenchLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-load",
                                                    abstract: "Measure reading every role (wall time, peak RSS, overlap).",
                                                    shouldDisplay: false)

    @Option(name: .long, help: "Pages fetched at once (default: the client's).")
    var concurrency: Int?

    @Option(name: .customLong("page-size"), help: "Roles per page (max 1000).")
    var pageSize = 1000

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        // Durations of the role-list requests, summed: divided by the wall time it is the average number in flight.
        let listTime = RequestTimes()
        let record: @Sendable (APICallRecord) -> Void = { call in
            guard call.path.hasPrefix(PrivXClient.roleStorePrefix + "/roles?") else { return }
            listTime.add(call.durationMilliseconds)
        }
        let (count, seconds, inFlight) = try await withClient(connection, pageConcurrency: concurrency, pageSize: pageSize, speculative: true,
                                                              onRequest: record) { client in
            _ = try await client.status()
            let start = ContinuousClock.now
            let roles = try await client.allRoles()
            let elapsed = ContinuousClock.now - start
            return (roles.count, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                    client.configuration.pageConcurrency)
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peakMiB = Double(usage.ru_maxrss) / 1024
        let (requests, requestMilliseconds) = listTime.total
        Output.line(String(format: "roles=%d concurrency=%d page_size=%d wall_s=%.3f peak_rss_mib=%.1f requests=%d request_sum_s=%.3f overlap=%.2f",
                           count, inFlight, pageSize, seconds, peakMiB, requests, requestMilliseconds / 1000,
                           seconds > 0 ? requestMilliseconds / 1000 / seconds : 0))
    }
}

/// Role-list request durations as they are reported (from the client's tasks).
final class RequestTimes: Sendable {
    private let state = Mutex<(count: Int, milliseconds: Double)>((0, 0))

    func add(_ milliseconds: Double) { state.withLock { $0 = ($0.count + 1, $0.milliseconds + milliseconds) } }

    var total: (count: Int, milliseconds: Double) { state.withLock { $0 } }
}
