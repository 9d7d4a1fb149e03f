import Synchronization

/// A password as it is typed into the console's password dialog: its bytes, never shown, printed, dumped or
/// logged. `description`, `debugDescription` and the mirror (what `dump` and `String(reflecting:)` read) say
/// only how many characters it holds, so a state dump or an effect in the debug log cannot carry it.
///
/// The bytes live in one buffer shared by every copy (a class), reserved up front so typing does not move
/// them, and `wipe()` zeroes that buffer in place: once the dialog's answer has been handed to the login, no
/// copy of the state still holds the password. Swift may still have copied it elsewhere (the `String` the
/// login request sends), so this narrows the window as far as Swift allows, it does not close it.
public struct SecretText: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private final class Storage: Sendable {
        let bytes: Mutex<[UInt8]>
        init() {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(1024)
            self.bytes = Mutex(bytes)
        }
        deinit { bytes.withLock { Self.zero(&$0) } }

        static func zero(_ bytes: inout [UInt8]) {
            bytes.withUnsafeMutableBufferPointer { buffer in
                for index in buffer.indices { buffer[index] = 0 }
            }
            bytes.removeAll(keepingCapacity: true)
        }
    }

    private let storage = Storage()

    /// An empty secret.
    public init() {}

    /// Characters typed, for the mask.
    public var count: Int { storage.bytes.withLock { bytes in bytes.count(where: { $0 & 0xC0 != 0x80 }) } }

    /// True when nothing was typed.
    public var isEmpty: Bool { storage.bytes.withLock { $0.isEmpty } }

    /// Adds a typed character.
    public func append(_ character: Character) {
        storage.bytes.withLock { $0.append(contentsOf: Array(String(character).utf8)) }
    }

    /// Removes the last typed character (Backspace).
    public func removeLast() {
        storage.bytes.withLock { bytes in
            while let last = bytes.popLast() {
                // Stop after the first byte of a UTF-8 sequence (not a continuation byte 10xxxxxx).
                if last & 0xC0 != 0x80 { break }
            }
        }
    }

    /// Overwrites the bytes with zeros and empties the secret, for every copy.
    public func wipe() {
        storage.bytes.withLock { Storage.zero(&$0) }
    }

    /// The text, for the one login request that sends it.
    public func reveal() -> String { storage.bytes.withLock { String(decoding: $0, as: UTF8.self) } }

    /// What the dialog draws: one mask character per typed character.
    public func mask(_ glyph: String) -> String { String(repeating: glyph, count: count) }

    public static func == (lhs: SecretText, rhs: SecretText) -> Bool { lhs.storage === rhs.storage }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(storage)) }
    public var description: String { "SecretText(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, unlabeledChildren: [Any](), displayStyle: .struct) }
}
