#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decides whether plain `http://` may go to a host: only when every address the host stands for is a
/// loopback address (127.0.0.0/8 or ::1), judged from the addresses themselves, never from the text of the
/// name (`127.evil.example` starts like a loopback address and can resolve anywhere).
enum LoopbackAddress {
    /// What the check found.
    enum Verdict: Equatable {
        /// Every address is loopback. `pinned` is the numeric address to connect to when the host was a
        /// name other than `localhost`, so a second lookup (DNS rebinding) cannot send the request elsewhere.
        case loopback(pinned: String?)
        /// At least one address is not loopback (listed), or the name did not resolve (empty).
        case notLoopback(addresses: [String])
    }

    /// `localhost` is loopback by definition (RFC 6761 §6.3); an IP literal is judged by its value; any
    /// other name by every address `getaddrinfo` returns for it.
    static func check(_ host: String, resolve: (String) -> [Address] = resolve) -> Verdict {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" { return .loopback(pinned: nil) }
        if let literal = numeric(bare) { return isLoopback(literal) ? .loopback(pinned: nil) : .notLoopback(addresses: [bare]) }
        let addresses = resolve(bare)
        guard !addresses.isEmpty, addresses.allSatisfy(isLoopback) else {
            return .notLoopback(addresses: addresses.map(\.text))
        }
        return .loopback(pinned: addresses[0].text)
    }

    /// One resolved address: its family and 4 or 16 bytes.
    struct Address: Equatable {
        var bytes: [UInt8]
        var text: String {
            if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            var raw = in6_addr()
            withUnsafeMutableBytes(of: &raw) { $0.copyBytes(from: bytes) }
            inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count))
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// 127.0.0.0/8 or ::1.
    static func isLoopback(_ address: Address) -> Bool {
        if address.bytes.count == 4 { return address.bytes[0] == 127 }
        return address.bytes == [UInt8](repeating: 0, count: 15) + [1]
    }

    /// The address a numeric host stands for (dotted IPv4 or IPv6), nil for a name.
    static func numeric(_ host: String) -> Address? {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 { return Address(bytes: withUnsafeBytes(of: &v4) { Array($0) }) }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 { return Address(bytes: withUnsafeBytes(of: &v6) { Array($0) }) }
        return nil
    }

    /// Every IPv4 and IPv6 address `getaddrinfo` gives for a name (none when it does not resolve).
    static func resolve(_ name: String) -> [Address] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var found: [Address] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let current = node {
            if let socket = current.pointee.ai_addr {
                switch current.pointee.ai_family {
                case AF_INET:
                    let address = socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                    found.append(Address(bytes: withUnsafeBytes(of: address) { Array($0) }))
                case AF_INET6:
                    let address = socket.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                    found.append(Address(bytes: withUnsafeBytes(of: address) { Array($0) }))
                default:
                    break
                }
            }
            node = current.pointee.ai_next
        }
        return found
    }
}
