import Foundation

/// The machine a result came from, so figures from different hosts are never compared blindly.
struct Machine: Sendable {
    var cores: Int
    var memoryMiB: Int
    var cpuModel: String
    var loadAverage: [Double]
    var kernel: String

    /// Reads /proc (Linux) for cores, memory, CPU model and load.
    static func current() -> Machine {
        let cpuinfo = ProcFile.read("/proc/cpuinfo")
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        let memKiB = ProcFile.kibValue(ProcFile.read("/proc/meminfo"), key: "MemTotal") ?? 0
        return Machine(cores: ProcessInfo.processInfo.activeProcessorCount, memoryMiB: memKiB / 1024,
                       cpuModel: model, loadAverage: loadAverage(),
                       kernel: ProcFile.read("/proc/sys/kernel/osrelease").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The 1, 5 and 15 minute load averages.
    static func loadAverage() -> [Double] {
        ProcFile.read("/proc/loadavg").split(separator: " ").prefix(3).compactMap { Double($0) }
    }
}

/// Small readers for /proc files.
enum ProcFile {
    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// The number in a `Key:   123 kB` line.
    static func kibValue(_ text: String, key: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let digits = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first
            return digits.flatMap { Int($0) }
        }
        return nil
    }

    /// Resident set size of this process now, in MiB.
    static func residentMiB() -> Double {
        Double(kibValue(read("/proc/self/status"), key: "VmRSS") ?? 0) / 1024
    }

    /// Peak resident set size of this process, in MiB.
    static func peakResidentMiB() -> Double {
        Double(kibValue(read("/proc/self/status"), key: "VmHWM") ?? 0) / 1024
    }
}
