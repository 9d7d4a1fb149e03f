/// One column's ascending order over every row of a catalog: each row's sort value packed once
/// (numbers as they are, text as UTF-8 in one buffer), the rows in order, and each row's dense rank.
/// Rows that arrive later (pages landing while the rest loads) are sorted among themselves and merged
/// in, instead of sorting every row again per page.
struct ColumnOrder: Sendable {
    private var numbers: [Int] = []
    private var isText: [Bool] = []
    private var packed: [UInt8] = []
    private var bounds: [Int] = [0]
    /// Row indexes, ascending by value, equal values in row order.
    private var sorted: [Int32] = []
    /// Each row's rank: equal values share one, a smaller value has a smaller one.
    private(set) var rank: [Int32] = []
    /// How many distinct values there are (ranks are 0..<distinct).
    private(set) var distinct = 0

    /// The order of `values` (row `i` has `values[i]`).
    init(_ values: [SortValue]) {
        append(values)
    }

    /// Adds rows after the existing ones and merges them into the order.
    mutating func append(_ values: [SortValue]) {
        guard !values.isEmpty else { return }
        let start = isText.count
        numbers.reserveCapacity(start + values.count)
        for value in values {
            switch value {
            case .number(let number):
                numbers.append(number)
                isText.append(false)
            case .text(let text):
                numbers.append(0)
                isText.append(true)
                packed.append(contentsOf: text.utf8)
            }
            bounds.append(packed.count)
        }
        let added = packed.withUnsafeBufferPointer { buffer in
            (start..<isText.count).map(Int32.init).sorted { a, b in
                let order = compare(Int(a), Int(b), buffer)
                return order != 0 ? order < 0 : a < b
            }
        }
        sorted = packed.withUnsafeBufferPointer { buffer in merge(sorted, added, buffer) }
        recomputeRanks()
    }

    /// Both runs are in order and every index of `added` is larger, so on equal values the older row goes first.
    private func merge(_ old: [Int32], _ added: [Int32], _ buffer: UnsafeBufferPointer<UInt8>) -> [Int32] {
        guard !old.isEmpty else { return added }
        var result: [Int32] = []
        result.reserveCapacity(old.count + added.count)
        var i = 0, j = 0
        while i < old.count, j < added.count {
            if compare(Int(added[j]), Int(old[i]), buffer) < 0 {
                result.append(added[j])
                j += 1
            } else {
                result.append(old[i])
                i += 1
            }
        }
        result.append(contentsOf: old[i...])
        result.append(contentsOf: added[j...])
        return result
    }

    private mutating func recomputeRanks() {
        var ranks = [Int32](repeating: 0, count: isText.count)
        var current: Int32 = -1
        packed.withUnsafeBufferPointer { buffer in
            for (position, row) in sorted.enumerated() {
                if position == 0 || compare(Int(sorted[position - 1]), Int(row), buffer) != 0 { current += 1 }
                ranks[Int(row)] = current
            }
        }
        rank = ranks
        distinct = Int(current) + 1
    }

    /// Numbers before text; numbers by value; text by UTF-8 bytes (Unicode scalar order).
    private func compare(_ a: Int, _ b: Int, _ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        switch (isText[a], isText[b]) {
        case (false, false): return numbers[a] < numbers[b] ? -1 : (numbers[a] > numbers[b] ? 1 : 0)
        case (false, true): return -1
        case (true, false): return 1
        case (true, true):
            return ByteOrder.compare(buffer, bounds[a]..<bounds[a + 1], bounds[b]..<bounds[b + 1])
        }
    }
}

/// Byte-wise order of two slices of one buffer (UTF-8 bytes sort as Unicode scalars): the one comparison the
/// console's columns and the headless `roles list` name order both use.
public enum ByteOrder {
    /// Negative, zero or positive as the bytes in `a` sort before, with or after those in `b`; a prefix sorts first.
    @inlinable public static func compare(_ buffer: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Int {
        let common = min(a.count, b.count)
        var offset = 0
        while offset < common {
            let x = buffer[a.lowerBound + offset], y = buffer[b.lowerBound + offset]
            if x != y { return Int(x) - Int(y) }
            offset += 1
        }
        return a.count - b.count
    }
}
