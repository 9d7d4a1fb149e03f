/// Whether bytes are well-formed UTF-8, checked 8 bytes at a time while they are ASCII (role documents
/// mostly are), so raw server bytes can be passed on as JSON text only when they are valid.
enum UTF8Validation {
    /// True for well-formed UTF-8 (no overlong forms, surrogates or truncated sequences).
    static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        let ascii = bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var index = 0
            let count = buffer.count
            while index + 8 <= count {
                if UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                index += 8
            }
            while index < count {
                if base[index] >= 0x80 { return false }
                index += 1
            }
            return true
        }
        return ascii || String(validating: bytes, as: UTF8.self) != nil
    }
}
