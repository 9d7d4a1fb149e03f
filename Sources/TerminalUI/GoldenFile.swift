import Foundation

/// Golden screens stored as text files (the format of `MemoryTerminal.dump()`): compared line by line,
/// reporting the first difference, or rewritten on purpose with `UPDATE_GOLDEN=1`. Test targets share
/// it so that every golden test compares and regenerates the same way.
public struct GoldenFile: Sendable {
    /// What a check found.
    public enum Outcome: Equatable, Sendable {
        /// The dump equals the file.
        case matches
        /// `UPDATE_GOLDEN=1`: the file was (re)written with the dump.
        case written
        /// The file is missing or differs: what to tell the person.
        case problem(String)
    }

    /// The folder of the `.txt` files.
    public var directory: URL

    /// Golden files in `directory`.
    public init(directory: URL) { self.directory = directory }

    /// Golden files in the `Golden` folder of a test target, given the path of a file one folder down (`Support/…`).
    public init(besideSupportFile path: String) {
        directory = URL(fileURLWithPath: path).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// The first line where `actual` differs from `expected`, said with both lines; nil when they are equal.
    public static func firstDifference(expected: String, actual: String) -> (line: Int, expected: String, actual: String)? {
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let e = index < expectedLines.count ? expectedLines[index] : "<missing>"
            let a = index < actualLines.count ? actualLines[index] : "<missing>"
            if e != a { return (index + 1, e, a) }
        }
        return nil
    }

    /// Compares `actual` with `<name>.txt`, or writes it when `UPDATE_GOLDEN=1` is in `environment`.
    public func check(_ name: String, _ actual: String,
                      environment: [String: String] = ProcessInfo.processInfo.environment) -> Outcome {
        let url = directory.appendingPathComponent(name + ".txt")
        if environment["UPDATE_GOLDEN"] == "1" {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                return .written
            } catch {
                return .problem("could not write golden \(name).txt in \(directory.path): \(error.localizedDescription)")
            }
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return .problem("missing golden file \(name).txt: run with UPDATE_GOLDEN=1 to create it, then review the diff")
        }
        guard let difference = Self.firstDifference(expected: expected, actual: actual) else { return .matches }
        return .problem("golden \(name).txt line \(difference.line) differs\nexpected: \(difference.expected)\nactual:   \(difference.actual)")
    }
}
