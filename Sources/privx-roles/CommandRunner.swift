import ArgumentParser
import Foundation
import PrivXAPI

/// Parses and runs a command, mapping failures to the documented exit codes and printing errors on stderr.
enum CommandRunner {
    static func run(_ arguments: [String]) async -> Int32 {
        do {
            var command = try PrivXRolesCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch let error as PrivXError {
            Output.error("error: " + error.description)
            return exitCode(for: error)
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            let code = PrivXRolesCommand.exitCode(for: error)
            let message = PrivXRolesCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Output.line(message) }
                return 0
            }
            Output.error(message)
            return 2
        }
    }

    /// Configuration and usage problems are 2; everything that reached (or tried to reach) the server is 1.
    static func exitCode(for error: PrivXError) -> Int32 {
        switch error {
        case .configuration, .insecureURL: return 2
        default: return 1
        }
    }
}

/// stdout for results, stderr for errors and warnings.
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// A JSON array of documents given as exact JSON bytes (never sanitized or re-encoded: `--json` is
    /// for programs), one per line, written in chunks of about 256 KiB so 100 000 roles need no second
    /// copy in memory.
    static func jsonArray<Documents: Sequence>(_ documents: Documents) where Documents.Element == ArraySlice<UInt8> {
        let chunkSize = 256 * 1024
        var chunk: [UInt8] = [UInt8(ascii: "[")]
        chunk.reserveCapacity(chunkSize + 4096)
        var first = true
        for document in documents {
            chunk.append(contentsOf: first ? [0x0A] : [UInt8(ascii: ","), 0x0A])
            first = false
            chunk.append(contentsOf: document)
            if chunk.count >= chunkSize {
                writeAll(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk.append(contentsOf: first ? [UInt8(ascii: "]"), 0x0A] : [0x0A, UInt8(ascii: "]"), 0x0A])
        writeAll(chunk)
    }

    /// Writes every byte to stdout (retrying short writes and EINTR); a closed pipe ends the writing.
    private static func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
