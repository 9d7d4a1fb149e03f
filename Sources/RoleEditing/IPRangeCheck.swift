import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything worth saying about a context's IP ranges at once, checked as they are typed: what PrivX
/// cannot take (not a CIDR range: an error that stops the save), and what it takes but probably does not
/// mean (host bits set, a range another one already covers: warnings that never stop a save).
///
/// Host bits set (`192.168.1.5/24`) is only a warning: no public source says PrivX refuses it. The API
/// reference types `ip_masks` as `string[]` with no pattern (../shared/seeds/002_*, the role schema), the
/// official Go SDK as `[]string` (`SSHcom/privx-sdk-go` @ 0652e857594638b6c2bdcee42da784889d29b193,
/// `api/rolestore/model.go`, `ContextualLimit.IPMasks`), and the Terraform provider does not handle
/// `ip_masks` at all (`SSHcom/terraform-provider-privx` @ a71be719dce633d3cf47b57dba20cc27d7b4a868). Go's
/// own CIDR parser, which a Go service would use, accepts host bits and masks them. See
/// docs/role-store-evidence.md, "IP ranges".
public enum IPRangeCheck {
    /// One thing said about the list.
    public struct Finding: Sendable, Hashable {
        /// Error: PrivX cannot take it (the save is refused until it is fixed). Warning: it is taken as it is.
        public enum Severity: Sendable, Hashable { case error, warning }

        public var severity: Severity
        /// The line it is about (0-based).
        public var line: Int
        /// The sentence shown (names the line and what to do).
        public var message: String
        /// The range the line really means, when it has host bits set (`192.168.1.0/24`).
        public var normalized: String?

        public init(severity: Severity, line: Int, message: String, normalized: String? = nil) {
            self.severity = severity
            self.line = line
            self.message = message
            self.normalized = normalized
        }
    }

    /// A parsed range: the address bytes (4 or 16) and the prefix length.
    public struct Range: Sendable, Hashable {
        public var bytes: [UInt8]
        public var bits: Int

        public var isV6: Bool { bytes.count == 16 }

        /// The range with every host bit cleared (what PrivX matches against).
        public var network: Range {
            var out = self
            for index in out.bytes.indices {
                let keep = max(0, min(8, bits - index * 8))
                out.bytes[index] &= keep == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - keep))
            }
            return out
        }

        /// True when every address of `other` is in this range.
        public func covers(_ other: Range) -> Bool {
            guard bytes.count == other.bytes.count, bits <= other.bits else { return false }
            return Range(bytes: other.bytes, bits: bits).network.bytes == network.bytes
        }

        /// The range written the usual way (`192.168.1.0/24`, `2001:db8::/32`).
        public var text: String {
            var buffer = [CChar](repeating: 0, count: 64)
            let family = isV6 ? AF_INET6 : AF_INET
            let ok = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil }
            guard ok else { return "?" }
            let address = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return "\(address)/\(bits)"
        }

        /// The first and last address, for saying what a range covers.
        public var span: String {
            var last = network
            for index in last.bytes.indices {
                let keep = max(0, min(8, bits - index * 8))
                last.bytes[index] |= keep == 8 ? 0 : UInt8(truncatingIfNeeded: 0xFF >> keep)
            }
            let first = network.text.split(separator: "/").first.map(String.init) ?? ""
            let end = Range(bytes: last.bytes, bits: isV6 ? 128 : 32).text.split(separator: "/").first.map(String.init) ?? ""
            return first == end ? first : "\(first)–\(end)"
        }

        /// Parses `address/bits`; nil when `AddressRange.problem` has a reason.
        public init?(_ text: String) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard AddressRange.problem(trimmed) == nil else { return nil }
            let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let bits = Int(parts[1]) else { return nil }
            let address = String(parts[0])
            if address.contains(":") {
                var storage = in6_addr()
                guard inet_pton(AF_INET6, address, &storage) == 1 else { return nil }
                bytes = withUnsafeBytes(of: &storage) { Array($0) }
            } else {
                var storage = in_addr()
                guard inet_pton(AF_INET, address, &storage) == 1 else { return nil }
                bytes = withUnsafeBytes(of: &storage) { Array($0) }
            }
            self.bits = bits
        }

        init(bytes: [UInt8], bits: Int) {
            self.bytes = bytes
            self.bits = bits
        }
    }

    /// Every finding for `masks` in line order (errors and warnings of a line together).
    public static func findings(_ masks: [String]) -> [Finding] {
        var out: [Finding] = []
        let ranges = masks.map { Range($0) }
        for (line, text) in masks.enumerated() {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let problem = AddressRange.problem(trimmed) {
                out.append(Finding(severity: .error, line: line, message: "IP range \(line + 1): \(problem)"))
                continue
            }
            guard let range = ranges[line] else { continue }
            let network = range.network
            if network.bytes != range.bytes {
                out.append(Finding(severity: .warning, line: line,
                                   message: "IP range \(line + 1) \u{201C}\(trimmed)\u{201D} has host bits set: it means \(network.text) "
                                    + "(\(network.span)). n writes it that way.", normalized: network.text))
            }
            if let cover = ranges.indices.first(where: { other in
                guard other != line, let wide = ranges[other], wide.covers(range) else { return false }
                // Two equal ranges: the later one is the one that adds nothing.
                return !(range.covers(wide)) || other < line
            }), let wide = ranges[cover] {
                let all = wide.bits == 0
                let what = all ? "every IP\(wide.isV6 ? "v6" : "v4") address" : "all of it"
                out.append(Finding(severity: .warning, line: line,
                                   message: "IP range \(line + 1) \u{201C}\(trimmed)\u{201D} adds nothing: range \(cover + 1) "
                                    + "\(masks[cover].trimmingCharacters(in: .whitespaces)) already allows \(what)."
                                    + (all ? " Delete one of them (with \(wide.network.text) the role is not limited by IP\(wide.isV6 ? "v6" : "v4") address)." : " Delete the line.")))
            }
        }
        return out
    }

    /// The ranges with host bits written as the network they mean; nil when none has host bits set.
    public static func normalized(_ masks: [String]) -> [String]? {
        var changed = false
        let out = masks.map { text -> String in
            guard let range = Range(text), range.network.bytes != range.bytes else { return text }
            changed = true
            return range.network.text
        }
        return changed ? out : nil
    }

    /// The summary of ranges that limit nothing.
    public static let anyAddressSummary = "from any address"

    /// The ranges for a one-line summary: `from 10.0.0.0/8 and 1 more`, or `from any address` when only the
    /// any-address ranges limit nothing (a family's /0 makes that family's other ranges pointless, so they are
    /// not counted).
    public static func summary(_ masks: [String]) -> String {
        let trimmed = masks.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let parsed = trimmed.map { (text: $0, range: Range($0)) }
        let anyV4 = parsed.contains { $0.range.map { !$0.isV6 && $0.bits == 0 } ?? false }
        let anyV6 = parsed.contains { $0.range.map { $0.isV6 && $0.bits == 0 } ?? false }
        let v4 = parsed.filter { !($0.range?.isV6 ?? $0.text.contains(":")) }.map(\.text)
        let v6 = parsed.filter { $0.range?.isV6 ?? $0.text.contains(":") }.map(\.text)
        let limiting = (anyV4 ? [] : v4) + (anyV6 ? [] : v6)
        guard let first = limiting.first else { return anyAddressSummary }
        let items = (anyV4 ? ["any IPv4 address"] : []) + limiting + (anyV6 ? ["any IPv6 address"] : [])
        return "from \(first)" + (items.count > 1 ? " and \(items.count - 1) more" : "")
    }
}
