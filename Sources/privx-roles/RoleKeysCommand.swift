import ArgumentParser
import Foundation
import PrivXAPI

/// `privx-roles roles keys ROLE [--generate [--wait] | --import FILE | --delete FINGERPRINT|ID]`: a role's SSH
/// principal keys, whose public halves PrivX places on target hosts.
struct RoleKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "List, generate, import or delete a role's SSH principal keys.",
        discussion: """
            Without an action, lists the keys: type, SHA256 fingerprint (as ssh-keygen -lf prints it), id and \
            public key. Deleting a key (or a role) removes it from PrivX only: target hosts that hold its public \
            key keep it until it is removed there.
            """)

    @Argument(help: "Role name or id.")
    var role: String

    @Flag(name: .long, help: "Ask PrivX to generate a new key pair for the role.")
    var generate = false

    @Flag(name: .long, help: "With --generate: wait (up to --wait-seconds) until the key is ready and print it.")
    var wait = false

    @Option(name: .customLong("wait-seconds"), help: "With --wait: give up after this many seconds.")
    var waitSeconds: Double = 12

    @Option(name: .customLong("import"), help: ArgumentHelp("Import the private key in FILE (PEM); it is sent once and kept nowhere.",
                                                            valueName: "FILE"))
    var importFile: String?

    @Option(name: .long, help: ArgumentHelp("Delete the key with this fingerprint (SHA256:…) or id.", valueName: "FINGERPRINT|ID"))
    var delete: String?

    @Flag(name: .long, help: "JSON: the keys as the server sends them plus type, bits, fingerprint and comment.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        let actions = [generate, importFile != nil, delete != nil].filter { $0 }.count
        if actions > 1 { throw ValidationError("choose one of --generate, --import and --delete") }
        if wait && !generate { throw ValidationError("--wait goes with --generate") }
        guard waitSeconds > 0 else { throw ValidationError("--wait-seconds must be positive") }
        if let importFile, importFile.isEmpty { throw ValidationError("--import needs the path of a PEM private key file") }
    }

    func run() async throws {
        // Read the file before connecting: a wrong path costs no login, and nothing is sent.
        let privateKey: PrivateKeyFile?
        do { privateKey = try importFile.map { path throws(PrivXError) in try PrivateKeyFile(path: path) } } catch {
            throw ValidationError(error.description)
        }
        try await withClient(connection) { client in
            let role = try await ReferenceResolver(api: client).role(self.role)
            if generate {
                try await RoleKeyActions(client: client, role: role, json: json).generate(wait: wait, bound: waitSeconds)
            } else if let privateKey {
                try await RoleKeyActions(client: client, role: role, json: json).importKey(privateKey)
            } else if let delete {
                try await RoleKeyActions(client: client, role: role, json: json).delete(delete)
            } else {
                RoleKeyActions.printList(try await client.principalKeys(roleID: role.id), json: json)
            }
        }
    }
}
