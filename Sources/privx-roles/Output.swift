import Foundation
import PrivXAPI
import TerminalUI

/// The one writer of everything the headless commands print: stdout for results, stderr for errors and
/// warnings. Text for people goes through the console's `sanitize` (no server string can move the cursor,
/// retitle the terminal, ring the bell or reverse text, even piped through `grep` into a terminal);
/// JSON goes through `json`, which keeps it exact and escapes the same characters instead.
enum Output {
    /// A result for people (table, CSV, `show`): sanitized, line breaks kept.
    static func line(_ text: String) {
        write(inert(text) + "\n", to: .standardOutput)
    }

    /// An error, warning or count on stderr: sanitized, line breaks kept.
    static func error(_ text: String) {
        write(inert(text) + "\n", to: .standardError)
    }

    /// `sanitize` with line breaks kept; a text with nothing to replace (most tables) is passed on as is
    /// after one scan, without being rebuilt.
    static func inert(_ text: String) -> String {
        text.unicodeScalars.contains { $0 != "\n" && isTerminalUnsafe($0) } ? sanitize(text, keepNewlines: true) : text
    }

    /// A JSON document on stdout (indented by two spaces).
    static func json(_ value: JSONValue) {
        json(bytes: Array(JSONSerializer.string(value, pretty: true).utf8))
    }

    /// JSON text on stdout, e.g. streamed server bytes: the same document, with every character `sanitize`
    /// would replace written as a `\u` escape. `bytes` must hold whole UTF-8 sequences; a newline follows.
    static func json(bytes: [UInt8]) {
        var out = TerminalSafeJSON.escape(bytes)
        out.append(0x0A)
        FileHandle.standardOutput.write(Data(out))
    }

    /// One JSON document (e.g. a role as the server sent it) made terminal-safe ahead of writing: valid
    /// UTF-8, with the characters `sanitize` would replace written as `\u` escapes (the same document).
    /// `roles list` prepares each page's roles as the page lands, while the later pages are on the wire.
    struct SafeJSON: Sendable {
        let bytes: ArraySlice<UInt8>

        /// `document` must be valid UTF-8 JSON text (`Role.jsonBytes` is).
        init(_ document: ArraySlice<UInt8>) { bytes = TerminalSafeJSON.escape(document) }
    }

    /// A JSON array of documents, one per line, written in chunks of about 1 MiB (100 000 roles need no
    /// second copy in memory). With stdout a pipe, the pipe is first grown to 1 MiB (Linux's default
    /// limit for any user) so the reader drains a few large writes instead of a hundred 64 KiB ones.
    static func jsonArray<Documents: Sequence>(_ documents: Documents) where Documents.Element == SafeJSON {
        let chunkSize = 1 << 20
        growPipe(STDOUT_FILENO, to: chunkSize)
        var chunk: [UInt8] = [UInt8(ascii: "[")]
        chunk.reserveCapacity(chunkSize + 64 * 1024)
        var first = true
        for document in documents {
            chunk.append(contentsOf: first ? [0x0A] : [UInt8(ascii: ","), 0x0A])
            first = false
            chunk.append(contentsOf: document.bytes)
            if chunk.count >= chunkSize {
                writeAll(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk.append(contentsOf: first ? [UInt8(ascii: "]"), 0x0A] : [0x0A, UInt8(ascii: "]"), 0x0A])
        writeAll(chunk)
    }

    /// Asks for a pipe buffer of `bytes` when `descriptor` is a pipe (`F_SETPIPE_SZ`); anything else, or a
    /// refusal (a lowered `/proc/sys/fs/pipe-max-size`), leaves it as it is: only speed depends on it.
    private static func growPipe(_ descriptor: Int32, to bytes: Int) {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFIFO else { return }
        let setPipeSize: Int32 = 1031 // F_SETPIPE_SZ (Linux, fcntl.h; not exported to Swift)
        _ = fcntl(descriptor, setPipeSize, Int32(bytes))
    }

    /// Writes every byte to stdout (retrying short writes and EINTR); a closed pipe ends the writing.
    private static func writeAll(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    private static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}
