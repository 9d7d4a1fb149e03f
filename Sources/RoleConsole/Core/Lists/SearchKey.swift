/// A row's text and `key:` fields, lower-cased once into compact UTF-8 bytes when data arrives, so a
/// filter keystroke is a byte scan per row with no allocation and a row costs two small arrays.
public struct SearchKey: Sendable {
    /// The searchable text, lower-cased, parts separated by 0x1F.
    public let text: [UInt8]
    /// Every field as `name 0x1E (value 0x1F)* 0x1D`, lower-cased.
    private let fieldBytes: [UInt8]

    /// Joins and lower-cases the row's searchable text and field values once.
    public init(text: [String], fields: [String: [String]]) {
        var joined: [UInt8] = []
        joined.reserveCapacity(text.reduce(0) { $0 + $1.utf8.count + 1 })
        for (offset, part) in text.enumerated() {
            if offset > 0 { joined.append(Self.partSeparator) }
            Self.appendLowercased(part, to: &joined)
        }
        self.text = joined
        var encoded: [UInt8] = []
        for name in fields.keys.sorted() {
            encoded.append(contentsOf: name.utf8)
            encoded.append(Self.nameEnd)
            for value in fields[name] ?? [] {
                Self.appendLowercased(value, to: &encoded)
                encoded.append(Self.partSeparator)
            }
            encoded.append(Self.fieldEnd)
        }
        fieldBytes = encoded
    }

    private static let partSeparator: UInt8 = 0x1F
    private static let nameEnd: UInt8 = 0x1E
    private static let fieldEnd: UInt8 = 0x1D

    /// Lower-cases (ASCII fast path) and drops the separator bytes a server string could carry.
    private static func appendLowercased(_ part: String, to out: inout [UInt8]) {
        let isASCII = part.utf8.allSatisfy { $0 < 0x80 }
        for byte in isASCII ? Array(part.utf8) : Array(part.lowercased().utf8) {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(byte | 0x20)
            case fieldEnd...partSeparator: out.append(0x20)
            default: out.append(byte)
            }
        }
    }

    /// Whether the text contains `needle` (lower-cased UTF-8), comparing bytes.
    public func textContains(_ needle: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { ByteSearch.contains(hay, $0) }
        }
    }

    /// Whether field `name` has a value starting with `prefix`; an empty prefix asks for any value.
    public func fieldMatches(_ name: [UInt8], prefix: [UInt8]) -> Bool {
        fieldBytes.withUnsafeBufferPointer { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                // The field name runs to 0x1E.
                let nameStart = index
                while index < count, bytes[index] != Self.nameEnd { index += 1 }
                let isField = index - nameStart == name.count && name.withUnsafeBufferPointer { wanted in
                    (0..<wanted.count).allSatisfy { bytes[nameStart + $0] == wanted[$0] }
                }
                index += 1
                if !isField {
                    while index < count, bytes[index] != Self.fieldEnd { index += 1 }
                    index += 1
                    continue
                }
                // Values, each ended by 0x1F, until 0x1D.
                while index < count, bytes[index] != Self.fieldEnd {
                    let valueStart = index
                    while bytes[index] != Self.partSeparator { index += 1 }
                    if prefix.isEmpty { return true }
                    if index - valueStart >= prefix.count, prefix.withUnsafeBufferPointer({ wanted in
                        (0..<wanted.count).allSatisfy { bytes[valueStart + $0] == wanted[$0] }
                    }) { return true }
                    index += 1
                }
                return false
            }
            return false
        }
    }
}

/// Substring search over bytes: the filter's inner loop (both sides are already lower-cased).
enum ByteSearch {
    /// Whether `hay` contains `needle`.
    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = needle.count
        guard length > 0 else { return true }
        guard hay.count >= length, let h = hay.baseAddress, let n = needle.baseAddress else { return false }
        let first = n[0]
        let last = hay.count - length
        var index = 0
        while index <= last {
            if h[index] == first {
                var offset = 1
                while offset < length, h[index + offset] == n[offset] { offset += 1 }
                if offset == length { return true }
            }
            index += 1
        }
        return false
    }
}
