import Foundation

/// Whether this host has the system CA store that swift-nio-ssl loads by default (the same places it
/// searches on Linux: `LinuxCABundle.swift` in swift-nio-ssl). Without it no TLS context can be built
/// from the default roots, so a given CA must be the only trust root.
enum SystemTrustStore {
    /// The CA bundle files and folder swift-nio-ssl looks for on Linux.
    static let searchPaths = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/certs"]

    /// True when any of the search paths exists (checked once per process).
    static let isPresent: Bool = searchPaths.contains { FileManager.default.fileExists(atPath: $0) }
}
