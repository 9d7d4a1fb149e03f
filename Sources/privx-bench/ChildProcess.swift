import Foundation

/// A child process the benchmark starts; its output is collected and it is always reaped.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()

    /// Starts `executable` with `arguments`; stderr goes to `errorFile` (or /dev/null).
    init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, errorFile: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        if let errorFile {
            _ = FileManager.default.createFile(atPath: errorFile, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: errorFile)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
    }

    /// Reads stdout until a line starting with `prefix` arrives; nil when the process ends first.
    func waitForLine(prefix: String) -> String? {
        var buffer = Data()
        let handle = output.fileHandleForReading
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
            let text = String(decoding: buffer, as: UTF8.self)
            for line in text.split(separator: "\n") where line.hasPrefix(prefix) { return String(line) }
        }
    }

    /// Waits for the end and returns everything it wrote on stdout.
    func finish() -> (status: Int32, output: String) {
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Waits for the end, reading stdout as it comes and keeping only its number of lines (a reader of
    /// 100 000 roles writes 90 MB).
    func finishCountingLines() -> (status: Int32, lines: Int) {
        let handle = output.fileHandleForReading
        var lines = 0
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            lines += chunk.withUnsafeBytes { buffer in
                guard var cursor = buffer.baseAddress else { return 0 }
                let end = cursor + buffer.count
                var found = 0
                while cursor < end, let hit = memchr(cursor, 0x0A, end - cursor) {
                    found += 1
                    cursor = UnsafeRawPointer(hit) + 1
                }
                return found
            }
        }
        waitForExit()
        return (process.terminationStatus, lines)
    }

    /// Waits for the exit to within a fraction of a millisecond. Foundation's `waitUntilExit` runs the
    /// run loop in slices of up to 50 ms and learns of the exit from another queue, so a timed reader
    /// measured with it came out up to tens of milliseconds late, more than this client's whole start-up.
    func waitForExit() {
        while process.isRunning { usleep(200) }
        process.waitUntilExit()
    }

    /// Stops the process (SIGTERM) and reaps it.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

/// Runs a command to the end; throws when it fails.
func runToEnd(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
    let child = try ChildProcess(executable, arguments, environment: environment, errorFile: nil)
    let (status, output) = child.finish()
    guard status == 0 else {
        throw BenchError("\(URL(fileURLWithPath: executable).lastPathComponent) \(arguments.joined(separator: " ")) exited with \(status); its output: \(output.suffix(400))")
    }
    return output
}

/// A benchmark step that could not run, with what to check.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
