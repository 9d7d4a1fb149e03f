import Foundation

/// Figures measured from outside through a pty (bench/pty_probe.py).
struct FirstFrameResult: Sendable {
    var roles: Int
    var medianSeconds: Double
    var minSeconds: Double
    var maxSeconds: Double
}

/// Bytes written to a 120×40 terminal for one interaction (minimum and median of several).
struct TerminalBytesResult: Sendable {
    var name: String
    var minimum: Int
    var median: Int
}

/// RSS of the console state after loading (roles + AWS roles).
struct MemoryResult: Sendable {
    var roles: Int
    var awsRoles: Int
    var residentMiB: Double
    var peakMiB: Double
}

/// One budget of issue 7 and whether this run met it.
struct Budget: Sendable {
    var name: String
    var measured: String
    var pass: Bool
}

/// Every figure of one `make bench` run, printed as one table and written as JSON.
struct BenchReport: Sendable {
    var machine: Machine
    var loadAverageAfter: [Double] = []
    var startedAt = Date()
    var durationSeconds = 0.0
    var loads: [LoadResult] = []
    var firstFrames: [FirstFrameResult] = []
    var terminalBytes: [TerminalBytesResult] = []
    var latencies: [LatencyStats] = []
    var memory: [MemoryResult] = []
    var throughput: ThroughputResult?
    /// Whole-process readers of every role (issue 15): on loopback and over a 50 ms link.
    var readers: [ReaderResult] = []
    /// In-process loads with the role-list requests' overlap (bench-load), per scenario.
    var overlaps: [OverlapResult] = []
    var problems: [String] = []

    func load(_ roles: Int, concurrency: Int?, pageSize: Int) -> LoadResult? {
        loads.first { $0.roles == roles && $0.configuration.concurrency == concurrency && $0.configuration.pageSize == pageSize }
    }

    /// The budgets of issue 7, evaluated on this run (a figure that is missing fails its budget).
    var budgets: [Budget] {
        var out: [Budget] = []
        let fast10k = load(10_000, concurrency: nil, pageSize: 1000)
        out.append(Budget(name: "10k roles loaded < 1 s", measured: fast10k.map { String(format: "%.3f s", $0.wallSeconds) } ?? "missing",
                          pass: (fast10k?.wallSeconds ?? .infinity) < 1))
        // The loopback "≥ 5× faster than page-50" budget swung between 3.2× and 5.9× where there is no
        // latency to hide; issue 15 replaced it by the headless and slow-link ratios.
        out += headlessBudgets
        let fast100k = load(100_000, concurrency: nil, pageSize: 1000)
        out.append(Budget(name: "100k roles loaded < 8 s", measured: fast100k.map { String(format: "%.3f s", $0.wallSeconds) } ?? "missing",
                          pass: (fast100k?.wallSeconds ?? .infinity) < 8))
        out.append(Budget(name: "100k roles client peak RSS < 150 MB",
                          measured: fast100k.map { String(format: "%.1f MB", $0.peakRSSMiB * 1.048576) } ?? "missing",
                          pass: (fast100k?.peakRSSMiB ?? .infinity) * 1.048576 < 150))
        for name in ["filter-keystroke", "selection-move"] {
            let stats = latencies.first { $0.name == name && $0.rows >= 100_000 }
            out.append(Budget(name: "\(name) p99 < 16 ms at 100k rows", measured: stats.map { String(format: "%.2f ms", $0.p99) } ?? "missing",
                              pass: (stats?.p99 ?? .infinity) < 16))
        }
        let frame = firstFrames.first { $0.roles == 1000 }
        out.append(Budget(name: "first frame < 1 s at 1k roles", measured: frame.map { String(format: "%.3f s", $0.medianSeconds) } ?? "missing",
                          pass: (frame?.medianSeconds ?? .infinity) < 1))
        let move = terminalBytes.first { $0.name == "selection_move" }
        out.append(Budget(name: "selection move writes < 200 bytes", measured: move.map { "\($0.minimum) B" } ?? "missing",
                          pass: (move?.minimum ?? Int.max) < 200))
        return out
    }

    /// The one table `make bench` prints.
    var table: String {
        var lines: [String] = []
        func row(_ a: String, _ b: String) { lines.append(a.padding(toLength: 58, withPad: " ", startingAt: 0) + " " + b) }
        lines.append("privx-roles benchmarks — \(machine.cores) cores, \(machine.memoryMiB) MiB, \(machine.cpuModel)")
        lines.append("load average before \(machine.loadAverage.map { String(format: "%.2f", $0) }.joined(separator: " ")), after \(loadAverageAfter.map { String(format: "%.2f", $0) }.joined(separator: " "))")
        lines.append(String(repeating: "-", count: 110))
        row("LOAD ALL ROLES (separate client process per run)", "wall s   requests  peak RSS MiB  vs page-50")
        for result in loads {
            let base = load(result.roles, concurrency: 1, pageSize: 50)?.wallSeconds
            let speedup = base.map { String(format: "%.1f×", $0 / result.wallSeconds) } ?? "-"
            row("  \(result.roles) roles, \(result.configuration.label)",
                String(format: "%7.3f  %8ld  %12.1f  ", result.wallSeconds, result.requests, result.peakRSSMiB) + speedup)
        }
        headlessLines(row)
        row("FIRST FRAME (process start → role rows on a pty)", "median s  min s   max s")
        for frame in firstFrames {
            row("  --demo --demo-size \(frame.roles)", String(format: "%7.3f  %6.3f  %6.3f", frame.medianSeconds, frame.minSeconds, frame.maxSeconds))
        }
        row("INTERACTION (update + render + draw, MemoryTerminal 120×40)", "p50 ms   p99 ms   max ms   samples")
        for stats in latencies {
            row("  \(stats.name) at \(stats.rows) rows", String(format: "%6.3f  %7.3f  %7.3f  %7ld", stats.p50, stats.p99, stats.max, stats.samples))
        }
        row("TERMINAL BYTES at 120×40 (through a pty)", "min B   median B")
        for bytes in terminalBytes { row("  \(bytes.name)", String(format: "%5ld  %8ld", bytes.minimum, bytes.median)) }
        row("MEMORY (console state after loading, own process)", "RSS MiB  peak MiB")
        for result in memory {
            row("  \(result.roles) roles + \(result.awsRoles) AWS roles", String(format: "%7.1f  %8.1f", result.residentMiB, result.peakMiB))
        }
        if let throughput {
            row("SIMULATOR (GET 1000-role page, \(throughput.connections) connections)",
                String(format: "%.0f req/s  (%ld requests in %.1f s, %ld KiB each)", throughput.requestsPerSecond,
                       throughput.requests, throughput.seconds, throughput.bytesPerResponse / 1024))
        }
        lines.append(String(repeating: "-", count: 110))
        row("BUDGETS", "")
        for budget in budgets { row("  \(budget.pass ? "PASS" : "FAIL")  \(budget.name)", budget.measured) }
        for problem in problems { lines.append("  NOT MEASURED: \(problem)") }
        lines.append(String(format: "total run %.0f s", durationSeconds))
        return lines.joined(separator: "\n")
    }

    /// Every figure as JSON (bench/results/latest.json).
    var json: [String: Any] {
        let formatter = ISO8601DateFormatter()
        return [
            "started": formatter.string(from: startedAt),
            "duration_s": durationSeconds,
            "machine": ["cores": machine.cores, "memory_mib": machine.memoryMiB, "cpu_model": machine.cpuModel,
                        "kernel": machine.kernel, "load_average_before": machine.loadAverage, "load_average_after": loadAverageAfter],
            "load": loads.map { result -> [String: Any] in
                let base = load(result.roles, concurrency: 1, pageSize: 50)?.wallSeconds
                return ["roles": result.roles, "label": result.configuration.label, "concurrency": nullable(result.configuration.concurrency),
                        "page_size": result.configuration.pageSize, "wall_s": result.wallSeconds, "requests": result.requests,
                        "peak_rss_mib": result.peakRSSMiB, "runs_median_of": result.runs,
                        "speedup_vs_page50": nullable(base.map { $0 / result.wallSeconds })]
            },
            "headless_read": headlessJSON,
            "first_frame": firstFrames.map { ["roles": $0.roles, "median_s": $0.medianSeconds, "min_s": $0.minSeconds, "max_s": $0.maxSeconds] },
            "interaction_latency_ms": latencies.map { ["name": $0.name, "rows": $0.rows, "samples": $0.samples, "p50": $0.p50, "p99": $0.p99, "max": $0.max] },
            "terminal_bytes_120x40": terminalBytes.map { ["name": $0.name, "min": $0.minimum, "median": $0.median] },
            "memory": memory.map { ["roles": $0.roles, "aws_roles": $0.awsRoles, "rss_mib": $0.residentMiB, "peak_rss_mib": $0.peakMiB] },
            "simulator_throughput": nullable(throughput.map { ["roles_per_page": 1000, "connections": $0.connections, "seconds": $0.seconds,
                                                      "requests": $0.requests, "requests_per_second": $0.requestsPerSecond,
                                                      "bytes_per_response": $0.bytesPerResponse] as [String: Any] }),
            "budgets": budgets.map { ["name": $0.name, "measured": $0.measured, "pass": $0.pass] },
            "not_measured": problems,
        ]
    }

    /// JSON null for a missing figure.
    func nullable(_ value: Any?) -> Any { value ?? NSNull() }
}
