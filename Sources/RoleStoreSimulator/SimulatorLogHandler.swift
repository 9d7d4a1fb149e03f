import Foundation
import Logging
import Synchronization

/// A swift-log handler that appends one line per message to a file (or stderr), flushed per line.
public struct SimulatorLogHandler: LogHandler {
    /// Where lines go: an open file shared by every copy of the handler.
    final class Sink: Sendable {
        private let handle: Mutex<FileHandle>
        init(handle: FileHandle) { self.handle = Mutex(handle) }
        func write(_ line: String) {
            handle.withLock { $0.write(Data(line.utf8)) }
        }
    }

    private let sink: Sink
    /// Metadata appended to every line as sorted `key=value` pairs.
    public var metadata: Logger.Metadata = [:]
    /// Lines below this level are dropped; requests log at `.info`.
    public var logLevel: Logger.Level = .info

    /// Appends to `path`, creating it when absent.
    public static func file(_ path: String) throws -> SimulatorLogHandler {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw SimulatorStateFileError.io(path: path, operation: "create the log file", errno: errno)
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        return SimulatorLogHandler(sink: Sink(handle: handle))
    }

    /// Writes to standard error.
    public static func standardError() -> SimulatorLogHandler {
        SimulatorLogHandler(sink: Sink(handle: FileHandle.standardError))
    }

    private init(sink: Sink) { self.sink = sink }

    /// One metadata value, as swift-log requires.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes `timestamp level message [metadata]` as one line.
    public func log(event: LogEvent) {
        var line = "\(Timestamp.now()) \(event.level) \(event.message)"
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        if !merged.isEmpty {
            line += " " + merged.keys.sorted().map { "\($0)=\(merged[$0]!)" }.joined(separator: " ")
        }
        sink.write(line + "\n")
    }
}
