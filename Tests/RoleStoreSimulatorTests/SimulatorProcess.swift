import Dispatch
import Foundation
import Testing

/// The built `privx-rolestore-sim` executable run as a child process, for crash and signal tests.
final class SimulatorProcess: @unchecked Sendable {
    let process: Process
    let baseURL: String

    /// Where `swift build` put the executable: next to the test bundle, or under .build/debug.
    static func executableURL() throws -> URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            bundleDirectory.appendingPathComponent("privx-rolestore-sim"),
            bundleDirectory.deletingLastPathComponent().appendingPathComponent("privx-rolestore-sim"),
            packageRoot.appendingPathComponent(".build/debug/privx-rolestore-sim"),
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw SimulatorProcessError("privx-rolestore-sim not found next to the tests (\(candidates.map(\.path))); run swift build --build-tests first")
        }
        return found
    }

    /// Starts the executable and waits for its `listening on ...` line.
    init(arguments: [String]) async throws {
        let process = Process()
        let output = Pipe()
        process.executableURL = try Self.executableURL()
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = UncheckedBox(output.fileHandleForReading)
        let line = await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            DispatchQueue.global().async {
                let handle = handle.value
                var bytes: [UInt8] = []
                while true {
                    let chunk = handle.readData(ofLength: 1)
                    if chunk.isEmpty || chunk.first == 0x0A { break }
                    bytes.append(contentsOf: chunk)
                }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
        guard line.hasPrefix("listening on ") else {
            process.terminate()
            throw SimulatorProcessError("unexpected first line from the simulator: '\(line)'")
        }
        self.process = process
        baseURL = String(line.dropFirst("listening on ".count))
    }

    /// Sends a signal and waits for the process to end; returns its exit status.
    func signal(_ number: Int32) async -> Int32 {
        kill(process.processIdentifier, number)
        let process = UncheckedBox(self.process)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let process = process.value
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
    }
}

struct SimulatorProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Hands a Foundation object that is not marked Sendable to a blocking helper thread.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
