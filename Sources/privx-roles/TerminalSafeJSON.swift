import TerminalUI

/// JSON that is safe to print on a terminal and still exact: a parser reads the same values. Raw C1
/// controls, DEL, bidi overrides and invisible format characters are legal inside JSON strings but act on
/// (or hide from) a terminal, so they are written as `\uXXXX` escapes; C0 controls are escaped by every
/// valid JSON writer already, and the whitespace between tokens is left alone.
enum TerminalSafeJSON {
    /// `bytes` with every unsafe scalar escaped; the input is returned as is when it holds none (one scan,
    /// no copy). Only the bytes from the first unsafe scalar on are copied, safe runs in one piece.
    static func escape(_ bytes: [UInt8]) -> [UInt8] {
        let escaped = escape(bytes[...])
        // The same bytes back means nothing was escaped (an escape always lengthens the text).
        return escaped.startIndex == 0 && escaped.count == bytes.count ? bytes : Array(escaped)
    }

    /// A slice (one role of a page) with every unsafe scalar escaped; the slice itself when it holds none.
    static func escape(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        bytes.withUnsafeBufferPointer { buffer in
            var out: [UInt8]?
            // Bytes from `copied` up to the scan position are safe and not yet in `out`.
            var copied = 0
            var index = 0
            while index < buffer.count {
                // Terminal-unsafe scalars are all at or above DEL: skip ASCII 8 bytes at a time.
                while index + 8 <= buffer.count,
                      UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0,
                      !containsDEL(UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                }
                guard index < buffer.count else { break }
                let lead = buffer[index]
                if lead < 0x7F {
                    index += 1
                    continue
                }
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
                let end = min(buffer.count, index + length)
                guard let scalar = decode(UnsafeBufferPointer(rebasing: buffer[index..<end])), isTerminalUnsafe(scalar) else {
                    index = end
                    continue
                }
                if out == nil {
                    out = []
                    out!.reserveCapacity(buffer.count + 64)
                }
                out!.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<index]))
                appendEscape(scalar.value, to: &out!)
                index = end
                copied = end
            }
            guard var escaped = out else { return bytes }
            escaped.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied...]))
            return escaped[...]
        }
    }

    /// True when one of the eight bytes of `word` (all below 0x80) is DEL (0x7F).
    @inline(__always)
    private static func containsDEL(_ word: UInt64) -> Bool {
        // A byte is 0x7F exactly when adding 1 carries it into the high bit (no byte is above 0x7F here).
        (word &+ 0x0101_0101_0101_0101) & 0x8080_8080_8080_8080 != 0
    }

    /// The scalar one whole UTF-8 sequence encodes (no allocation); nil for a malformed sequence.
    private static func decode(_ sequence: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard let lead = sequence.first else { return nil }
        if lead < 0x80 { return Unicode.Scalar(lead) }
        guard sequence.count > 1 else { return nil }
        var value = UInt32(lead) & (0xFF >> UInt32(sequence.count + 1))
        for byte in sequence.dropFirst() {
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(value)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// `\uXXXX`, or a surrogate pair above U+FFFF (tag characters).
    private static func appendEscape(_ value: UInt32, to out: inout [UInt8]) {
        func unit(_ unit: UInt32) {
            out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
            for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((unit >> UInt32(shift)) & 0xF)]) }
        }
        if value > 0xFFFF {
            let offset = value - 0x10000
            unit(0xD800 + (offset >> 10))
            unit(0xDC00 + (offset & 0x3FF))
        } else {
            unit(value)
        }
    }
}
