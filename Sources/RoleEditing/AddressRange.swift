import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CIDR validation for a context's allowed client addresses, so a typo is caught in the form, not by PrivX.
public enum AddressRange {
    /// Nil when `text` is an IPv4 or IPv6 CIDR range (`10.0.0.0/8`, `2001:db8::/32`), else why it is not.
    public static func problem(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "An IP range cannot be empty: type a CIDR range such as 10.0.0.0/8 or delete the line." }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return "\u{201C}\(trimmed)\u{201D} has no prefix length: add one, e.g. \(trimmed)/32 for one IPv4 address or /128 for one IPv6 address."
        }
        let address = String(parts[0])
        let isV6 = address.contains(":")
        let maxBits = isV6 ? 128 : 32
        guard parseAddress(address, v6: isV6) else {
            return "\u{201C}\(address)\u{201D} is not an IP\(isV6 ? "v6" : "v4") address: use e.g. \(isV6 ? "2001:db8::" : "192.168.0.0")."
        }
        guard let bits = Int(parts[1]), parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber), (0...maxBits).contains(bits) else {
            return "The prefix length \u{201C}/\(parts[1])\u{201D} must be a number from 0 to \(maxBits) for an IP\(isV6 ? "v6" : "v4") range."
        }
        return nil
    }

    private static func parseAddress(_ text: String, v6: Bool) -> Bool {
        if v6 {
            var storage = in6_addr()
            return inet_pton(AF_INET6, text, &storage) == 1
        }
        var storage = in_addr()
        return inet_pton(AF_INET, text, &storage) == 1
    }
}
