import PrivXAPI

/// Checks a role edited as JSON outside the console (F4, `$EDITOR`) and turns it into a form draft:
/// the JSON must parse, the form's keys must have the contract's types and pass the form's own
/// validation. Keys the form does not edit are not taken, and the person is told which ones changed.
public enum RoleJSONEdit {
    /// A usable edit: the new draft and the keys whose changes were not taken.
    public struct Accepted: Sendable, Equatable {
        /// The form's draft with the edit taken.
        public var draft: RoleDraft
        /// Document keys changed in the file that the form does not edit (not taken).
        public var ignoredKeys: [String]
    }

    /// The document keys the form edits (and so takes from an external edit).
    public static let formKeys = Set(RoleFormField.documentKeys)

    /// The JSON written for the editor: the role as the form would save `draft` over `base`, indented.
    public static func text(of draft: RoleDraft, over base: Role) -> String {
        JSONSerializer.string(draft.applied(to: base).json, pretty: true) + "\n"
    }

    /// Takes `text` as the edited version of `draft` (an edit of `base`), or says what is wrong (and where).
    public static func accept(_ text: String, into draft: RoleDraft, over base: Role) -> Result<Accepted, JSONEditProblem> {
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONParser.parse(text)
        } catch {
            let (line, column) = position(ofByte: error.offset, in: text)
            return .failure(JSONEditProblem(message: "The file is not valid JSON: \(error.reason) at line \(line), column \(column)."))
        }
        guard let object = value.objectValue else {
            return .failure(JSONEditProblem(message: "The file must hold one JSON object (the role), not \(kind(of: value))."))
        }
        let written = draft.applied(to: base).document
        if let problem = typeProblem(changedFormKeys(object, since: written)) { return .failure(JSONEditProblem(message: problem)) }
        let edited = Role(document: object)
        if draft.system, edited.name != draft.name {
            return .failure(JSONEditProblem(message: "\(base.name) is a \(RoleDraft.systemRenameReason): put \u{201C}name\u{201D} back to \u{201C}\(draft.name)\u{201D}."))
        }
        var draft = draft
        draft.take(RoleDraft(edited))
        if let (key, problem) = draft.problems.sorted(by: { $0.key < $1.key }).first {
            return .failure(JSONEditProblem(message: "\(key): \(problem)"))
        }
        let keys = written.keys + object.keys.filter { !written.keys.contains($0) }
        let ignored = keys.filter { !formKeys.contains($0) && written[$0] != object[$0] }
        return .success(Accepted(draft: draft, ignoredKeys: ignored))
    }

    /// The form keys the file changed against what was written (inside `context`, the changed keys only), plus
    /// the name, which is always required: an untouched value is never a reason to refuse the edit, whatever the
    /// server sent (a disabled context with `""` times, a rule tree this console would not write).
    static func changedFormKeys(_ object: JSONObject, since written: JSONObject) -> JSONObject {
        var out = JSONObject()
        for key in written.keys + object.keys where formKeys.contains(key) && out[key] == nil {
            guard let value = object[key], value != written[key] else { continue }
            if key == "context", let edited = value.objectValue, let before = written[key]?.objectValue {
                var context = JSONObject()
                for member in edited.keys where edited[member] != before[member] { context[member] = edited[member] }
                out[key] = .object(context)
            } else {
                out[key] = value
            }
        }
        out["name"] = object["name"]
        return out
    }

    /// The first value of a form key with the wrong JSON type, said with its path.
    static func typeProblem(_ role: JSONObject) -> String? {
        func expect(_ path: String, _ value: JSONValue?, _ wanted: String, optional: Bool = true) -> String? {
            guard let value, !value.isNull else { return optional ? nil : "\u{201C}\(path)\u{201D} is missing: it must be \(wanted)." }
            let ok: Bool
            switch wanted {
            case "a string": ok = value.stringValue != nil
            case "true or false": ok = value.boolValue != nil
            case "a list of strings": ok = value.stringArray != nil
            case "an object": ok = value.objectValue != nil
            default: ok = true
            }
            return ok ? nil : "\u{201C}\(path)\u{201D} must be \(wanted), not \(kind(of: value))."
        }
        // The form's fields in form order: the top-level keys first (`context` as an object), then the context's members.
        var checks: [String?] = []
        for key in RoleFormField.documentKeys {
            let field = RoleFormField.all.first { $0.path == key }
            checks.append(expect(key, role[key], field?.jsonType ?? "an object", optional: field?.required != true))
        }
        if let first = checks.compactMap({ $0 }).first { return first }
        if let context = role["context"]?.objectValue {
            let contextChecks = RoleFormField.all.filter { $0.path.hasPrefix("context.") }.map { field in
                expect(field.path, context[String(field.path.dropFirst("context.".count))], field.jsonType)
            }
            if let first = contextChecks.compactMap({ $0 }).first { return first }
            let days = ContextSchedule.weekdayCodes
            if let bad = context["validity"]?.stringArray?.first(where: { !days.contains($0.uppercased()) }) {
                return "context.validity: \u{201C}\(bad)\u{201D} is not a weekday code (\(days.joined(separator: ", ")))."
            }
        }
        if let rules = role["source_rules"]?.objectValue { return ruleProblem(rules, path: "source_rules") }
        return nil
    }

    static func ruleProblem(_ node: JSONObject, path: String) -> String? {
        let type = node["type"]?.stringValue?.uppercased()
        switch type {
        case "GROUP":
            let match = node["match"]?.stringValue?.uppercased()
            guard match == "ANY" || match == "ALL" else { return "\(path).match must be \u{201C}ANY\u{201D} or \u{201C}ALL\u{201D}." }
        case "RULE":
            guard node["source"]?.stringValue != nil else { return "\(path).source must be a directory id (a string)." }
            guard node["search_string"]?.stringValue != nil else { return "\(path).search_string must be an LDAP filter (a string)." }
        default:
            return "\(path).type must be \u{201C}GROUP\u{201D} or \u{201C}RULE\u{201D}."
        }
        guard let children = node["rules"], !children.isNull else { return nil }
        guard let items = children.arrayValue else { return "\(path).rules must be a list of rule objects." }
        for (index, child) in items.enumerated() {
            guard let object = child.objectValue else { return "\(path).rules[\(index)] must be an object." }
            if let problem = ruleProblem(object, path: "\(path).rules[\(index)]") { return problem }
        }
        return nil
    }

    static func kind(of value: JSONValue) -> String {
        if value.isNull { return "null" }
        if value.stringValue != nil { return "a string" }
        if value.boolValue != nil { return "true/false" }
        if value.arrayValue != nil { return "a list" }
        if value.objectValue != nil { return "an object" }
        return "a number"
    }

    /// 1-based line and column of a byte offset.
    static func position(ofByte offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for byte in text.utf8.prefix(max(0, offset)) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}

/// Why an external edit was not taken, in words for the person.
public struct JSONEditProblem: Error, Sendable, Equatable {
    /// What is wrong and where, to show as is.
    public var message: String
}
