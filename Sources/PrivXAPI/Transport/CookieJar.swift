import Foundation
import NIOHTTP1
import Synchronization

/// One cookie store shared by the token call and every API call, so an HA load balancer's node
/// affinity cookie sticks.
final class CookieJar: Sendable {
    private let cookies = Mutex<[(name: String, value: String)]>([])

    /// Stores `Set-Cookie` values (name=value only; `Max-Age=0` deletes).
    func store(from headers: HTTPHeaders) {
        store(setCookieValues: headers["set-cookie"])
    }

    /// Stores raw `Set-Cookie` header values.
    func store(setCookieValues setCookies: [String]) {
        guard !setCookies.isEmpty else { return }
        cookies.withLock { jar in
            for header in setCookies {
                let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { continue }
                let name = String(pair[..<equals])
                let value = String(pair[pair.index(after: equals)...])
                let expired = parts.dropFirst().contains { $0.lowercased() == "max-age=0" }
                jar.removeAll { $0.name == name }
                if !expired { jar.append((name, value)) }
            }
        }
    }

    /// The `Cookie` header value, or nil when empty.
    func headerValue() -> String? {
        cookies.withLock { jar in
            jar.isEmpty ? nil : jar.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
        }
    }
}
