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

    /// A JSON array of documents given as JSON bytes, one per line, in chunks of about 256 KiB (100 000
    /// roles need no second copy in memory): the bytes as given, except that characters `sanitize` would
    /// replace are written as `\u` escapes (the same document). Each document must be valid UTF-8.
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
                writeAll(TerminalSafeJSON.escape(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk.append(contentsOf: first ? [UInt8(ascii: "]"), 0x0A] : [0x0A, UInt8(ascii: "]"), 0x0A])
        writeAll(TerminalSafeJSON.escape(chunk))
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
