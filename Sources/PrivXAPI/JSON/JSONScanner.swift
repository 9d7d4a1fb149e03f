/// Finds where JSON values begin and end without building them: a page of roles is validated and cut
/// into one byte range per role in a single pass, and a raw role answers a key lookup by skipping the
/// values it does not need. Works on bytes; no allocation except the ranges it returns.
struct JSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    var index: Int
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    private func failure(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

    private var atEnd: Bool { index >= bytes.count }

    private var current: UInt8 { bytes[index] }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ reason: String) throws(JSONParseError) {
        guard !atEnd, current == byte else { throw failure(reason) }
        index += 1
    }

    // MARK: Validating skip (pages as they arrive)

    /// Checks the value at `index` strictly (as `JSONParser` would) and moves past it.
    mutating func skipValue() throws(JSONParseError) {
        guard !atEnd else { throw failure("unexpected end of data") }
        switch current {
        case UInt8(ascii: "{"):
            try enter()
            index += 1
            skipWhitespace()
            if !atEnd, current == UInt8(ascii: "}") { index += 1; depth -= 1; return }
            while true {
                skipWhitespace()
                guard !atEnd, current == UInt8(ascii: "\"") else { throw failure("expected a key") }
                try skipString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "expected ':'")
                skipWhitespace()
                try skipValue()
                skipWhitespace()
                guard !atEnd else { throw failure("unexpected end of data") }
                if current == UInt8(ascii: ",") { index += 1; continue }
                if current == UInt8(ascii: "}") { index += 1; break }
                throw failure("expected ',' or '}'")
            }
            depth -= 1
        case UInt8(ascii: "["):
            try enter()
            index += 1
            skipWhitespace()
            if !atEnd, current == UInt8(ascii: "]") { index += 1; depth -= 1; return }
            while true {
                skipWhitespace()
                try skipValue()
                skipWhitespace()
                guard !atEnd else { throw failure("unexpected end of data") }
                if current == UInt8(ascii: ",") { index += 1; continue }
                if current == UInt8(ascii: "]") { index += 1; break }
                throw failure("expected ',' or ']'")
            }
            depth -= 1
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"): try skipLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        default: throw failure("unexpected character")
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > 512 { throw failure("nesting too deep") }
    }

    private mutating func skipLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("unexpected end of data") }
        let expected = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != expected[offset] { throw failure("invalid literal") }
        index += count
    }

    private mutating func skipDigits() -> Bool {
        let start = index
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        return index > start
    }

    private mutating func skipNumber() throws(JSONParseError) {
        if current == UInt8(ascii: "-") { index += 1 }
        guard skipDigits() else { throw failure("expected a digit") }
        if !atEnd, current == UInt8(ascii: ".") {
            index += 1
            guard skipDigits() else { throw failure("expected a digit after '.'") }
        }
        if !atEnd, current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if !atEnd, current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() else { throw failure("expected an exponent") }
        }
    }

    /// Skips a string, checking control characters and escapes; runs of plain bytes go 8 at a time.
    private mutating func skipString() throws(JSONParseError) {
        index += 1
        guard let base = bytes.baseAddress else { throw failure("unterminated string") }
        let count = bytes.count
        while true {
            // Jump straight to the first quote, backslash or control byte of each 8-byte word.
            while index + 8 <= count {
                let mask = Self.specialBytes(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self).littleEndian)
                if mask == 0 { index += 8; continue }
                index += mask.trailingZeroBitCount >> 3
                break
            }
            guard index < count else { throw failure("unterminated string") }
            let byte = base[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return }
            if byte < 0x20 { index -= 1; throw failure("control character in string") }
            guard byte == UInt8(ascii: "\\") else { continue }
            guard index < count else { throw failure("unterminated escape") }
            let escape = base[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                continue
            case UInt8(ascii: "u"):
                guard index + 4 <= count else { throw failure("short \\u escape") }
                for _ in 0..<4 {
                    switch base[index] {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                         UInt8(ascii: "A")...UInt8(ascii: "F"): index += 1
                    default: throw failure("invalid hex digit")
                    }
                }
            default:
                index -= 1
                throw failure("invalid escape")
            }
        }
    }

    /// Whether any of 8 bytes is a quote, a backslash or below 0x20 (exact as a yes/no answer).
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool { specialBytes(word) != 0 }

    /// The high bit of each byte that is a quote, a backslash or below 0x20; the lowest set bit is
    /// exactly the first such byte (borrows only disturb the bytes after it), in little-endian order.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let zeroInQuote = (quote &- ones) & ~quote
        let zeroInBackslash = (backslash &- ones) & ~backslash
        let below20 = (word &- ones &* 0x20) & ~word
        return (zeroInQuote | zeroInBackslash | below20) & highs
    }

    // MARK: Lists (pages of roles)

    /// Validates the array at `index`, recording the ranges of its object items.
    mutating func skipArray(recordingObjectsInto items: inout [Range<Int>]) throws(JSONParseError) {
        try enter()
        index += 1
        skipWhitespace()
        if !atEnd, current == UInt8(ascii: "]") { index += 1; depth -= 1; return }
        while true {
            skipWhitespace()
            let start = index
            try skipValue()
            if bytes[start] == UInt8(ascii: "{") { items.append(start..<index) }
            skipWhitespace()
            guard !atEnd else { throw failure("unexpected end of data") }
            if current == UInt8(ascii: ",") { index += 1; continue }
            if current == UInt8(ascii: "]") { index += 1; break }
            throw failure("expected ',' or ']'")
        }
        depth -= 1
    }

    /// Validates the object at `index` as a list answer, returning `count` and the object items of `items`.
    mutating func skipListObject() throws(JSONParseError) -> (count: Int?, items: [Range<Int>]) {
        try enter()
        index += 1
        var count: Int?
        var items: [Range<Int>] = []
        skipWhitespace()
        if !atEnd, current == UInt8(ascii: "}") { index += 1; depth -= 1; return (nil, []) }
        while true {
            skipWhitespace()
            guard !atEnd, current == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let keyStart = index
            try skipString()
            let key = keyText(keyStart..<index)
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "expected ':'")
            skipWhitespace()
            let valueStart = index
            if key == "items", !atEnd, current == UInt8(ascii: "[") {
                items = []
                try skipArray(recordingObjectsInto: &items)
            } else {
                try skipValue()
                if key == "count" {
                    count = JSONValue.number(String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<index]), as: UTF8.self)).intValue
                } else if key == "items" {
                    items = []
                }
            }
            skipWhitespace()
            guard !atEnd else { throw failure("unexpected end of data") }
            if current == UInt8(ascii: ",") { index += 1; continue }
            if current == UInt8(ascii: "}") { index += 1; break }
            throw failure("expected ',' or '}'")
        }
        depth -= 1
        return (count, items)
    }

    /// The text of a validated string token (quotes included in `range`).
    private func keyText(_ range: Range<Int>) -> String {
        let inner = UnsafeBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
        return (try? JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[range])))?.stringValue ?? ""
    }

    // MARK: Fast skip (bytes already validated)

    /// Moves past a value known to be valid JSON, looking only at quotes, backslashes and brackets.
    mutating func skipValidatedValue() {
        switch current {
        case UInt8(ascii: "\""): skipValidatedString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var level = 0
            repeat {
                switch bytes[index] {
                case UInt8(ascii: "{"), UInt8(ascii: "["): level += 1; index += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): level -= 1; index += 1
                case UInt8(ascii: "\""): skipValidatedString()
                default: index += 1
                }
            } while level > 0
        default:
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return
                default: index += 1
                }
            }
        }
    }

    /// Runs of plain bytes go 8 at a time, as in `skipString` (a role's strings are most of its bytes).
    private mutating func skipValidatedString() {
        index += 1
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        while true {
            while index + 8 <= count {
                let mask = Self.specialBytes(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self).littleEndian)
                if mask == 0 { index += 8; continue }
                index += mask.trailingZeroBitCount >> 3
                break
            }
            let byte = base[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return }
            if byte == UInt8(ascii: "\\") { index += 1 }
        }
    }

    /// Whether the validated string at `index` equals `key` (compared as text when it has escapes);
    /// moves past it.
    mutating func validatedStringEquals(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = index + 1
        skipValidatedString()
        let end = index - 1
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if raw.count == key.count, memoryEquals(raw, key) { return true }
        guard raw.contains(UInt8(ascii: "\\")) else { return false }
        let decoded = (try? JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[(start - 1)...end])))?.stringValue
        return decoded.map { Array($0.utf8).elementsEqual(key) } ?? false
    }

    private func memoryEquals(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for offset in 0..<a.count where a[offset] != b[offset] { return false }
        return true
    }
}

extension JSONScanner {
    /// Steps over one byte of validated input (a `:`, `,` or bracket already looked at).
    mutating func step() { index += 1 }
}

/// Validated JSON split without building values: used for lists of roles and raw role documents.
enum RawJSON {
    /// A `{count, items}` answer or a bare array, as byte ranges of its object items.
    struct List {
        var count: Int?
        var items: [Range<Int>]
    }

    /// Validates the whole answer and returns the ranges of the object items in `items` (or of a bare
    /// array), skipping `null` and non-objects as the tree-based reader does; `nil` for other shapes.
    static func list(_ body: [UInt8]) throws(JSONParseError) -> List? {
        let result: Result<List?, JSONParseError> = body.withUnsafeBufferPointer { buffer in
            do throws(JSONParseError) { return .success(try list(in: buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static func list(in buffer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> List? {
        var scanner = JSONScanner(buffer)
        scanner.skipWhitespace()
        guard scanner.index < buffer.count else { throw JSONParseError(offset: 0, reason: "unexpected end of data") }
        let list: List?
        switch buffer[scanner.index] {
        case UInt8(ascii: "["):
            var items: [Range<Int>] = []
            try scanner.skipArray(recordingObjectsInto: &items)
            list = List(count: nil, items: items)
        case UInt8(ascii: "{"):
            let found = try scanner.skipListObject()
            list = List(count: found.count, items: found.items)
        default:
            try scanner.skipValue()
            list = nil
        }
        scanner.skipWhitespace()
        if scanner.index != buffer.count {
            throw JSONParseError(offset: scanner.index, reason: "unexpected data after the document")
        }
        return list
    }

    /// Whether `bytes` hold exactly one valid JSON object (surrounding whitespace allowed).
    static func isObject(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            scanner.skipWhitespace()
            guard scanner.index < buffer.count, buffer[scanner.index] == UInt8(ascii: "{") else { return false }
            do { try scanner.skipValue() } catch { return false }
            scanner.skipWhitespace()
            return scanner.index == buffer.count
        }
    }

    /// The value of the last member named `key` in a validated object (the tree reader's rule).
    static func member(_ key: String, in object: ArraySlice<UInt8>) -> JSONValue? {
        var found: JSONValue?
        forEachMember(of: object, named: [key]) { _, value in found = value }
        return found
    }

    /// Calls `body` with each member whose key is in `keys`, in document order, parsing only those values.
    static func forEachMember(of object: ArraySlice<UInt8>, named keys: [String], _ body: (String, JSONValue) -> Void) {
        let wanted = keys.map { Array($0.utf8) }
        object.withUnsafeBufferPointer { buffer in
            var walker = JSONScanner(buffer)
            walker.skipWhitespace()
            guard walker.index < buffer.count, buffer[walker.index] == UInt8(ascii: "{") else { return }
            walker.step()
            while true {
                walker.skipWhitespace()
                guard walker.index < buffer.count, buffer[walker.index] == UInt8(ascii: "\"") else { return }
                let keyStart = walker.index
                var match: Int?
                for (offset, key) in wanted.enumerated() {
                    walker.index = keyStart
                    if key.withUnsafeBufferPointer({ walker.validatedStringEquals($0) }) { match = offset; break }
                }
                if match == nil { walker.index = keyStart; walker.skipValidatedValue() }
                walker.skipWhitespace()
                walker.step()
                walker.skipWhitespace()
                let valueStart = walker.index
                walker.skipValidatedValue()
                if let match, let value = try? JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[valueStart..<walker.index])) {
                    body(keys[match], value)
                }
                walker.skipWhitespace()
                guard walker.index < buffer.count, buffer[walker.index] == UInt8(ascii: ",") else { return }
                walker.step()
            }
        }
    }
}
