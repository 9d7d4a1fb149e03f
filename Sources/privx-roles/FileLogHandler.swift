import Foundation
import Logging

/// A swift-log handler that appends lines to a file: the console never logs to the terminal while
/// curses owns it. Messages pass through as given; secrets never reach the logger in the first place.
struct FileLogHandler: LogHandler {
    private let handle: FileHandle
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Opens (creating directories and the file) for appending.
    static func open(path: String, label: String) throws -> FileLogHandler {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        return FileLogHandler(handle: handle, label: label)
    }

    func log(event: LogEvent) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let line = "\(stamp) \(event.level) \(label): \(event.message)\n"
        handle.write(Data(line.utf8))
    }

    /// `--log`, else `$XDG_STATE_HOME/privx-roles/privx-roles.log`, else `~/.local/state/privx-roles/privx-roles.log`.
    static func defaultPath(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/privx-roles/privx-roles.log" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/privx-roles/privx-roles.log"
    }
}
