import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// Plain http goes only to a host whose every address is loopback, judged from the addresses.
@Suite("Transport: loopback is decided from resolved addresses")
struct LoopbackTests {
    static func address(_ text: String) -> LoopbackAddress.Address { LoopbackAddress.numeric(text)! }

    @Test(arguments: ["http://127.evil.example:8443", "http://127.0.0.1.evil.example", "http://localhost.evil.example",
                      "http://[::ffff:127.0.0.1]:80", "http://0.0.0.0:80"])
    func aHostThatOnlyLooksLikeLoopbackIsRefused(_ url: String) {
        #expect {
            _ = try PrivXClient(configuration: ClientConfiguration(baseURL: url, credentials: .bearerToken("t")))
        } throws: { error in
            guard let error = error as? PrivXError, case .insecureURL = error else { return false }
            return error.description.contains("127.0.0.0/8")
        }
    }

    @Test func aNameIsLoopbackOnlyWhenEveryAddressIs() {
        let mixed = LoopbackAddress.check("127.evil.example") { _ in [Self.address("127.0.0.1"), Self.address("203.0.113.5")] }
        #expect(mixed == .notLoopback(addresses: ["127.0.0.1", "203.0.113.5"]))
        let unresolved = LoopbackAddress.check("127.evil.example") { _ in [] }
        #expect(unresolved == .notLoopback(addresses: []))
        let loopbackOnly = LoopbackAddress.check("dev.example") { _ in [Self.address("127.0.0.2"), Self.address("::1")] }
        #expect(loopbackOnly == .loopback(pinned: "127.0.0.2"))
        #expect(LoopbackAddress.check("LOCALHOST") { _ in [Self.address("203.0.113.5")] } == .loopback(pinned: nil))
        #expect(LoopbackAddress.check("[::1]") == .loopback(pinned: nil))
        #expect(LoopbackAddress.check("127.255.0.9") == .loopback(pinned: nil))
        #expect(LoopbackAddress.check("128.0.0.1") == .notLoopback(addresses: ["128.0.0.1"]))
    }

    /// A name from /etc/hosts that maps to 127.0.0.1 (this machine's own name, usually): getaddrinfo says
    /// loopback, the client talks plain http to it, and every request goes to the address it resolved.
    @Test func aNameResolvingToLoopbackIsAllowedAndPinnedToItsAddress() async throws {
        let hosts = (try? String(contentsOfFile: "/etc/hosts", encoding: .utf8)) ?? ""
        let names = hosts.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, fields[0] == "127.0.0.1" else { return nil }
            return fields.dropFirst().map(String.init).first { $0 != "localhost" && !$0.hasPrefix("#") }
        }
        let name = try #require(names.first, "no /etc/hosts name besides localhost maps to 127.0.0.1")
        #expect(LoopbackAddress.check(name) == .loopback(pinned: "127.0.0.1"))
        try await withSimulator { server in
            try await using(makeClient(server) { $0.baseURL = "http://\(name):\(server.port)" }) { client in
                #expect(client.transport.requestBase == "http://127.0.0.1:\(server.port)")
                #expect(client.transport.hostHeader == "\(name):\(server.port)")
                let page = try await client.roles(page: PageRequest(limit: 2))
                #expect(page.items.count == 2)
            }
        }
    }

    @Test func theBinaryRefusesAPlainHTTPNameThatOnlyStartsLike127() async throws {
        let home = try temporaryDirectory().path
        let run = try await PrivXRolesBinary.run(["status", "--base-url", "http://127.evil.example:8443"],
                                                 environment: ["HOME": home, "XDG_CONFIG_HOME": home, "PRIVX_API_BEARER_TOKEN": "t"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("Refusing plain http://"))
    }
}
