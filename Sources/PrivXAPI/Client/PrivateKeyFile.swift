import Foundation

/// The text of a private key read from a file for `POST …/principalkeys/import`, and nothing else: it prints
/// as `<private key from PATH>` (never its content), is never logged, and lives only as long as the import that holds it.
/// Errors about the file name the path, never the content.
public struct PrivateKeyFile: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The PEM text, used once to build the request body.
    let pem: String
    /// Where it was read from, for messages.
    public let path: String

    /// Largest key file accepted: an RSA 16384-bit PEM is about 12 KiB.
    public static let maximumBytes = 64 * 1024

    /// Reads `path`; refuses a missing, unreadable, empty, huge or non-text file with a message naming the path.
    public init(path: String) throws(PrivXError) {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .invalidRequest("The private key file \(path) does not exist; give the path of the PEM file to import.")
        }
        guard !isDirectory.boolValue else {
            throw .invalidRequest("\(path) is a directory, not a private key file; give the path of the PEM file to import.")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .invalidRequest("The private key file \(path) cannot be read (permission denied?); check its permissions.")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: Self.maximumBytes + 1) ?? Data() } catch {
            throw .invalidRequest("The private key file \(path) could not be read (\(error.localizedDescription)). Nothing was sent.")
        }
        guard data.count <= Self.maximumBytes else {
            throw .invalidRequest("\(path) is larger than \(Self.maximumBytes / 1024) KiB: not a private key file. Nothing was sent.")
        }
        guard !data.isEmpty else { throw .invalidRequest("The private key file \(path) is empty. Nothing was sent.") }
        guard let text = String(data: data, encoding: .utf8), !text.contains("\0") else {
            throw .invalidRequest("\(path) is not a text (PEM) file; export the key as PEM. Nothing was sent.")
        }
        pem = text
    }

    /// A key given as text (tests, a console that read the file itself); `path` names it in messages.
    public init(pem: String, path: String) {
        self.pem = pem
        self.path = path
    }

    public var description: String { "<private key from \(path)>" }
    public var debugDescription: String { description }
}
