import Foundation
@testable import PrivXAPI
import RoleStoreSimulator
import Testing

/// Each way a server certificate can be wrong fails with a message that names the problem.
@Suite("Transport: certificate problems named")
struct TLSFailureTests {
    /// Runs one status call against a TLS simulator presenting `kind`, trusting `trustedPEM` (default: its CA).
    static func failure(_ kind: ServerCertificateKind, trusting trustedPEM: String? = nil) async throws -> PrivXError? {
        try await withSimulator({ $0.tls = true; $0.serverCertificate = kind }) { server in
            let client = try makeClient(server) { configuration in
                configuration.maxRetries = 0
                if let trustedPEM { configuration.additionalCACertificatesPEM = [trustedPEM] }
            }
            return try await using(client) { client in
                await capturePrivXError { _ = try await client.status() }
            }
        }
    }

    @Test func aWrongCAIsNamed() async throws {
        let otherCA = try await withSimulator({ $0.tls = true }) { try #require($0.caCertificatePEM) }
        let error = try await Self.failure(.valid, trusting: otherCA)
        guard case .tls(let host, let problem)? = error else {
            Issue.record("expected a TLS error, got \(String(describing: error))")
            return
        }
        #expect(host == "127.0.0.1")
        #expect(problem.contains("not signed by a trusted CA"), "\(problem)")
        #expect(problem.contains("--ca-cert") && problem.contains("PRIVX_API_CA_CERT_FILE"), "\(problem)")
    }

    @Test func anExpiredCertificateIsNamedWithItsDate() async throws {
        let error = try await Self.failure(.expired)
        guard case .tls(_, let problem)? = error else {
            Issue.record("expected a TLS error, got \(String(describing: error))")
            return
        }
        let yesterday = Date().addingTimeInterval(-86_400)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        #expect(problem.contains("certificate expired on \(formatter.string(from: yesterday))"), "\(problem)")
        #expect(error?.description.contains("--ca-cert") == false, "\(error?.description ?? "")")
    }

    @Test func aCertificateForAnotherHostIsNamed() async throws {
        let error = try await Self.failure(.wrongHost)
        guard case .tls(_, let problem)? = error else {
            Issue.record("expected a TLS error, got \(String(describing: error))")
            return
        }
        #expect(problem.contains("certificate is for \(ServerCertificateKind.otherHostName), not 127.0.0.1"), "\(problem)")
    }

    @Test func certificateNamesMatchLikeRFC6125() {
        #expect(CertificateDiagnosis.matches("*.example.com", host: "privx.example.com"))
        #expect(!CertificateDiagnosis.matches("*.example.com", host: "a.b.example.com"))
        #expect(CertificateDiagnosis.matches("PrivX.Example.com", host: "privx.example.com"))
        #expect(CertificateDiagnosis.matches("127.0.0.1", host: "127.0.0.1"))
        #expect(CertificateDiagnosis.matches("::1", host: "[::1]"))
        #expect(!CertificateDiagnosis.matches("localhost", host: "127.0.0.1"))
    }

    @Test func aValidCertificateStillWorks() async throws {
        try await withSimulator({ $0.tls = true; $0.serverCertificate = .valid }) { server in
            try await using(makeClient(server)) { client in
                let status = try await client.status()
                #expect(status.status == "ok")
            }
        }
    }
}
