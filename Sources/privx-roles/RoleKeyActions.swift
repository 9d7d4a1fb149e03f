import Foundation
import PrivXAPI

/// What `roles keys` does once the role is known: each write verified (a lost answer is settled by
/// re-reading the role's keys), results on stdout, progress and warnings on stderr.
struct RoleKeyActions {
    let client: PrivXClient
    let role: Role
    let json: Bool

    /// The warning every delete carries (shared with the console).
    static let hostsKeepKey = PrincipalKey.hostsKeepKey

    func generate(wait: Bool, bound: Double) async throws {
        let written = try await client.generatePrincipalKeyVerified(roleID: role.id)
        guard var key = written.value else { throw lost("generate") }
        noteLostAnswer(written.writeError)
        if wait && !key.isReady {
            Output.error("generating a key pair for \(role.name) (key \(key.id))...")
            key = try await PrincipalKeyGeneration(bound: bound).wait(api: client, roleID: role.id, keyID: key.id) { poll, waited in
                Output.error(String(format: "  not ready yet (poll %d, %.1f s)", poll, waited))
            }
        }
        if json {
            Output.json(Self.jsonValue(key))
        } else if key.isReady {
            Output.line("generated principal key for \(role.name): " + Self.describe(key))
        } else {
            Output.line("generating principal key \(key.id) for \(role.name); the server fills in its public key shortly "
                + "(use --wait, or run 'privx-roles roles keys \(role.id)' again)")
        }
    }

    func importKey(_ privateKey: PrivateKeyFile) async throws {
        let written = try await client.importPrincipalKeyVerified(roleID: role.id, privateKey: privateKey)
        guard let key = written.value else { throw lost("import") }
        noteLostAnswer(written.writeError)
        if json { Output.json(Self.jsonValue(key)) } else { Output.line("imported principal key for \(role.name): " + Self.describe(key)) }
    }

    func delete(_ reference: String) async throws {
        let keys = try await client.principalKeys(roleID: role.id)
        let wanted = reference.hasPrefix("SHA256:") ? reference : "SHA256:" + reference
        var matches = keys.filter { $0.id == reference }
        if matches.isEmpty { matches = keys.filter { $0.parsed?.fingerprint == wanted } }
        guard !matches.isEmpty else {
            throw PrivXError.notFound(kind: "principal key of role \(role.name)", reference: reference)
        }
        guard matches.count == 1 else {
            throw PrivXError.invalidRequest("Several keys of \(role.name) have the fingerprint \(wanted) (ids "
                + matches.map(\.id).joined(separator: ", ") + "); delete one by its id.")
        }
        let key = matches[0]
        let written = try await client.deletePrincipalKeyVerified(roleID: role.id, keyID: key.id)
        guard written.held else {
            throw PrivXError.invalidRequest("The server acknowledged deleting key \(key.id) of \(role.name) but still lists it; "
                + "run 'privx-roles roles keys \(role.id)' and try again.")
        }
        noteLostAnswer(written.writeError)
        Output.line("deleted principal key " + (key.parsed?.fingerprint ?? key.id) + " (id \(key.id)) from \(role.name)")
        Output.error("warning: " + Self.hostsKeepKey)
    }

    static func printList(_ keys: [PrincipalKey], json: Bool) {
        if json {
            Output.json(.array(keys.map(jsonValue)))
            return
        }
        let rows = keys.map { key -> [String] in
            guard key.isReady else { return ["(generating)", "-", key.id, ""] }
            guard let parsed = key.parsed else { return ["(unreadable)", "-", key.id, key.publicKey] }
            return [parsed.summary, parsed.fingerprint, key.id, key.publicKey]
        }
        Output.line(TableFormatter.table(headers: ["TYPE", "FINGERPRINT", "ID", "PUBLIC KEY"], rows: rows))
        Output.error("\(keys.count) key(s)")
    }

    /// The server's `{id, public_key, …}` plus what a script would otherwise compute: type, bits, fingerprint, comment.
    static func jsonValue(_ key: PrincipalKey) -> JSONValue {
        var document = key.document
        if let parsed = key.parsed {
            document["type"] = .string(parsed.typeName)
            document["bits"] = parsed.bits.map { JSONValue.number(String($0)) } ?? .null
            document["fingerprint"] = .string(parsed.fingerprint)
            document["comment"] = parsed.comment.map(JSONValue.string) ?? .null
        }
        return .object(document)
    }

    /// `RSA 4096 SHA256:… (id …)` and the public key line under it.
    static func describe(_ key: PrincipalKey) -> String {
        guard let parsed = key.parsed else { return "id \(key.id)\n\(key.publicKey)" }
        return "\(parsed.summary) \(parsed.fingerprint) (id \(key.id))\n\(key.publicKey)"
    }

    private func noteLostAnswer(_ error: PrivXError?) {
        if let error { Output.error("note: the server's answer was lost (\(error.kind)); the change was verified by re-reading the role's keys") }
    }

    private func lost(_ what: String) -> PrivXError {
        .invalidRequest("The \(what) was sent but the new key of \(role.name) could not be found when its keys were read back; "
            + "run 'privx-roles roles keys \(role.id)' to see what the server holds.")
    }
}
