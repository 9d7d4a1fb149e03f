import Crypto
import Foundation
import NIOSSL
import X509

/// Which server certificate `--tls` presents: a good one, or a deliberately broken one so a client's
/// certificate checks (and its error messages) can be tested against a real handshake.
public enum ServerCertificateKind: String, Sendable, CaseIterable {
    /// Signed by the generated CA, for 127.0.0.1 and localhost, valid for 30 days.
    case valid
    /// Signed by the generated CA, for 127.0.0.1 and localhost, but expired yesterday.
    case expired
    /// Signed by the generated CA and current, but issued for `privx.example.com` only.
    case wrongHost = "wrong-host"

    /// The name a `wrongHost` certificate is issued for.
    public static let otherHostName = "privx.example.com"
}

/// A throwaway CA and a server certificate for 127.0.0.1/localhost, made at start so HTTPS
/// tests exercise real certificate checking with a custom trust root.
struct CertificateAuthority: Sendable {
    let caCertificatePEM: String
    let serverCertificatePEM: String
    let serverKeyPEM: String

    static func generate(serverCertificate kind: ServerCertificateKind = .valid) throws -> CertificateAuthority {
        let now = Date()
        let notBefore = now.addingTimeInterval(-3600)
        let notAfter = now.addingTimeInterval(30 * 86_400)
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName {
            OrganizationName("privx-roles simulator")
            CommonName("privx-rolestore-sim CA")
        }
        let caCertificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(caKey.publicKey),
            notValidBefore: now.addingTimeInterval(-60 * 86_400), notValidAfter: notAfter, issuer: caName, subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: .init(caKey.publicKey))
            },
            issuerPrivateKey: .init(caKey))

        let serverKey = P256.Signing.PrivateKey()
        let commonName = kind == .wrongHost ? ServerCertificateKind.otherHostName : "localhost"
        let serverName = try DistinguishedName {
            OrganizationName("privx-roles simulator")
            CommonName(commonName)
        }
        let names: [GeneralName] = kind == .wrongHost
            ? [GeneralName.dnsName(ServerCertificateKind.otherHostName)]
            : [GeneralName.dnsName("localhost"), GeneralName.ipAddress(.init(contentBytes: [127, 0, 0, 1]))]
        let validity: (Date, Date) = kind == .expired
            ? (now.addingTimeInterval(-30 * 86_400), now.addingTimeInterval(-86_400))
            : (notBefore, notAfter)
        let serverCertificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(serverKey.publicKey),
            notValidBefore: validity.0, notValidAfter: validity.1, issuer: caName, subject: serverName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
                AuthorityKeyIdentifier(keyIdentifier: try caCertificate.extensions.subjectKeyIdentifier?.keyIdentifier)
            },
            issuerPrivateKey: .init(caKey))

        return CertificateAuthority(
            caCertificatePEM: try caCertificate.serializeAsPEM().pemString,
            serverCertificatePEM: try serverCertificate.serializeAsPEM().pemString,
            serverKeyPEM: serverKey.pemRepresentation)
    }

    /// The NIOSSL server configuration presenting the server certificate.
    func serverTLSConfiguration() throws -> TLSConfiguration {
        let certificate = try NIOSSLCertificate(bytes: Array(serverCertificatePEM.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(serverKeyPEM.utf8), format: .pem)
        return TLSConfiguration.makeServerConfiguration(certificateChain: [.certificate(certificate)], privateKey: .privateKey(key))
    }
}
