import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why the state file could not be used, with what to do about it.
public enum SimulatorStateFileError: Error, CustomStringConvertible, Sendable {
    case corrupt(line: Int, reason: String)
    case io(path: String, operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .corrupt(let line, let reason):
            return "the state file is damaged at line \(line) (\(reason)); the simulator cannot load it. Move it away to start again from the seed."
        case .io(let path, let operation, let code):
            return "could not \(operation) the state file \(path): \(String(cString: strerror(code))); check the path and its permissions"
        }
    }
}

/// The state file: one snapshot line followed by one line per acknowledged write, each fsynced.
/// A torn last line (a crash mid-write) is ignored on load; the file is compacted at start.
/// Only the RoleStore actor touches it after start, which serializes every use.
final class Journal: @unchecked Sendable {
    let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Loads the state (or seeds it when the file is absent), compacts it, and opens it for appending.
    static func open(path: String, seed: @autoclosure () -> StoreState) throws -> (Journal, StoreState) {
        var state: StoreState
        if FileManager.default.fileExists(atPath: path) {
            state = try load(path: path)
        } else {
            state = seed()
        }
        try writeSnapshot(state, to: path)
        let descriptor = Glibc.open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw SimulatorStateFileError.io(path: path, operation: "open", errno: errno) }
        return (Journal(path: path, descriptor: descriptor), state)
    }

    /// Appends one record and waits until it is on disk.
    func append(_ record: JournalRecord) throws {
        var bytes = record.json.serialized()
        bytes.append(0x0A)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw SimulatorStateFileError.io(path: path, operation: "append to", errno: errno)
            }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw SimulatorStateFileError.io(path: path, operation: "fsync", errno: errno) }
    }

    private static func load(path: String) throws -> StoreState {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SimulatorStateFileError.io(path: path, operation: "read", errno: errno)
        }
        let bytes = [UInt8](data)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(bytes[start..<index])
            start = index + 1
        }
        let tail = start < bytes.count ? bytes[start...] : nil // no newline: torn write
        guard let first = lines.first else {
            if tail != nil { throw SimulatorStateFileError.corrupt(line: 1, reason: "the snapshot line is incomplete") }
            throw SimulatorStateFileError.corrupt(line: 1, reason: "the file is empty")
        }
        let snapshot: SimulatorJSON
        do { snapshot = try SimulatorJSON.parse(first) } catch {
            throw SimulatorStateFileError.corrupt(line: 1, reason: "\(error)")
        }
        var state = try StoreState(snapshot: snapshot)
        for (offset, line) in lines.dropFirst().enumerated() where !line.isEmpty {
            let lineNumber = offset + 2
            let isLast = lineNumber == lines.count && tail == nil
            guard let json = try? SimulatorJSON.parse(line), let record = JournalRecord(json) else {
                if isLast { break }
                throw SimulatorStateFileError.corrupt(line: lineNumber, reason: "unreadable record")
            }
            state.apply(record)
        }
        return state
    }

    /// Writes the whole state to a temporary file, fsyncs it, and renames it over `path`.
    static func writeSnapshot(_ state: StoreState, to path: String) throws {
        var bytes = state.snapshotJSON.serialized()
        bytes.append(0x0A)
        let temporary = path + ".tmp"
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SimulatorStateFileError.io(path: temporary, operation: "create", errno: errno) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw SimulatorStateFileError.io(path: temporary, operation: "write", errno: errno)
            }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw SimulatorStateFileError.io(path: temporary, operation: "fsync", errno: errno) }
        guard rename(temporary, path) == 0 else { throw SimulatorStateFileError.io(path: path, operation: "replace", errno: errno) }
        let directory = (path as NSString).deletingLastPathComponent
        let directoryDescriptor = Glibc.open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}
