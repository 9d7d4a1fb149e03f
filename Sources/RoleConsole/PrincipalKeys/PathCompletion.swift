import Foundation

/// File paths completed as they are typed, for the import prompt: the entries of the typed directory that
/// start with the typed name (hidden ones only when the name starts with a dot), directories with a `/`,
/// in byte order, as a shell completes them. `~` stands for `$HOME`. Only the one directory is read, and
/// at most `limit` names are offered.
enum PathCompletion {
    static let limit = 200

    /// The completions of `typed`, each a whole path as it would be typed.
    static func candidates(_ typed: String, home: String? = ProcessInfo.processInfo.environment["HOME"]) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let directoryPart = slash.map { String(typed[...$0]) } ?? ""
        let namePrefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let directory = directoryPart.isEmpty ? "." : expand(directoryPart, home: home)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        let matching = names.filter { name in
            name.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !name.hasPrefix("."))
                && !name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        }
        return matching.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.prefix(limit).map { name in
            var isDirectory: ObjCBool = false
            let full = (directory as NSString).appendingPathComponent(name)
            let slash = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) && isDirectory.boolValue ? "/" : ""
            return directoryPart + name + slash
        }
    }

    /// `~` and `~/…` with the home directory; other paths as typed.
    static func expand(_ typed: String, home: String? = ProcessInfo.processInfo.environment["HOME"]) -> String {
        guard let home, typed == "~" || typed.hasPrefix("~/") else { return typed }
        return home + typed.dropFirst()
    }

    /// Why a typed path cannot be imported before anything is sent (nil: it names a file; reading it is the
    /// import's, which refuses an unreadable, empty or huge file with a message naming the path).
    static func problem(_ typed: String) -> String? {
        if typed.isEmpty { return "Type the path of the private key file (PEM) to import; Tab completes." }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: expand(typed), isDirectory: &isDirectory) else {
            return "\(typed) does not exist; Tab completes the path."
        }
        return isDirectory.boolValue ? "\(typed) is a directory; give the private key file in it (Tab lists them)." : nil
    }
}
