import Foundation
import PrivXAPI
import RoleEditing

/// An unsaved role form written to disk when the console is stopped by a signal (SSH drop, kill), so
/// the next start can offer it back. Holds role documents only: never a token or a secret.
public struct RecoveryDraft: Sendable, Hashable {
    /// The role's id, or empty for a new role (or copy) that was never saved.
    public var roleID: String
    /// The role's name as the form opened on it (what the offer names).
    public var roleName: String
    /// The `updated` stamp of the role the edits were based on (the lost-update check uses it).
    public var basedOnUpdated: String?
    /// When the draft was written, seconds since 1970.
    public var savedAt: Double
    /// The role as the form opened on it.
    public var base: Role
    /// The whole document with the unsaved edits applied.
    public var draft: Role
    /// The file it was read from or written to.
    public var file: String

    /// A draft of the form `editor`, written at `now`.
    public init(editor: RoleEditor, now: Double, file: String = "") {
        roleID = editor.base.id
        roleName = editor.base.id.isEmpty ? editor.draft.name : editor.base.name
        basedOnUpdated = editor.base.updated
        savedAt = now
        base = editor.base
        draft = editor.draft.applied(to: editor.base)
        self.file = file
    }

    /// The file's JSON: which role, which `updated` it was based on, when, and both documents.
    public var json: JSONValue {
        var object = JSONObject()
        object["format"] = .int(1)
        object["role_id"] = .string(roleID)
        object["role_name"] = .string(roleName)
        object["based_on_updated"] = basedOnUpdated.map(JSONValue.string) ?? .null
        object["saved_at"] = .double(savedAt)
        object["base"] = base.json
        object["draft"] = draft.json
        return .object(object)
    }

    /// Reads a recovery file's JSON; nil when it is not one.
    public init?(json: JSONValue, file: String) {
        guard json["format"]?.intValue == 1, let base = json["base"]?.objectValue, let draft = json["draft"]?.objectValue,
              let roleName = json["role_name"]?.stringValue else { return nil }
        roleID = json["role_id"]?.stringValue ?? ""
        self.roleName = roleName
        basedOnUpdated = json["based_on_updated"]?.stringValue
        savedAt = json["saved_at"]?.doubleValue ?? 0
        self.base = Role(document: base)
        self.draft = Role(document: draft)
        self.file = file
    }

    /// A form over the base role with the recovered edits in it; saving checks `updated` as usual.
    public var editor: RoleEditor {
        var editor = RoleEditor(role: base)
        // The recovered edits on the draft of the base role: only what differs from the base is validated.
        editor.draft.take(RoleDraft(draft))
        editor.reloadInputs()
        return editor
    }

    /// "linux-admins" or "a new role".
    public var subject: String { roleID.isEmpty ? "a new role (\(roleName))" : "role \(roleName)" }
}

/// The directory of recovery files (`$XDG_STATE_HOME/privx-roles`): write, list, remove.
public struct RecoveryStore: Sendable {
    /// The directory the files live in.
    public var directory: String

    /// A store in `directory` (created on the first write, mode 0700).
    public init(directory: String) { self.directory = directory }

    /// `$XDG_STATE_HOME/privx-roles`, else `~/.local/state/privx-roles`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/privx-roles" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/privx-roles"
    }

    /// `recovery-<role id or new>.json` in the directory.
    public func path(for draft: RecoveryDraft) -> String {
        let name = draft.roleID.isEmpty ? "new" : draft.roleID.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        return directory + "/recovery-\(name.isEmpty ? "new" : name).json"
    }

    /// Writes the draft (temp file, mode 0600, fsync, rename); returns the path.
    @discardableResult
    public func write(_ draft: RecoveryDraft) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let target = path(for: draft)
        let temporary = target + ".tmp"
        let bytes = JSONSerializer.bytes(draft.json)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw RecoveryError(path: temporary, reason: String(cString: strerror(errno))) }
        _ = fchmod(fd, 0o600)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        _ = fsync(fd)
        close(fd)
        guard written == bytes.count else {
            unlink(temporary)
            throw RecoveryError(path: temporary, reason: "short write")
        }
        guard rename(temporary, target) == 0 else { throw RecoveryError(path: target, reason: String(cString: strerror(errno))) }
        return target
    }

    /// Every readable recovery file, newest first; unreadable ones are left alone.
    public func load() -> [RecoveryDraft] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("recovery-") && $0.hasSuffix(".json") }.compactMap { name -> RecoveryDraft? in
            let file = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: file), let json = try? JSONParser.parse([UInt8](data)) else { return nil }
            return RecoveryDraft(json: json, file: file)
        }.sorted { $0.savedAt > $1.savedAt }
    }

    /// Removes a recovery file (after it was restored or discarded).
    public func remove(_ file: String) {
        unlink(file)
    }
}

/// A recovery file could not be written.
public struct RecoveryError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "could not write the recovery file \(path): \(reason)" }
}
