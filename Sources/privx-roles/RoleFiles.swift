import Foundation
import PrivXAPI
import RoleEditing

/// The on-disk form of roles (`roles export`, read back by `roles apply`): one `<name>.json` per role holding
/// only what a person edits, in a stable layout so that `git diff` shows real changes only, and a manifest
/// (`privx-roles.manifest`) holding each role's id, `updated` and server-owned keys.
enum RoleFiles {
    /// The manifest's file name (not `.json`, so it is never taken for a role).
    static let manifestName = "privx-roles.manifest"

    /// The form's keys first in the form's order, then every other key sorted; nested object keys sorted.
    /// Arrays keep their order (it is data). Whatever order the server sends, the file is the same.
    static func canonical(_ editable: JSONObject) -> JSONObject {
        let lead = ["name", "comment", "tags", "permissions", "access_group_id", "permit_agent", "context", "source_rules"]
        let rest = editable.keys.filter { !lead.contains($0) }.sorted()
        var members: [JSONMember] = []
        for key in lead + rest { if let value = editable[key] { members.append(JSONMember(key: key, value: sortedKeys(value))) } }
        return JSONObject(members: members)
    }

    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(JSONObject(members: object.members.sorted { $0.key < $1.key }.map { JSONMember(key: $0.key, value: sortedKeys($0.value)) }))
        case .array(let items):
            return .array(items.map(sortedKeys))
        default:
            return value
        }
    }

    /// The text of a role file: the editable part, canonical, indented by two spaces, ending in a newline; a
    /// character the terminal sanitizer would replace (escape, bidi control, ...) is written as a `\u` escape (the
    /// same JSON), so `cat` or `git diff` of a file never hands server text to a terminal raw.
    static func text(of role: Role) -> String {
        let bytes = Array(JSONSerializer.string(.object(canonical(RoleDocumentCheck.split(role.document).editable)), pretty: true).utf8)
        return String(decoding: TerminalSafeJSON.escape(bytes), as: UTF8.self) + "\n"
    }

    /// A short fingerprint of a role's editable part (FNV-1a, 64 bits, over the canonical bytes): what the
    /// lost-update check compares besides `updated`, which some servers stamp to the second only.
    static func digest(of document: JSONObject) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in JSONSerializer.bytes(.object(canonical(RoleDocumentCheck.split(document).editable))) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A file name for `name`: letters, digits, `.`, `_`, `-` kept, anything else `_`; no leading dot; at most
    /// 100 characters; `-2`, `-3`, ... when the name is taken (compared case-insensitively, as file systems may).
    static func fileName(for name: String, taken: inout Set<String>) -> String {
        var stem = String(name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        }.prefix(100))
        while stem.hasPrefix(".") { stem.removeFirst() }
        if stem.isEmpty { stem = "role" }
        var candidate = stem + ".json"
        var counter = 2
        while taken.contains(candidate.lowercased()) || candidate == manifestName {
            candidate = "\(stem)-\(counter).json"
            counter += 1
        }
        taken.insert(candidate.lowercased())
        return candidate
    }
}

/// What an export knew about each role: the basis of `roles apply`'s lost-update check and the home of the
/// server-owned keys, kept out of the role files.
struct RoleManifest: Sendable {
    struct Entry: Sendable {
        var file: String
        var id: String
        var name: String
        var updated: String?
        var digest: String
        /// The server-owned keys as exported (`created`, `author`, `member_count`, ...), for reference.
        var serverOwned: JSONObject
    }

    /// Entries by file name.
    var entries: [String: Entry] = [:]
    /// The `--filter` of the export (nil: every role was exported); recorded for people reading the manifest.
    var filter: String?

    /// The entry of a role as exported to `file`.
    static func entry(for role: Role, file: String) -> Entry {
        Entry(file: file, id: role.id, name: role.name, updated: role.updated, digest: RoleFiles.digest(of: role.document),
              serverOwned: RoleDocumentCheck.split(role.document).serverOwned)
    }

    var json: JSONValue {
        var root = JSONObject()
        root["format"] = .string("privx-roles export 1")
        root["note"] = .string("Written by privx-roles export and apply: each role file's id and the updated stamp it was "
            + "exported at (apply refuses a role changed on the server since). Do not edit.")
        root["filter"] = filter.map(JSONValue.string) ?? .null
        root["roles"] = .array(entries.keys.sorted().map { file in
            let entry = entries[file]!
            var object = JSONObject()
            object["file"] = .string(entry.file)
            object["id"] = .string(entry.id)
            object["name"] = .string(entry.name)
            object["updated"] = entry.updated.map(JSONValue.string) ?? .null
            object["digest"] = .string(entry.digest)
            object["server"] = RoleFiles.sortedKeys(.object(entry.serverOwned))
            return .object(object)
        })
        return .object(root)
    }

    /// The manifest in `directory`, nil when there is none.
    static func read(in directory: URL) throws -> RoleManifest? {
        let url = directory.appendingPathComponent(RoleFiles.manifestName)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let problem = { (what: String) in
            RoleFileError("\(url.path): \(what). It is written by 'privx-roles roles export'; export again to get a good one.")
        }
        let root: JSONValue
        do throws(JSONParseError) { root = try JSONParser.parse(Array(data)) } catch { throw problem("not valid JSON (\(error.reason))") }
        guard let items = root["roles"]?.arrayValue else { throw problem("no \"roles\" list") }
        var manifest = RoleManifest()
        manifest.filter = root["filter"]?.stringValue
        for item in items {
            guard let file = item["file"]?.stringValue, let id = item["id"]?.stringValue, let digest = item["digest"]?.stringValue else {
                throw problem("an entry lacks \"file\", \"id\" or \"digest\"")
            }
            manifest.entries[file] = Entry(file: file, id: id, name: item["name"]?.stringValue ?? "", updated: item["updated"]?.stringValue,
                                           digest: digest, serverOwned: item["server"]?.objectValue ?? JSONObject())
        }
        return manifest
    }

    /// Writes the manifest into `directory` (a temporary file renamed over the old one).
    func write(in directory: URL) throws {
        try RoleFiles.writeAtomically(JSONSerializer.string(json, pretty: true) + "\n", to: directory.appendingPathComponent(RoleFiles.manifestName))
    }
}

extension RoleFiles {
    /// Writes `text` to a temporary file next to `url` and renames it over `url`, so a reader never sees half a file.
    static func writeAtomically(_ text: String, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw RoleFileError("Could not write \(url.path): \(error.localizedDescription). Check the directory exists and is writable.")
        }
    }

    /// A JSON object read from `path` (or standard input for `-`), or a message saying where it is broken.
    static func readObject(_ path: String) throws -> JSONObject {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let read = FileManager.default.contents(atPath: path) else {
                throw RoleFileError("Cannot read \(path): no such file, or it is not readable.")
            }
            data = read
        }
        let label = path == "-" ? "standard input" : path
        switch RoleDocumentCheck.parse(String(decoding: data, as: UTF8.self)) {
        case .success(let object): return object
        case .failure(let problem): throw RoleFileError("\(label): \(problem.message) Nothing was sent.")
        }
    }
}

/// Bad input in a role file, a manifest or a flag: printed as is on stderr, exit code 2, nothing sent.
struct RoleFileError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
