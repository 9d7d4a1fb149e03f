import Foundation
import Testing

/// Runs the real `ssh-keygen` (Debian openssh-client, installed by `make deps`): key files of every kind
/// for import tests, and the fingerprint it prints, which the simulator's public keys must reproduce.
/// One file for three test targets: Tests/PrivXAPITests/SSHKeygen.swift and Tests/RoleConsoleTests/SSHKeygen.swift are
/// symbolic links to this one.
enum SSHKeygen {
    static var path: String? {
        ["/usr/bin/ssh-keygen", "/bin/ssh-keygen", "/usr/local/bin/ssh-keygen"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs ssh-keygen with `arguments`; returns stdout, records stderr on failure.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path, "ssh-keygen is missing: run make deps (openssh-client)"))
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)
        #expect(process.terminationStatus == 0, "ssh-keygen \(arguments.joined(separator: " ")): \(String(decoding: errors, as: UTF8.self))")
        return text
    }

    /// A new key file in `directory`: `type` (rsa, ed25519, ecdsa), `format` (nil: OpenSSH; PEM; PKCS8), `passphrase`.
    static func key(_ type: String, in directory: URL, format: String? = nil, passphrase: String = "", bits: Int? = nil) throws -> URL {
        let file = directory.appendingPathComponent("\(type)-\(format ?? "openssh")-\(UUID().uuidString.prefix(8))")
        var arguments = ["-q", "-t", type, "-N", passphrase, "-C", "test key", "-f", file.path]
        if let format { arguments += ["-m", format] }
        if let bits { arguments += ["-b", String(bits)] }
        try run(arguments)
        return file
    }

    /// The `SHA256:…` fingerprint ssh-keygen prints for a key file (private or public) or an authorized_keys line.
    static func fingerprint(_ file: URL) throws -> String {
        let words = try run(["-l", "-E", "sha256", "-f", file.path]).split(separator: " ")
        return String(try #require(words.first { $0.hasPrefix("SHA256:") }))
    }

    /// The fingerprint of a public key line, written to a file for ssh-keygen.
    static func fingerprint(line: String, in directory: URL) throws -> String {
        let file = directory.appendingPathComponent("line-\(UUID().uuidString.prefix(8)).pub")
        try (line + "\n").write(to: file, atomically: true, encoding: .utf8)
        return try fingerprint(file)
    }
}
