import Foundation

/// Where the readers run: loopback as is, or every role-list request delayed like a far-away server.
enum LinkScenario: String, Sendable, CaseIterable {
    case loopback
    case slowLink = "50ms"

    /// Milliseconds the simulator adds to each role-list request.
    var latency: Int? { self == .slowLink ? HeadlessBenchmark.latencyMilliseconds : nil }

    var title: String {
        self == .loopback ? "HEADLESS READ, loopback TLS (whole process)" : "SLOW LINK, +\(HeadlessBenchmark.latencyMilliseconds) ms per role-list request, TLS (whole process)"
    }
}

/// A program that reads every role, timed from start to exit.
struct Reader: Sendable, Hashable {
    var name: String
    var isPython: Bool
    var arguments: [String]

    static let json = Reader(name: "privx-roles roles list --json", isPython: false, arguments: ["roles", "list", "--json"])
    static let table = Reader(name: "privx-roles roles list (table)", isPython: false, arguments: ["roles", "list"])
    static let csv = Reader(name: "privx-roles roles list --csv", isPython: false, arguments: ["roles", "list", "--csv"])
    static let python = Reader(name: "baseline: Python loop, pages of 1000", isPython: true, arguments: ["--page-size", "1000"])
    static let page50 = Reader(name: "baseline: Python loop, pages of 50", isPython: true, arguments: ["--page-size", "50"])
}

/// One reader's whole-process time in one scenario (median of `runs`).
struct ReaderResult: Sendable {
    var scenario: LinkScenario
    var roles: Int
    var reader: Reader
    var medianSeconds: Double
    var minSeconds: Double
    var runs: Int
}

/// `privx-roles bench-load` in one scenario: the in-process load time and how far its requests overlapped.
struct OverlapResult: Sendable {
    var scenario: LinkScenario
    var roles: Int
    var concurrency: Int
    var wallSeconds: Double
    var requests: Int
    var requestSumSeconds: Double
    /// Average role-list requests in flight: summed request time over wall time.
    var overlap: Double { wallSeconds > 0 ? requestSumSeconds / wallSeconds : 0 }
}

/// Issue 15: `roles list` against the plain Python loop and the page-of-50 loop (bench/python_reader.py),
/// all as whole processes against one TLS simulator process, then the same over a slow link.
enum HeadlessBenchmark {
    static let latencyMilliseconds = 50

    struct Options {
        var binDir: String
        var pythonReader: String
        var roleCounts: [Int]
        var log: (String) -> Void
    }

    static func run(_ options: Options, scenario: LinkScenario) throws -> (readers: [ReaderResult], overlaps: [OverlapResult]) {
        var readers: [ReaderResult] = []
        var overlaps: [OverlapResult] = []
        for count in options.roleCounts {
            let simulator = try SimulatorProcess(binDir: options.binDir, roles: count, tls: true, latency: scenario.latency)
            defer { simulator.stop() }
            let environment = simulator.clientEnvironment
            // Warm-up: the simulator computes member counts the first time it renders a page.
            _ = try timed(options, .json, environment: environment, expectRoles: count)
            for (reader, runs) in plan(scenario, count) {
                var samples: [Double] = []
                for _ in 0..<runs { samples.append(try timed(options, reader, environment: environment, expectRoles: count)) }
                samples.sort()
                let result = ReaderResult(scenario: scenario, roles: count, reader: reader, medianSeconds: samples[samples.count / 2],
                                          minSeconds: samples[0], runs: runs)
                options.log("\(scenario.rawValue) \(count) roles, \(reader.name): " + String(format: "%.3f s (min %.3f, %ld runs)", result.medianSeconds, result.minSeconds, runs))
                readers.append(result)
            }
            // The old default (4 in flight) beside this client's, so the overlap gained is visible.
            for concurrency in [4, nil] as [Int?] {
                var samples: [OverlapResult] = []
                for _ in 0..<(count >= 100_000 ? 1 : 3) {
                    let line = try LoadBenchmark.benchLoad(binDir: options.binDir, concurrency: concurrency, environment: environment)
                    guard let wall = LoadBenchmark.field(line, "wall_s"), let sum = LoadBenchmark.field(line, "request_sum_s"),
                          let requests = LoadBenchmark.field(line, "requests"), let used = LoadBenchmark.field(line, "concurrency") else {
                        throw BenchError("privx-roles bench-load printed no overlap figures: \(line)")
                    }
                    samples.append(OverlapResult(scenario: scenario, roles: count, concurrency: Int(used), wallSeconds: wall,
                                                 requests: Int(requests), requestSumSeconds: sum))
                }
                samples.sort { $0.wallSeconds < $1.wallSeconds }
                let median = samples[samples.count / 2]
                options.log("\(scenario.rawValue) \(count) roles in-process, \(median.concurrency) in flight: "
                            + String(format: "%.3f s, %ld requests, overlap %.2f", median.wallSeconds, median.requests, median.overlap))
                overlaps.append(median)
            }
        }
        return (readers, overlaps)
    }

    /// Which readers run how often: the slow baselines fewer times (pages of 50 over 50 ms take 10 s at 10k
    /// roles and nearly 2 minutes at 100k).
    static func plan(_ scenario: LinkScenario, _ count: Int) -> [(Reader, Int)] {
        let large = count >= 100_000
        switch scenario {
        case .loopback:
            return [(.json, large ? 3 : 5), (.table, large ? 3 : 5), (.csv, large ? 3 : 5), (.python, large ? 3 : 5), (.page50, large ? 1 : 3)]
        case .slowLink:
            return [(.json, large ? 3 : 5), (.python, large ? 1 : 3), (.page50, 1)]
        }
    }

    /// Runs one reader to its end and returns its wall time; its output must hold every role.
    static func timed(_ options: Options, _ reader: Reader, environment: [String: String], expectRoles: Int) throws -> Double {
        let executable = reader.isPython ? "/usr/bin/env" : options.binDir + "/privx-roles"
        let arguments = reader.isPython ? ["python3", options.pythonReader] + reader.arguments : reader.arguments
        let errorFile = NSTemporaryDirectory() + "privx-bench-reader-\(getpid()).err"
        defer { try? FileManager.default.removeItem(atPath: errorFile) }
        let start = ContinuousClock.now
        let child = try ChildProcess(executable, arguments, environment: environment, errorFile: errorFile)
        let (status, lines) = child.finishCountingLines()
        let elapsed = ContinuousClock.now - start
        let errors = ProcFile.read(errorFile)
        guard status == 0 else {
            throw BenchError("\(reader.name) exited with \(status): \(errors.suffix(400))")
        }
        // Every role must have been read: one per line for --json, plus a header for the table and CSV;
        // the Python loop reports its count on stderr.
        let seen = reader.isPython ? Int(errors.split(separator: " ").first { $0.hasPrefix("roles=") }?.dropFirst(6) ?? "") ?? -1
            : reader == .json ? lines - 2 : lines - 1
        guard seen == expectRoles else {
            throw BenchError("\(reader.name) read \(seen) roles, expected \(expectRoles): \(errors.suffix(400))")
        }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
