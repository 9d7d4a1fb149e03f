import Foundation

/// One client configuration reading every role: this client's default, or the page-at-a-time baseline.
struct LoadConfiguration: Sendable {
    var label: String
    /// Pages in flight; nil is the client's default.
    var concurrency: Int?
    var pageSize: Int

    /// This client as shipped (its default pages in flight).
    var isThisClient: Bool { concurrency == nil }

    /// The three configurations compared side by side.
    static let all = [
        LoadConfiguration(label: "this client (page 1000, default concurrency)", concurrency: nil, pageSize: 1000),
        LoadConfiguration(label: "baseline: page 50, one at a time", concurrency: 1, pageSize: 50),
        LoadConfiguration(label: "baseline: page 1000, one at a time", concurrency: 1, pageSize: 1000),
    ]
}

/// What reading every role cost one configuration (median run).
struct LoadResult: Sendable {
    var roles: Int
    var configuration: LoadConfiguration
    var wallSeconds: Double
    var requests: Int
    var peakRSSMiB: Double
    var runs: Int
}

/// Runs `privx-roles bench-load` as a separate process per configuration against a simulator process.
enum LoadBenchmark {
    static func run(binDir: String, roleCounts: [Int], log: (String) -> Void) throws -> [LoadResult] {
        var results: [LoadResult] = []
        for count in roleCounts {
            let simulator = try SimulatorProcess(binDir: binDir, roles: count)
            defer { simulator.stop() }
            let environment = simulator.clientEnvironment
            _ = try loadOnce(binDir: binDir, configuration: LoadConfiguration.all[0], environment: environment) // warm-up
            let runs = count >= 100_000 ? 1 : 3
            for configuration in LoadConfiguration.all {
                var samples: [(wall: Double, rss: Double, requests: Int)] = []
                for _ in 0..<runs {
                    let before = simulator.roleListRequests()
                    let (wall, rss) = try loadOnce(binDir: binDir, configuration: configuration, environment: environment)
                    samples.append((wall, rss, simulator.roleListRequests() - before))
                }
                samples.sort { $0.wall < $1.wall }
                let median = samples[samples.count / 2]
                let result = LoadResult(roles: count, configuration: configuration, wallSeconds: median.wall,
                                        requests: median.requests, peakRSSMiB: samples.map(\.rss).max() ?? 0, runs: runs)
                log("load \(count) roles, \(configuration.label): " + String(format: "%.3f s, %ld requests, peak RSS %.1f MiB",
                                                                               result.wallSeconds, result.requests, result.peakRSSMiB))
                results.append(result)
            }
        }
        return results
    }

    /// One `bench-load` process: its wall time for `allRoles` and its own peak RSS.
    static func loadOnce(binDir: String, configuration: LoadConfiguration, environment: [String: String]) throws -> (Double, Double) {
        let output = try benchLoad(binDir: binDir, concurrency: configuration.concurrency, pageSize: configuration.pageSize,
                                   environment: environment)
        guard let wall = field(output, "wall_s"), let rss = field(output, "peak_rss_mib") else {
            throw BenchError("privx-roles bench-load printed no figures: \(output)")
        }
        return (wall, rss)
    }

    /// Runs `privx-roles bench-load` and returns its `key=value` line.
    static func benchLoad(binDir: String, concurrency: Int?, pageSize: Int = 1000, environment: [String: String]) throws -> String {
        var arguments = ["bench-load", "--page-size", String(pageSize)]
        if let concurrency { arguments += ["--concurrency", String(concurrency)] }
        return try runToEnd(binDir + "/privx-roles", arguments, environment: environment)
    }

    /// The number after `name=` in a `key=value` line.
    static func field(_ text: String, _ name: String) -> Double? {
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) where token.hasPrefix(name + "=") {
            return Double(token.dropFirst(name.count + 1))
        }
        return nil
    }
}
