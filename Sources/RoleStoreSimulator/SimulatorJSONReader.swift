import Foundation

/// Why a request body or a state-file line is not JSON, so a client author can find the mistake.
public struct SimulatorJSONParseError: Error, Sendable, CustomStringConvertible {
    /// The byte offset, when the simulator's own checks found the mistake (Foundation's message names its own position).
    public let offset: Int?
    /// What is wrong, in the words of the check that refused it.
    public let reason: String
    public var description: String { offset.map { "\(reason) at byte \($0)" } ?? reason }
}

/// Reads JSON with Foundation's `JSONSerialization`, an implementation the client does not share, so the client's
/// own parser is tested against a second one rather than against itself (architecture: the simulator is an
/// independent implementation of the contract).
///
/// Foundation is more lenient than RFC 8259 in two ways, and the simulator refuses both itself, as the parser it
/// replaced did (SeedAndParserTests, SimulatorJSONReaderTests, MalformedBodyFuzzTests):
/// - a trailing comma (`[1,]`, `{"a":1,}`) is accepted by Foundation; RFC 8259 §4 and §5 have none;
/// - Foundation guesses UTF-16 and UTF-32 from a byte-order mark or from zero bytes, and skips a UTF-8 BOM.
///   RFC 8259 §8.1 requires UTF-8 between systems and says a sender must not add a BOM.
/// What Foundation already refuses, the simulator relies on: invalid UTF-8 and lone surrogates in strings, numbers
/// that do not fit a Double (`1e400`: refused, never stored as null), nesting deeper than 512 levels, control
/// characters in strings, leading zeros, comments and bare words.
enum SimulatorJSONReader {
    /// The document in `bytes`, or why it is not one.
    static func read(_ bytes: [UInt8]) throws(SimulatorJSONParseError) -> SimulatorJSON {
        try checkEncodingAndCommas(bytes)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw SimulatorJSONParseError(offset: nil, reason: reason ?? "the data is not JSON")
        }
        return try value(object)
    }

    /// One pass over the bytes for what Foundation lets through: a byte-order mark, a zero byte (never valid in
    /// UTF-8 JSON text, and what makes Foundation read UTF-16/32) and a comma closed by `]` or `}`.
    private static func checkEncodingAndCommas(_ bytes: [UInt8]) throws(SimulatorJSONParseError) {
        if let first = bytes.first, first == 0xEF || first == 0xFE || first == 0xFF {
            throw SimulatorJSONParseError(offset: 0, reason: "a byte-order mark or a non-UTF-8 encoding; send UTF-8 without a BOM")
        }
        // An unsafe buffer and plain indices: this pass runs over whole state files (90 MB at 100k roles), and the
        // debug build that tests and `make demo` use would spend most of a restart in a collection iterator.
        let problem: SimulatorJSONParseError? = bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            var openComma = -1
            let count = buffer.count
            while index < count {
                let byte = buffer[index]
                if byte == 0 { return SimulatorJSONParseError(offset: index, reason: "a zero byte; send UTF-8 JSON text") }
                if byte == 0x22 {
                    openComma = -1
                    index += 1
                    while index < count, buffer[index] != 0x22 {
                        if buffer[index] == 0 { return SimulatorJSONParseError(offset: index, reason: "a zero byte; send UTF-8 JSON text") }
                        index += buffer[index] == 0x5C ? 2 : 1
                    }
                } else if byte == 0x2C {
                    openComma = index
                } else if byte == 0x5D || byte == 0x7D {
                    if openComma >= 0 { return SimulatorJSONParseError(offset: openComma, reason: "a trailing comma") }
                } else if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                    openComma = -1
                }
                index += 1
            }
            return nil
        }
        if let problem { throw problem }
    }

    /// Foundation's object graph as a `SimulatorJSON`; depth is already bounded by Foundation (512).
    /// The exact dynamic type is compared first: on Linux a failing `as?` cast from `Any` (a string tried as a
    /// dictionary) costs a bridging lookup, which made the conversion eight times slower than the parse.
    private static func value(_ object: Any) throws(SimulatorJSONParseError) -> SimulatorJSON {
        let kind = ObjectIdentifier(type(of: object))
        if kind == stringType { return .string(object as! String) }
        if kind == objectType {
            let members = object as! [String: Any]
            var converted: [String: SimulatorJSON] = [:]
            converted.reserveCapacity(members.count)
            for (key, member) in members { converted[key] = try value(member) }
            return .object(converted)
        }
        if kind == arrayType {
            let elements = object as! [Any]
            var converted: [SimulatorJSON] = []
            converted.reserveCapacity(elements.count)
            for element in elements { converted.append(try value(element)) }
            return .array(converted)
        }
        if kind == nullType { return .null }
        if let number = object as? NSNumber { return try value(number) }
        throw SimulatorJSONParseError(offset: nil, reason: "an unexpected value of type \(type(of: object))")
    }

    private static let stringType = ObjectIdentifier(String.self)
    private static let objectType = ObjectIdentifier([String: Any].self)
    private static let arrayType = ObjectIdentifier([Any].self)
    private static let nullType = ObjectIdentifier(NSNull.self)

    /// A number keeps the kind its text had: an integer literal that fits `Int` stays an integer; a fraction or an
    /// exponent (`1.0`, `1e3`) and integers beyond `Int` become a `Double`. Foundation's `true`/`false` are boolean
    /// numbers (type code `c`); integers beyond `UInt64` arrive as `NSDecimalNumber`.
    private static func value(_ number: NSNumber) throws(SimulatorJSONParseError) -> SimulatorJSON {
        if number is NSDecimalNumber { return try finite(number.doubleValue) }
        switch UInt8(bitPattern: number.objCType.pointee) {
        case UInt8(ascii: "c"): return .bool(number.boolValue)
        case UInt8(ascii: "d"), UInt8(ascii: "f"): return try finite(number.doubleValue)
        case UInt8(ascii: "Q"):
            let value = number.uint64Value
            return value <= UInt64(Int.max) ? .int(Int(value)) : .double(Double(value))
        default: return .int(number.intValue)
        }
    }

    private static func finite(_ value: Double) throws(SimulatorJSONParseError) -> SimulatorJSON {
        guard value.isFinite else { throw SimulatorJSONParseError(offset: nil, reason: "a number out of range") }
        return .double(value)
    }
}
