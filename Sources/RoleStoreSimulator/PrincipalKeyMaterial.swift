import Crypto
import CryptoExtras
import Foundation

/// Real SSH key material for a role's principal keys: generated key pairs and imported private keys, each
/// turned into the OpenSSH public key line PrivX serves (`ssh-rsa AAAA…`, no comment: the captured
/// `principal_public_key_strings` of `Tests/RealPrivXCorpus/bat_roles_page_0.json` carry none).
/// The private half is never kept: only the public line leaves this type.
enum PrincipalKeyMaterial {
    /// Why an imported private key was refused; each case becomes a PrivX-shaped 400 naming `private_key`.
    enum ImportError: Error, Equatable {
        case publicKey
        case notPEM
        case broken(String)
        case encrypted
        case unsupported(String)

        var apiError: APIError {
            switch self {
            case .publicKey:
                return .badRequest("VALUE_INCORRECT_FORMAT",
                                   "private_key holds a public key; import needs the private key (PEM) whose public half goes to the hosts",
                                   property: "private_key")
            case .notPEM:
                return .badRequest("VALUE_INCORRECT_FORMAT",
                                   "private_key is not a PEM private key (no '-----BEGIN … PRIVATE KEY-----' block); send the key file's text",
                                   property: "private_key")
            case .broken(let what):
                return .badRequest("VALUE_INCORRECT_FORMAT", "private_key could not be read: \(what); check that the file is complete",
                                   property: "private_key")
            case .encrypted:
                return .badRequest("VALUE_INCORRECT_FORMAT",
                                   "private_key is encrypted with a passphrase; import an unencrypted key (ssh-keygen -p -N '' on a copy)",
                                   property: "private_key")
            case .unsupported(let type):
                return .badRequest("INVALID_REQUEST_DATA", "private_key is a \(type) key; principal keys are RSA or Ed25519",
                                   property: "private_key")
            }
        }
    }

    // MARK: Generation

    /// A new RSA key pair's public line. PrivX generates RSA principal keys: the Terraform provider waits for
    /// `ssh-rsa ` in the generated key (SSHcom/terraform-provider-privx internal/provider/role_resource.go
    /// @a71be719), and the captured built-in roles hold 4096-bit `ssh-rsa` keys. 2048 bits here keeps the
    /// simulator's debug builds quick; nothing in the client depends on the size.
    static func generateRSA(bits: Int = 2048) throws -> String {
        let key = try _RSA.Signing.PrivateKey(keySize: .init(bitCount: bits))
        return try rsaLine(key.publicKey)
    }

    /// An Ed25519 public line from 32 seed bytes: the same seed, the same key (the seeded roles' keys).
    static func ed25519Line(seed: [UInt8]) throws -> String {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        return ed25519Line(publicKey: [UInt8](key.publicKey.rawRepresentation))
    }

    // MARK: Import

    /// The public line of a PEM private key: RSA (PKCS#1 or PKCS#8), Ed25519 (PKCS#8) or an unencrypted
    /// OpenSSH key of either type; a public key, a damaged PEM, an encrypted key or another type is refused.
    static func publicLine(importing text: String) throws(ImportError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("ssh-") || trimmed.hasPrefix("ecdsa-") || trimmed.hasPrefix("---- BEGIN SSH2 PUBLIC KEY") {
            throw .publicKey
        }
        guard let begin = trimmed.range(of: "-----BEGIN "), let labelEnd = trimmed.range(of: "-----", range: begin.upperBound..<trimmed.endIndex)
        else { throw .notPEM }
        let label = String(trimmed[begin.upperBound..<labelEnd.lowerBound])
        if label.contains("PUBLIC KEY") { throw .publicKey }
        guard label.hasSuffix("PRIVATE KEY") else { throw .notPEM }
        guard let end = trimmed.range(of: "-----END \(label)-----", range: labelEnd.upperBound..<trimmed.endIndex) else {
            throw .broken("the '-----END \(label)-----' line is missing")
        }
        let body = trimmed[labelEnd.upperBound..<end.lowerBound]
        if body.contains("Proc-Type: 4,ENCRYPTED") { throw .encrypted }
        let base64 = body.filter { !$0.isWhitespace }
        guard let der = Data(base64Encoded: base64).map({ [UInt8]($0) }), !der.isEmpty else {
            throw .broken("the text between the BEGIN and END lines is not base64")
        }
        switch label {
        case "RSA PRIVATE KEY":
            return try rsaLine(pem: String(trimmed[begin.lowerBound..<end.upperBound]))
        case "PRIVATE KEY":
            if der.count == 48, der.starts(with: ed25519PKCS8Prefix) {
                do { return try ed25519Line(seed: Array(der[16...])) } catch { throw .broken("the Ed25519 key is damaged") }
            }
            if der.containsSequence(rsaOID) { return try rsaLine(pem: String(trimmed[begin.lowerBound..<end.upperBound])) }
            if der.containsSequence(ecOID) { throw .unsupported("ECDSA") }
            if der.containsSequence(ed448OID) { throw .unsupported("Ed448") }
            if der.containsSequence(dsaOID) { throw .unsupported("DSA") }
            throw .broken("the PKCS#8 key names no algorithm this server knows")
        case "ENCRYPTED PRIVATE KEY":
            throw .encrypted
        case "EC PRIVATE KEY":
            throw .unsupported("ECDSA")
        case "DSA PRIVATE KEY":
            throw .unsupported("DSA")
        case "OPENSSH PRIVATE KEY":
            return try openSSHLine(der)
        default:
            throw .unsupported(label.replacingOccurrences(of: " PRIVATE KEY", with: ""))
        }
    }

    /// PKCS#8 header of an Ed25519 private key (RFC 8410 §7): SEQUENCE, version 0, OID 1.3.101.112, OCTET STRING(OCTET STRING(32)).
    static let ed25519PKCS8Prefix: [UInt8] = [0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]
    private static let rsaOID: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
    private static let ecOID: [UInt8] = [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
    private static let ed448OID: [UInt8] = [0x06, 0x03, 0x2B, 0x65, 0x71]
    private static let dsaOID: [UInt8] = [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x38, 0x04, 0x01]

    private static func rsaLine(pem: String) throws(ImportError) -> String {
        let key: _RSA.Signing.PrivateKey
        // unsafePEMRepresentation: keys under 2048 bits are still keys; no evidence says PrivX refuses them.
        do { key = try _RSA.Signing.PrivateKey(unsafePEMRepresentation: pem) } catch { throw .broken("the RSA key is damaged") }
        do { return try rsaLine(key.publicKey) } catch { throw .broken("the RSA key is damaged") }
    }

    /// The `openssh-key-v1` container (OpenSSH PROTOCOL.key): the public key blob is stored in clear.
    private static func openSSHLine(_ bytes: [UInt8]) throws(ImportError) -> String {
        var reader = SSHReader(bytes)
        guard reader.take(15) == Array("openssh-key-v1\0".utf8) else { throw .broken("not an openssh-key-v1 key") }
        guard let cipher = reader.string(), let _ = reader.string(), let _ = reader.string(), let count = reader.uint32() else {
            throw .broken("the OpenSSH key is truncated")
        }
        if cipher != Array("none".utf8) { throw .encrypted }
        guard count == 1, let blob = reader.string() else { throw .broken("the OpenSSH key holds \(count) keys, not one") }
        var inner = SSHReader(blob)
        guard let type = inner.string().map({ String(decoding: $0, as: UTF8.self) }) else { throw .broken("the OpenSSH key is truncated") }
        guard let privatePart = reader.string(), privatePart.count >= 8, privatePart[0..<4] == privatePart[4..<8] else {
            throw .broken("the OpenSSH key's private part is damaged")
        }
        switch type {
        case "ssh-rsa", "ssh-ed25519":
            return type + " " + Data(blob).base64EncodedString()
        case let other where other.hasPrefix("ecdsa-"): throw .unsupported("ECDSA")
        case "ssh-dss": throw .unsupported("DSA")
        default: throw .unsupported(type)
        }
    }

    // MARK: Wire form (RFC 4253 §6.6, RFC 8709)

    private static func rsaLine(_ key: _RSA.Signing.PublicKey) throws -> String {
        let primitives = try key.getKeyPrimitives()
        var blob = sshString(Array("ssh-rsa".utf8))
        blob += sshString(mpint([UInt8](primitives.publicExponent)))
        blob += sshString(mpint([UInt8](primitives.modulus)))
        return "ssh-rsa " + Data(blob).base64EncodedString()
    }

    static func ed25519Line(publicKey: [UInt8]) -> String {
        let blob = sshString(Array("ssh-ed25519".utf8)) + sshString(publicKey)
        return "ssh-ed25519 " + Data(blob).base64EncodedString()
    }

    private static func sshString(_ bytes: [UInt8]) -> [UInt8] {
        let count = UInt32(bytes.count)
        return [UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)] + bytes
    }

    private static func mpint(_ bytes: [UInt8]) -> [UInt8] {
        let trimmed = Array(bytes.drop { $0 == 0 })
        if let first = trimmed.first, first & 0x80 != 0 { return [0] + trimmed }
        return trimmed
    }
}

/// Reads SSH wire-format fields (uint32 lengths, big endian) without ever trapping on short input.
private struct SSHReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func uint32() -> Int? {
        guard let four = take(4) else { return nil }
        return four.reduce(0) { $0 << 8 | Int($1) }
    }

    mutating func string() -> [UInt8]? {
        guard let count = uint32() else { return nil }
        return take(count)
    }
}

private extension Array where Element == UInt8 {
    func containsSequence(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        for start in 0...(count - needle.count) where self[start..<start + needle.count].elementsEqual(needle) { return true }
        return false
    }
}
