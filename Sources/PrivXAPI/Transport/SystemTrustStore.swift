import Foundation

/// Whether this host has the system CA store that swift-nio-ssl loads by default (the same places it
/// searches on Linux: `LinuxCABundle.swift` in swift-nio-ssl). Without it no TLS context can be built
/// from the default roots, so a given CA must be the only trust root.
enum SystemTrustStore {
    /// The CA bundle files and folder swift-nio-ssl looks for on Linux.
    static let searchPaths = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/certs"]

    /// True when any of the search paths exists (checked once per process).
    static let isPresent: Bool = searchPaths.contains { FileManager.default.fileExists(atPath: $0) }

    /// The system CAs as a hashed folder (`/etc/ssl/certs` with its `<subject hash>.0` links, kept by
    /// Debian's `update-ca-certificates`), or nil when there is none. swift-nio-ssl's default roots parse
    /// the whole bundle file (about 140 certificates) when a process makes its first TLS connection,
    /// 4 to 5 ms of every `privx-roles` command on the bench machine; from the folder BoringSSL reads
    /// only the certificate a chain asks for, by its subject hash. The same system CAs are trusted.
    static let hashedDirectory: String? = {
        let folder = "/etc/ssl/certs"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        return names.contains(where: isHashLink) ? folder : nil
    }()

    /// `8 hex digits . digit`: the name `openssl rehash` gives a CA in a hashed folder.
    static func isHashLink(_ name: String) -> Bool {
        let parts = name.split(separator: ".")
        return parts.count == 2 && parts[0].count == 8 && parts[0].allSatisfy(\.isHexDigit) && parts[1].allSatisfy(\.isNumber)
    }
}
