import ArgumentParser
import PrivXAPI
import RoleEditing

/// What the role write commands print: one entry per role (what was done, or why not, and the changed
/// fields), as lines for people or, with `--json`, one JSON document on stdout. Roles that were refused or
/// failed are named again on stderr and make the exit code 1.
struct RoleReport {
    struct Entry {
        var role: String
        var id: String
        /// `create`, `update`, `delete`, `set-context`.
        var action: String
        /// `applied`, `unchanged`, `refused`, `failed`, or `planned` (a plan not applied).
        var result: String
        var detail: String?
        var changes: [DocumentDiff.Change] = []
        var file: String?
    }

    var entries: [Entry] = []
    /// Notes for people (ignored server-owned keys, ...): on stderr, and in the JSON.
    var notes: [String] = []
    /// Leading entries printed already (apply's refusals, shown in its plan): not printed again, still counted.
    var alreadyPrinted = 0

    var notDone: [Entry] { entries.filter { $0.result == "refused" || $0.result == "failed" } }

    mutating func add(_ entry: Entry) { entries.append(entry) }

    /// The entry for a guarded write's outcome.
    static func entry(_ outcome: RoleWriteOutcome, role: String, id: String, action: String,
                      changes: (Role) -> [DocumentDiff.Change] = { _ in [] }) -> Entry {
        switch outcome {
        case .applied(let after, let lost):
            let detail = lost.map { "verified by re-reading: the answer to the write was lost (\($0.kind))" }
            return Entry(role: after.name.isEmpty ? role : after.name, id: after.id.isEmpty ? id : after.id, action: action,
                         result: "applied", detail: detail, changes: changes(after))
        case .unchanged(let current):
            return Entry(role: current.name, id: current.id, action: action, result: "unchanged", detail: "the server already holds this")
        case .refused(let why):
            return Entry(role: role, id: id, action: action, result: "refused", detail: why)
        }
    }

    /// Runs one role's write; an error (the server refused, the answer was lost and the re-read could not
    /// decide) becomes that role's `failed` entry, so the other roles still run.
    static func attempt(role: String, id: String, action: String, _ body: () async throws -> Entry) async -> Entry {
        do {
            return try await body()
        } catch {
            let message = (error as? PrivXError)?.description ?? String(describing: error)
            return Entry(role: role, id: id, action: action, result: "failed", detail: message)
        }
    }

    /// Prints the report; throws exit code 1 when a role was refused or failed (after naming them on stderr).
    func finish(json: Bool) throws {
        for note in notes { Output.error("note: " + note) }
        if json {
            Output.json(.object(JSONObject(["results": .array(entries.map(Self.json)), "notes": .array(notes.map(JSONValue.string))])))
        } else {
            for entry in entries.dropFirst(alreadyPrinted) { Output.line(Self.text(entry)) }
        }
        let failed = notDone
        guard !failed.isEmpty else { return }
        Output.error("\(failed.count) role(s) not changed: " + failed.map(\.role).joined(separator: ", ") + " (see above why)")
        throw ExitCode(1)
    }

    static func text(_ entry: Entry) -> String {
        var line = "\(entry.role): \(entry.action) \(entry.result)"
        if let detail = entry.detail { line += " \u{2014} " + detail }
        for change in entry.changes { line += "\n    \(change.path): \(change.describe())" }
        return line
    }

    static func json(_ entry: Entry) -> JSONValue {
        var object = JSONObject()
        object["role"] = .string(entry.role)
        object["id"] = .string(entry.id)
        if let file = entry.file { object["file"] = .string(file) }
        object["action"] = .string(entry.action)
        object["result"] = .string(entry.result)
        if let detail = entry.detail { object["detail"] = .string(detail) }
        object["changes"] = .array(entry.changes.map { change in
            .object(JSONObject(["field": .string(change.path), "before": change.before ?? .null, "after": change.after ?? .null]))
        })
        return .object(object)
    }
}
