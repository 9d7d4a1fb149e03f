import Crypto
import Foundation

/// One of a role's principal keys as the role store lists it: `{id, public_key}` (SSHcom/privx-sdk-go
/// api/rolestore/model.go@0652e857 `RolePrincipalKey`). A key being generated has an empty `public_key`.
public struct PrincipalKey: DocumentBacked, Identifiable {
    public var document: JSONObject
    public init(document: JSONObject) { self.document = document }

    /// The key's id within the role.
    public var id: String { string("id") ?? "" }
    /// The OpenSSH public key line placed on target hosts; empty while the server is still generating it.
    public var publicKey: String { string("public_key") ?? "" }
    /// True once the server has filled in the public half.
    public var isReady: Bool { !publicKey.trimmingCharacters(in: .whitespaces).isEmpty }
    /// The public key line read into type, fingerprint and comment; nil while not ready or when unreadable.
    public var parsed: SSHPublicKey? { SSHPublicKey(line: publicKey) }
}

/// An OpenSSH public key line (`type base64-blob [comment]`, sshd(8) AUTHORIZED_KEYS FILE FORMAT) with the
/// fingerprint `ssh-keygen -lf` prints for it, so an admin can match a key here with one on a host.
public struct SSHPublicKey: Sendable, Hashable {
    /// The key type as written in the line, e.g. `ssh-rsa`, `ssh-ed25519`.
    public var type: String
    /// The decoded key blob (RFC 4253 §6.6).
    public var blob: [UInt8]
    /// The comment after the blob; nil when there is none (PrivX's keys carry none).
    public var comment: String?

    /// Reads a line; nil when it has no type and valid base64 blob, or the blob names another type.
    public init?(line: String) {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count >= 2, let data = Data(base64Encoded: fields[1]), !data.isEmpty else { return nil }
        blob = [UInt8](data)
        type = fields[0]
        var wire = SSHWire(blob)
        guard let inner = wire.string(), String(decoding: inner, as: UTF8.self) == type else { return nil }
        let rest = fields.dropFirst(2).joined(separator: " ")
        comment = rest.isEmpty ? nil : rest
    }

    /// `SHA256:` and the unpadded base64 of the SHA-256 of the blob: exactly what `ssh-keygen -lf` prints
    /// (OpenSSH sshkey.c `sshkey_fingerprint`, SSH_FP_BASE64 with the padding stripped).
    public var fingerprint: String {
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }

    /// The type as `ssh-keygen -l` names it: `RSA`, `ED25519`, `ECDSA`, `DSA`, or the type itself.
    public var typeName: String {
        switch type {
        case "ssh-rsa": return "RSA"
        case "ssh-ed25519": return "ED25519"
        case "ssh-dss": return "DSA"
        case let other where other.hasPrefix("ecdsa-sha2-"): return "ECDSA"
        default: return type
        }
    }

    /// The key size in bits (the RSA modulus, 256 for Ed25519); nil for a type not read here.
    public var bits: Int? {
        var wire = SSHWire(blob)
        _ = wire.string()
        switch type {
        case "ssh-rsa":
            guard wire.string() != nil, let modulus = wire.string() else { return nil }
            let digits = Array(modulus.drop { $0 == 0 })
            guard let first = digits.first else { return 0 }
            return (digits.count - 1) * 8 + (8 - first.leadingZeroBitCount)
        case "ssh-ed25519": return 256
        case "ecdsa-sha2-nistp256": return 256
        case "ecdsa-sha2-nistp384": return 384
        case "ecdsa-sha2-nistp521": return 521
        default: return nil
        }
    }

    /// `RSA 4096` or `ED25519 256`: the type column of a key list.
    public var summary: String { bits.map { "\(typeName) \($0)" } ?? typeName }
}

/// Reads SSH wire strings (uint32 length, big endian, then bytes) without trapping on short input.
struct SSHWire {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func string() -> [UInt8]? {
        guard bytes.count - offset >= 4 else { return nil }
        let count = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        guard bytes.count - offset - 4 >= count else { return nil }
        defer { offset += 4 + count }
        return Array(bytes[offset + 4..<offset + 4 + count])
    }
}

extension PrincipalKey {
    /// What every delete of a key says: PrivX does not take keys off hosts (SSHcom/privx-mcp
    /// internal/tools/roles/tool/delete.go@c4e5e382 says so of deleting a role; nothing suggests one key differs).
    public static let hostsKeepKey = "Target hosts that hold this public key keep it: PrivX does not remove it from them. "
        + "Remove it from their authorized keys if it must stop working."
}

extension Role {
    /// The public key lines of the role's finished principal keys, as the role document carries them
    /// (`principal_public_key_strings`, read-only: SSHcom/privx-sdk-go api/rolestore/model.go@0652e857
    /// `Role.PrincipalPublicKeys`; the Terraform provider marks it Computed). Real list pages carry it
    /// (`Tests/RealPrivXCorpus/bat_roles_page_0.json`: `privx-admin`, `privx-user`), and a role without keys
    /// leaves it out ("Test Role"), so the detail pane reads keys from here without a call per role.
    public var principalPublicKeys: [String] { strings("principal_public_key_strings") }
}
