import Foundation

/// The issue-15 part of the report: whole-process readers on loopback and over a slow link, the
/// client's overlap, and the budgets that replaced the loopback page-50 ratio.
extension BenchReport {
    func reader(_ scenario: LinkScenario, _ roles: Int, _ reader: Reader) -> ReaderResult? {
        readers.first { $0.scenario == scenario && $0.roles == roles && $0.reader == reader }
    }

    /// This client's in-process load (its default concurrency) in a scenario.
    func inProcess(_ scenario: LinkScenario, _ roles: Int) -> OverlapResult? {
        overlaps.last { $0.scenario == scenario && $0.roles == roles }
    }

    /// `a / b` when both were measured.
    private func ratio(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b, b > 0 else { return nil }
        return a / b
    }

    private static func times(_ value: Double?) -> String { value.map { String(format: "%.1f×", $0) } ?? "missing" }

    /// Issue 15's goals, each measured in this run.
    var headlessBudgets: [Budget] {
        var out: [Budget] = []
        for roles in [10_000, 100_000] {
            let label = roles >= 100_000 ? "100k" : "10k"
            let json = reader(.loopback, roles, .json)?.medianSeconds
            let toInProcess = ratio(json, inProcess(.loopback, roles)?.wallSeconds)
            out.append(Budget(name: "\(label) --json within 2× of in-process load", measured: Self.times(toInProcess),
                              pass: (toInProcess ?? .infinity) <= 2))
            let python = ratio(reader(.loopback, roles, .python)?.medianSeconds, json)
            out.append(Budget(name: "\(label) --json ≥ 3× faster than the Python loop", measured: Self.times(python),
                              pass: (python ?? 0) >= 3))
        }
        for (roles, limit) in [(10_000, 0.25), (100_000, 1.5)] {
            let label = roles >= 100_000 ? "100k" : "10k"
            let slow = reader(.slowLink, roles, .json)?.medianSeconds
            out.append(Budget(name: "\(label) --json at +50 ms ≤ \(limit) s (whole process)",
                              measured: slow.map { String(format: "%.3f s", $0) } ?? "missing", pass: (slow ?? .infinity) <= limit))
        }
        let page50 = ratio(reader(.slowLink, 10_000, .page50)?.medianSeconds, reader(.slowLink, 10_000, .json)?.medianSeconds)
        out.append(Budget(name: "10k at +50 ms ≥ 5× faster than pages of 50", measured: Self.times(page50), pass: (page50 ?? 0) >= 5))
        return out
    }

    /// Table rows for both scenarios.
    func headlessLines(_ row: (String, String) -> Void) {
        for scenario in LinkScenario.allCases {
            let results = readers.filter { $0.scenario == scenario }
            guard !results.isEmpty else { continue }
            row(scenario.title, "median s  min s   runs  vs --json")
            for result in results {
                let json = reader(scenario, result.roles, .json)?.medianSeconds
                let versus = ratio(result.medianSeconds, json).map { String(format: "%.1f×", $0) } ?? "-"
                row("  \(result.roles) roles, \(result.reader.name)",
                    String(format: "%7.3f  %6.3f  %5ld  ", result.medianSeconds, result.minSeconds, result.runs) + versus)
            }
            for overlap in overlaps where overlap.scenario == scenario {
                row("  \(overlap.roles) roles, in-process load, \(overlap.concurrency) in flight",
                    String(format: "%7.3f  overlap %.2f (%ld requests, %.3f s of requests)", overlap.wallSeconds, overlap.overlap,
                           overlap.requests, overlap.requestSumSeconds))
            }
        }
    }

    /// JSON for both scenarios.
    var headlessJSON: [String: Any] {
        [
            "latency_ms": HeadlessBenchmark.latencyMilliseconds,
            "readers": readers.map { result -> [String: Any] in
                ["scenario": result.scenario.rawValue, "roles": result.roles, "reader": result.reader.name,
                 "median_s": result.medianSeconds, "min_s": result.minSeconds, "runs_median_of": result.runs,
                 "vs_json": nullable(ratio(result.medianSeconds, reader(result.scenario, result.roles, .json)?.medianSeconds))]
            },
            "in_process": overlaps.map { result -> [String: Any] in
                ["scenario": result.scenario.rawValue, "roles": result.roles, "concurrency": result.concurrency,
                 "wall_s": result.wallSeconds, "requests": result.requests, "request_sum_s": result.requestSumSeconds,
                 "overlap": result.overlap]
            },
        ]
    }
}
