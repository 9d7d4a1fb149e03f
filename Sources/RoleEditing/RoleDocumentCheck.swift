import PrivXAPI

/// Checks a whole role document written by a person (a file for `roles create/update` or `roles apply`)
/// against what the server holds, with the F4 (`$EDITOR`) rules: only the form keys the file changed are
/// type-checked and validated, server-owned keys are set aside (the server fills them in), unknown keys
/// are kept, and every key the file leaves as the server has it goes back byte for byte.
public enum RoleDocumentCheck {
    /// Keys the server owns (`id`, `created`, `updated`, `author`, ...): never sent from a file, kept apart in
    /// an export. The same list the console strips from a copy (`NewRoleTemplates.serverKeys`).
    public static var serverKeys: [String] { NewRoleTemplates.serverKeys }

    /// A document split into what a person edits and what the server owns (both in document order).
    public static func split(_ document: JSONObject) -> (editable: JSONObject, serverOwned: JSONObject) {
        let owned = Set(serverKeys)
        return (JSONObject(members: document.members.filter { !owned.contains($0.key) }),
                JSONObject(members: document.members.filter { owned.contains($0.key) }))
    }

    /// The one JSON object of a role file, or where it is broken (line and column, as F4 says it).
    public static func parse(_ text: String) -> Result<JSONObject, JSONEditProblem> {
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONParser.parse(text)
        } catch {
            let (line, column) = RoleJSONEdit.position(ofByte: error.offset, in: text)
            return .failure(JSONEditProblem(message: "not valid JSON: \(error.reason) at line \(line), column \(column)."))
        }
        guard let object = value.objectValue else {
            return .failure(JSONEditProblem(message: "must hold one JSON object (the role), not \(RoleJSONEdit.kind(of: value))."))
        }
        return .success(object)
    }

    /// A checked file: the document to send and what was set aside.
    public struct Checked: Sendable, Equatable {
        /// The whole document to PUT or POST: server-owned keys as the server has them, every key the file
        /// did not change exactly as stored, changed keys as written, new keys at the end.
        public var document: JSONObject
        /// Server-owned keys the file carried, which are not sent (said in a note).
        public var ignoredServerKeys: [String]
    }

    /// `file` as the new version of `current` (the server's document now), or why it cannot be sent.
    public static func update(_ file: JSONObject, over current: Role) -> Result<Checked, JSONEditProblem> {
        let (editable, ignored) = split(file)
        let merged = merge(editable, onto: current.document)
        // Nothing changed: nothing to judge, whatever the server holds (a role it accepted stays as it is).
        if split(merged).editable.isEquivalent(to: split(current.document).editable) {
            return .success(Checked(document: current.document, ignoredServerKeys: ignored.keys))
        }
        let changed = RoleJSONEdit.changedFormKeys(merged, since: current.document)
        if let problem = RoleJSONEdit.typeProblem(changed) { return .failure(JSONEditProblem(message: problem)) }
        let base = RoleDraft(current)
        let edited = Role(document: merged)
        if base.system, edited.name != current.name {
            return .failure(JSONEditProblem(message: "\(current.name) is a \(RoleDraft.systemRenameReason): put \u{201C}name\u{201D} back to \u{201C}\(current.name)\u{201D}."))
        }
        var draft = base
        draft.take(RoleDraft(edited))
        if let problem = describe(draft.problems) { return .failure(JSONEditProblem(message: problem)) }
        return .success(Checked(document: merged, ignoredServerKeys: ignored.keys))
    }

    /// `file` as a new role, or why it cannot be sent. Every form key is type-checked; tags and the access
    /// group are validated as typed; the context's times, zone and ranges only when it is enabled (a disabled
    /// context with `""` times is what real servers hold on built-in roles, Tests/RealPrivXCorpus); the rules
    /// are checked for shape (a filter this console would not write is the server's to judge).
    public static func create(_ file: JSONObject) -> Result<Checked, JSONEditProblem> {
        let (editable, ignored) = split(file)
        if let problem = RoleJSONEdit.typeProblem(editable) { return .failure(JSONEditProblem(message: problem)) }
        if editable["source_rules"] == nil || editable["source_rules"]?.isNull == true {
            return .failure(JSONEditProblem(message: "\u{201C}source_rules\u{201D} is missing: a role needs its mapping rules "
                + "(an empty group maps nobody: {\"type\": \"GROUP\", \"match\": \"ANY\", \"rules\": []})."))
        }
        // The baseline the checks run against: the file itself without tags and access group (so both are
        // checked) and with the context off (so its fields are checked exactly when the file turns it on).
        var baseline = editable
        baseline["tags"] = nil
        baseline["access_group_id"] = nil
        if var context = baseline["context"]?.objectValue {
            context["enabled"] = .bool(false)
            baseline["context"] = .object(context)
        }
        var draft = RoleDraft(Role(document: baseline))
        draft.take(RoleDraft(Role(document: editable)))
        if let problem = describe(draft.problems) { return .failure(JSONEditProblem(message: problem)) }
        return .success(Checked(document: editable, ignoredServerKeys: ignored.keys))
    }

    /// Every problem of a draft, by key in a stable order, in one line (nil when there is none).
    public static func describe(_ problems: [String: String]) -> String? {
        problems.isEmpty ? nil : problems.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: " ")
    }

    /// The document to send when `editable` (a file without server-owned keys) replaces `stored`: the server's
    /// keys and every key whose value is the same JSON as stored (key order aside) are taken from `stored`
    /// byte for byte and in its order; keys the file dropped are dropped; new keys follow in the file's order.
    public static func merge(_ editable: JSONObject, onto stored: JSONObject) -> JSONObject {
        let owned = Set(serverKeys)
        var members: [JSONMember] = []
        for member in stored.members {
            if owned.contains(member.key) {
                members.append(member)
            } else if let value = editable[member.key] {
                members.append(value.isEquivalent(to: member.value) ? member : JSONMember(key: member.key, value: value))
            }
        }
        for member in editable.members where stored[member.key] == nil && !owned.contains(member.key) {
            members.append(member)
        }
        return JSONObject(members: members)
    }
}
