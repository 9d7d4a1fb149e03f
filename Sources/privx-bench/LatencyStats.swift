/// p50 / p99 / max of one interaction over many repetitions, in milliseconds.
struct LatencyStats: Sendable {
    var name: String
    var rows: Int
    var samples: Int
    var p50: Double
    var p99: Double
    var max: Double

    /// Summarizes durations measured with `ContinuousClock`.
    init(name: String, rows: Int, durations: [Duration]) {
        let ms = durations.map { Double($0.components.seconds) * 1000 + Double($0.components.attoseconds) / 1e15 }.sorted()
        self.name = name
        self.rows = rows
        samples = ms.count
        func percentile(_ p: Double) -> Double {
            guard !ms.isEmpty else { return 0 }
            return ms[min(ms.count - 1, Int((Double(ms.count) * p).rounded(.up)) - 1)]
        }
        p50 = percentile(0.5)
        p99 = percentile(0.99)
        max = ms.last ?? 0
    }

    /// `name rows samples p50 p99 max` for the child's stdout.
    var line: String { "latency \(name) \(rows) \(samples) \(p50) \(p99) \(max)" }

    /// Parses `line`.
    init?(line: Substring) {
        let parts = line.split(separator: " ")
        guard parts.count == 7, parts[0] == "latency", let rows = Int(parts[2]), let samples = Int(parts[3]),
              let p50 = Double(parts[4]), let p99 = Double(parts[5]), let max = Double(parts[6]) else { return nil }
        name = String(parts[1])
        self.rows = rows
        self.samples = samples
        self.p50 = p50
        self.p99 = p99
        self.max = max
    }
}
