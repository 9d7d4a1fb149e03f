import RoleConsole
/// Names in natural order (case-insensitive, digit runs by numeric value: `db2` before `db10`), compared
/// as packed bytes computed once per name. Sorting 100 000 names with `localizedStandardCompare` took
/// longer than reading them from the server; a byte key per name makes each comparison a `memcmp`.
struct NaturalOrder {
    private var packed: [UInt8] = []
    private var bounds: [Int] = [0]
    private var originals: [UInt8] = []
    private var originalBounds: [Int] = [0]

    /// Keys for `names`, compared by position.
    static func keys(_ names: [String]) -> NaturalOrder {
        var order = NaturalOrder()
        order.bounds.reserveCapacity(names.count + 1)
        order.originalBounds.reserveCapacity(names.count + 1)
        for name in names {
            order.append(name)
        }
        return order
    }

    /// Lower-cased UTF-8 where each run of ASCII digits becomes `0`, its significant length and its
    /// significant digits: every digit maps to the same first byte, so a number still sorts where a
    /// digit would against any other character, and two numbers compare by length, then digit by digit.
    private mutating func append(_ name: String) {
        let bytes = Array(name.lowercased().utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte &- UInt8(ascii: "0") < 10 else {
                packed.append(byte)
                index += 1
                continue
            }
            var start = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            while start < index - 1, bytes[start] == UInt8(ascii: "0") { start += 1 }
            packed.append(UInt8(ascii: "0"))
            packed.append(UInt8(min(index - start, 255)))
            packed.append(contentsOf: bytes[start..<index])
        }
        bounds.append(packed.count)
        originals.append(contentsOf: name.utf8)
        originalBounds.append(originals.count)
    }

    /// Negative, zero or positive as name `a` sorts before, with or after name `b`; names equal in
    /// natural order (`Role1`, `role01`) fall back to their exact bytes.
    func compare(_ a: Int, _ b: Int) -> Int {
        let order = Self.compare(packed, bounds[a]..<bounds[a + 1], bounds[b]..<bounds[b + 1])
        return order != 0 ? order : Self.compare(originals, originalBounds[a]..<originalBounds[a + 1], originalBounds[b]..<originalBounds[b + 1])
    }

    private static func compare(_ buffer: [UInt8], _ a: Range<Int>, _ b: Range<Int>) -> Int {
        buffer.withUnsafeBufferPointer { ByteOrder.compare($0, a, b) }
    }
}
