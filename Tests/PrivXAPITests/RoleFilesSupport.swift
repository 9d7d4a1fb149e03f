import Foundation
@testable import PrivXAPI
import RoleStoreSimulator

/// Helpers of the "roles as files" suites: the binary run with standard input, role files read and
/// rewritten as a person would, and the server's roles by name.
enum RoleFilesSupport {
    /// Runs `privx-roles` with `input` on its standard input.
    static func run(_ arguments: [String], environment: [String: String], input: String) async throws -> CommandResult {
        try await PrivXRolesBinary.run(arguments, environment: environment, input: input)
    }

    /// The demo admin's environment, a fresh export of every role in `roles/`, and the roles as exported.
    static func exported(_ server: SimulatorServer) async throws -> (environment: [String: String], folder: URL, before: [String: Role]) {
        let environment = try PrivXRolesBinary.environment(for: server)
        let folder = try temporaryDirectory().appendingPathComponent("roles")
        let export = try await PrivXRolesBinary.run(["roles", "export", folder.path], environment: environment)
        guard export.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: export.stderr]) }
        return (environment, folder, try await roles(server))
    }

    /// The JSON object in a file.
    static func readObject(_ url: URL) throws -> JSONObject {
        let data = try Data(contentsOf: url)
        guard let object = try JSONParser.parse(Array(data)).objectValue else { throw CocoaError(.fileReadCorruptFile) }
        return object
    }

    /// Rewrites a role file the way an editor would: indented JSON.
    static func write(_ object: JSONObject, to url: URL) throws {
        try Data((JSONSerializer.string(.object(object), pretty: true) + "\n").utf8).write(to: url)
    }

    /// Edits the role file at `url` in place.
    static func edit(_ url: URL, _ change: (inout JSONObject) -> Void) throws {
        var object = try readObject(url)
        change(&object)
        try write(object, to: url)
    }

    /// The manifest entries of an export: file → (id, name).
    static func manifest(in folder: URL) throws -> [String: (id: String, name: String)] {
        let root = try JSONParser.parse(Array(try Data(contentsOf: folder.appendingPathComponent("privx-roles.manifest"))))
        var out: [String: (id: String, name: String)] = [:]
        for item in root["roles"]?.arrayValue ?? [] {
            out[item["file"]?.stringValue ?? ""] = (item["id"]?.stringValue ?? "", item["name"]?.stringValue ?? "")
        }
        return out
    }

    /// Every role on the server, by id, as whole documents.
    static func roles(_ server: SimulatorServer) async throws -> [String: Role] {
        let all = try await using(makeClient(server)) { try await $0.allRoles() }
        return Dictionary(uniqueKeysWithValues: all.map { ($0.id, Role(document: $0.document)) })
    }

    /// The file a role was exported to.
    static func file(of name: String, in folder: URL) throws -> URL {
        let entry = try manifest(in: folder).first { $0.value.name == name }
        guard let entry else { throw CocoaError(.fileNoSuchFile) }
        return folder.appendingPathComponent(entry.key)
    }

    /// The plan entries of `roles apply --json`: (action, role, changed field paths).
    static func plan(_ stdout: String) throws -> [(action: String, role: String, result: String, fields: [String])] {
        let root = try JSONParser.parse(stdout)
        return (root["plan"]?.arrayValue ?? []).map { entry in
            (entry["action"]?.stringValue ?? "", entry["role"]?.stringValue ?? "", entry["result"]?.stringValue ?? "",
             (entry["changes"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue })
        }
    }

    /// The document without the keys the server rewrites on every write.
    static func withoutStamps(_ document: JSONObject) -> JSONObject {
        var out = document
        for key in ["updated", "updatedby", "updated_by"] { out[key] = nil }
        return out
    }
}
