import ArgumentParser
import Foundation
import PrivXAPI

/// Hidden `bench-load`: reads every role and prints wall time and peak memory (for the load benchmark).
struct BenchLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-load",
                                                    abstract: "Measure reading every role (wall time, peak RSS).",
                                                    shouldDisplay: false)

    @Option(name: .long, help: "Pages fetched at once.")
    var concurrency = 4

    @Option(name: .customLong("page-size"), help: "Roles per page (max 1000).")
    var pageSize = 1000

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let (count, seconds) = try await withClient(connection, pageConcurrency: concurrency, pageSize: pageSize) { client in
            _ = try await client.status()
            let start = ContinuousClock.now
            let roles = try await client.allRoles()
            let elapsed = ContinuousClock.now - start
            return (roles.count, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peakMiB = Double(usage.ru_maxrss) / 1024
        Output.line(String(format: "roles=%d concurrency=%d page_size=%d wall_s=%.3f peak_rss_mib=%.1f",
                           count, concurrency, pageSize, seconds, peakMiB))
    }
}
