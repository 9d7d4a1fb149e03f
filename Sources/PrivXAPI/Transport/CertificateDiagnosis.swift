import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// BoringSSL reports every chain failure as CERTIFICATE_VERIFY_FAILED. To tell a person *which* problem
/// it is (expired, issued for another host, untrusted issuer), this fetches the certificate the server
/// presents on a second, unverified handshake that sends no request, and reads its dates and names.
enum CertificateDiagnosis {
    /// The advice for a certificate whose issuer is not trusted.
    static let untrustedReason = "the server certificate is not signed by a trusted CA "
        + "(use --ca-cert / PRIVX_API_CA_CERT_FILE with the CA that issued it)"

    /// Names the problem behind a failed verification of `host:port`; `rawError` is the handshake error text.
    static func describe(host: String, port: Int, rawError: String, timeout: TimeAmount) async -> String {
        let lower = rawError.lowercased()
        let hostnameFailed = lower.contains("failedtovalidatehostname") || lower.contains("validate hostname")
        guard let certificate = await peerCertificate(host: host, port: port, timeout: timeout) else {
            return hostnameFailed ? "the server certificate is not issued for \(host)" : HTTPTransport.describeTLSProblem(rawError)
        }
        return describe(certificate: certificate, host: host, hostnameFailed: hostnameFailed,
                        now: Date()) ?? HTTPTransport.describeTLSProblem(rawError)
    }

    /// The named problem of `certificate` for `host`; nil when nothing specific is wrong with it.
    static func describe(certificate: NIOSSLCertificate, host: String, hostnameFailed: Bool, now: Date) -> String? {
        let notAfter = Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
        let notBefore = Date(timeIntervalSince1970: TimeInterval(certificate.notValidBefore))
        if notAfter < now {
            return "the server certificate expired on \(format(notAfter)); the server's administrator must renew it"
        }
        if notBefore > now {
            return "the server certificate is not valid until \(format(notBefore)); check this machine's clock or the certificate"
        }
        let names = subjectNames(certificate)
        let list = names.isEmpty ? "no host name" : names.joined(separator: ", ")
        // NIOSSL checks the name only after the chain verified: then the name is the only problem.
        if hostnameFailed {
            return "the server certificate is for \(list), not \(host); use a base URL with one of those names"
        }
        if !names.contains(where: { matches($0, host: host) }) {
            return untrustedReason + "; it is also issued for \(list), not \(host)"
        }
        return untrustedReason
    }

    /// The DNS names and IP addresses the certificate is issued for.
    static func subjectNames(_ certificate: NIOSSLCertificate) -> [String] {
        certificate._subjectAlternativeNames().compactMap { name -> String? in
            switch name.nameType {
            case .dnsName: return String(decoding: name.contents, as: UTF8.self)
            case .ipAddress:
                let bytes = Array(name.contents)
                if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
                guard bytes.count == 16 else { return nil }
                // inet_ntop gives the canonical form (`::1`), the one a base URL uses.
                var text = [CChar](repeating: 0, count: 64)
                let formatted = bytes.withUnsafeBytes { inet_ntop(AF_INET6, $0.baseAddress, &text, 64) }
                return formatted == nil ? nil : String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            default: return nil
            }
        }
    }

    /// RFC 6125 matching, enough to decide which message to show: exact, or a `*.` wildcard for one label.
    static func matches(_ name: String, host: String) -> Bool {
        let name = name.lowercased(), host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name == host { return true }
        if name.hasPrefix("*."), let dot = host.firstIndex(of: ".") {
            return host[dot...] == name.dropFirst()
        }
        return false
    }

    private static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    /// The leaf certificate `host:port` presents, read without verifying it; nil when it cannot be had.
    static func peerCertificate(host: String, port: Int, timeout: TimeAmount) async -> NIOSSLCertificate? {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        guard let context = try? NIOSSLContext(configuration: tls) else { return nil }
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let isAddress = (try? SocketAddress(ipAddress: bare, port: 0)) != nil
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        let handshake = eventLoop.makePromise(of: Void.self)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let ssl = try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : bare)
                    try channel.pipeline.syncOperations.addHandler(ssl)
                    try channel.pipeline.syncOperations.addHandler(HandshakeWaiter(promise: handshake))
                }
            }
        do {
            let channel = try await bootstrap.connect(host: bare, port: port).get()
            let timer = eventLoop.scheduleTask(in: timeout) { handshake.fail(ChannelError.connectTimeout(timeout)) }
            defer {
                timer.cancel()
                channel.close(promise: nil)
            }
            try await handshake.futureResult.get()
            return try await channel.nioSSL_peerCertificate().get()
        } catch {
            handshake.fail(ChannelError.alreadyClosed)
            return nil
        }
    }
}

/// Completes a promise when the TLS handshake finishes (or fails), so the peer certificate can be read.
private final class HandshakeWaiter: ChannelInboundHandler {
    typealias InboundIn = Any
    let promise: EventLoopPromise<Void>

    init(promise: EventLoopPromise<Void>) { self.promise = promise }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted? = event as? TLSUserEvent { promise.succeed(()) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.alreadyClosed)
        context.fireChannelInactive()
    }
}
