import TerminalUI

/// JSON that is safe to print on a terminal and still exact: a parser reads the same values. Raw C1
/// controls, DEL, bidi overrides and invisible format characters are legal inside JSON strings but act on
/// (or hide from) a terminal, so they are written as `\uXXXX` escapes; C0 controls are escaped by every
/// valid JSON writer already, and the whitespace between tokens is left alone.
enum TerminalSafeJSON {
    /// `bytes` with every unsafe scalar escaped; the input is returned as is when it holds none (a byte scan).
    static func escape(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 >= 0x7F }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x7F {
                out.append(lead)
                index += 1
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            let end = min(bytes.count, index + length)
            guard let scalar = decode(bytes[index..<end]) else {
                out.append(contentsOf: bytes[index..<end])
                index = end
                continue
            }
            if isTerminalUnsafe(scalar) {
                appendEscape(scalar.value, to: &out)
            } else {
                out.append(contentsOf: bytes[index..<end])
            }
            index = end
        }
        return out
    }

    /// The scalar one whole UTF-8 sequence encodes (no allocation); nil for a malformed sequence.
    private static func decode(_ sequence: ArraySlice<UInt8>) -> Unicode.Scalar? {
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
