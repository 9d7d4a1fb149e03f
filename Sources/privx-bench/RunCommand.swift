import ArgumentParser
import Foundation

/// `privx-bench run`: every benchmark of issue 7 against release binaries; one table, one JSON file.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run every benchmark, print the table, write the JSON.")

    @Option(name: .customLong("bin-dir"), help: "Directory with the release privx-roles and privx-rolestore-sim.")
    var binDir = ".build/release"

    @Option(help: "Where to write the JSON results.")
    var output = "bench/results/latest.json"

    @Option(name: .customLong("pty-probe"), help: "The pty measurement script.")
    var ptyProbe = "bench/pty_probe.py"

    @Option(name: .customLong("python-reader"), help: "The plain Python baseline reader.")
    var pythonReader = "bench/python_reader.py"

    @Flag(help: "Smaller sizes (1k and 10k only) for a quick check; budgets at 100k then show as missing.")
    var quick = false

    @Flag(name: .customLong("headless-only"), help: "Only the headless-read and slow-link benchmarks (issue 15).")
    var headlessOnly = false

    func run() async throws {
        let started = ContinuousClock.now
        var report = BenchReport(machine: Machine.current())
        let say: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data(("  · " + line + "\n").utf8)) }
        var problems: [String] = []

        let headless = HeadlessBenchmark.Options(binDir: binDir, pythonReader: pythonReader,
                                                 roleCounts: quick ? [10_000] : [10_000, 100_000], log: say)
        for scenario in LinkScenario.allCases {
            problems += step("headless read, \(scenario.rawValue)") {
                let (readers, overlaps) = try HeadlessBenchmark.run(headless, scenario: scenario)
                report.readers += readers
                report.overlaps += overlaps
            }
        }
        if !headlessOnly {
            try await runConsoleBenchmarks(&report, &problems, say: say)
        }

        report.problems.insert(contentsOf: problems, at: 0)
        let elapsed = ContinuousClock.now - started
        report.durationSeconds = Double(elapsed.components.seconds)
        report.loadAverageAfter = Machine.loadAverage()
        print(report.table)
        let data = try JSONSerialization.data(withJSONObject: report.json, options: [.prettyPrinted, .sortedKeys])
        try FileManager.default.createDirectory(atPath: (output as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: output))
        print("results written to \(output)")
    }

    /// The benchmarks of issue 7: loading, first frame, terminal bytes, console latency and memory, simulator.
    func runConsoleBenchmarks(_ report: inout BenchReport, _ problems: inout [String], say: @escaping (String) -> Void) async throws {
        let large = quick ? 10_000 : 100_000
        problems += step("load all roles") {
            report.loads = try LoadBenchmark.run(binDir: binDir, roleCounts: quick ? [1000, 10_000] : [1000, 10_000, 100_000], log: say)
        }
        problems += step("first frame") {
            for size in [1000, 10_000] {
                let json = try probe(["first-frame", binDir + "/privx-roles", String(size), "5"])
                report.firstFrames.append(FirstFrameResult(roles: size, medianSeconds: json["median_s"] as? Double ?? .nan,
                                                           minSeconds: json["min_s"] as? Double ?? .nan, maxSeconds: json["max_s"] as? Double ?? .nan))
                say(String(format: "first frame at %ld roles: %.3f s", size, report.firstFrames.last?.medianSeconds ?? .nan))
            }
        }
        problems += step("terminal bytes") {
            let json = try probe(["bytes", binDir + "/privx-roles", "10000"])
            for name in ["selection_move", "selection_move_detail_follow", "selection_move_held", "page_down",
                         "page_down_detail_follow", "filter_keystroke"] {
                guard let entry = json[name] as? [String: Any] else { continue }
                report.terminalBytes.append(TerminalBytesResult(name: name, minimum: entry["min"] as? Int ?? -1, median: entry["median"] as? Int ?? -1))
                say("terminal bytes \(name): \(entry)")
            }
        }
        for size in [10_000, large] {
            problems += step("console memory and latency at \(size) rows") {
                let simulator = try SimulatorProcess(binDir: binDir, roles: size, awsRoles: size >= 100_000 ? 10_003 : nil) // 3 curated AWS roles appear only after a re-scan
                defer { simulator.stop() }
                let me = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
                let text = try runToEnd(me, ["console-latency", "--url", simulator.baseURL])
                for line in text.split(separator: "\n") {
                    if let stats = LatencyStats(line: line) {
                        report.latencies.append(stats)
                        say("\(stats.name) at \(stats.rows) rows: " + String(format: "p50 %.3f p99 %.3f max %.3f ms", stats.p50, stats.p99, stats.max))
                    } else if line.hasPrefix("memory ") {
                        let parts = line.split(separator: " ")
                        if parts.count == 5, let roles = Int(parts[1]), let aws = Int(parts[2]), let rss = Double(parts[3]), let peak = Double(parts[4]) {
                            report.memory.append(MemoryResult(roles: roles, awsRoles: aws, residentMiB: rss, peakMiB: peak))
                            say(String(format: "memory: %ld roles + %ld AWS roles: RSS %.1f MiB (peak %.1f)", roles, aws, rss, peak))
                        }
                    }
                }
            }
        }
        do {
            let simulator = try SimulatorProcess(binDir: binDir, roles: 10_000)
            do {
                report.throughput = try await SimulatorThroughput.run(baseURL: simulator.baseURL, roles: 10_000)
                say(String(format: "simulator: %.0f requests/s", report.throughput?.requestsPerSecond ?? 0))
            } catch {
                report.problems.append("simulator throughput: \(error)")
            }
            simulator.stop()
        } catch {
            report.problems.append("simulator throughput: \(error)")
        }
    }

    /// Runs one benchmark; a failure is recorded in the report instead of ending the run.
    func step(_ name: String, _ body: () throws -> Void) -> [String] {
        FileHandle.standardError.write(Data("\(name)…\n".utf8))
        do { try body() } catch { return ["\(name): \(error)"] }
        return []
    }

    /// Runs the pty probe and parses its JSON.
    func probe(_ arguments: [String]) throws -> [String: Any] {
        let text = try runToEnd("/usr/bin/env", ["python3", ptyProbe] + arguments)
        guard let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw BenchError("the pty probe printed no JSON: \(text)")
        }
        return json
    }
}
