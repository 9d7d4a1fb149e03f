import Foundation
import PrivXAPI
import RoleConsole
import TerminalUI

/// Hand-written roles and AWS roles with fixed timestamps, so golden screens never change by themselves.
enum Fixtures {
    static func json(_ text: String) -> JSONObject {
        (try? JSONParser.parse(text))?.objectValue ?? JSONObject()
    }

    static let sourceID = "aaaaaaaa-0000-4000-8000-000000000001"

    static let roles: [Role] = [
        role(id: "r-admin", name: "privx-admin", system: true, perms: ["roles-manage", "roles-view", "users-view", "sources-view"],
             members: 2, tags: [], context: nil, rule: #"{"type":"GROUP","match":"ANY","rules":[]}"#),
        role(id: "r-linux", name: "linux-admins", perms: ["hosts-view", "hosts-manage", "connections-view"], members: 12,
             tags: ["prod", "ops"],
             context: #"{"enabled":true,"block_role":true,"validity":["MON","TUE","WED","THU","FRI"],"start_time":"08:00","end_time":"17:00","timezone":"Europe/Helsinki","ip_masks":["0.0.0.0/0"]}"#,
             rule: #"{"type":"GROUP","match":"ANY","rules":[{"type":"RULE","source":"\#(sourceID)","search_string":"(memberOf=cn=linux,ou=groups)","rules":[]},{"type":"RULE","source":"unknown-source","search_string":"(cn=alice)","rules":[]}]}"#),
        role(id: "r-db", name: "db-readonly", perms: ["connections-view"], members: 40, tags: ["db"], context: nil,
             rule: #"{"type":"GROUP","match":"ALL","rules":[{"type":"RULE","source":"\#(sourceID)","search_string":"(department=data)","rules":[]}]}"#),
        role(id: "r-ops", name: "ops-oncall", perms: ["connections-view", "connections-manual"], members: 5, tags: ["ops"],
             context: #"{"enabled":true,"block_role":false,"validity":[],"start_time":"22:00","end_time":"06:00","timezone":"UTC","ip_masks":["10.0.0.0/8"]}"#,
             rule: #"{"type":"GROUP","match":"ANY","rules":[]}"#),
        role(id: "r-evil", name: "evil\u{1B}[31mred", perms: [], members: 0, tags: [], context: nil,
             rule: #"{"type":"GROUP","match":"ANY","rules":[]}"#),
    ]

    static func role(id: String, name: String, system: Bool = false, perms: [String], members: Int, tags: [String],
                     context: String?, rule: String) -> Role {
        var document = JSONObject()
        document["id"] = .string(id)
        document["name"] = .string(name)
        document["comment"] = .string("Fixture role \(name.prefix(12))")
        document["permissions"] = .array(perms.map(JSONValue.string))
        document["tags"] = .array(tags.map(JSONValue.string))
        document["member_count"] = .int(members)
        document["explicit_count"] = .int(members / 4)
        document["system"] = .bool(system)
        document["updated"] = .string("2026-11-20T14:02:33Z")
        document["updatedby"] = .string("alice")
        document["source_rules"] = .object(json(rule))
        if let context { document["context"] = .object(json(context)) }
        return Role(document: document)
    }

    static let awsRoles: [AWSRole] = [
        aws(id: "a-prod", name: "aws-prod-admin", arn: "arn:aws:iam::123456789012:role/admin/aws-prod-admin", status: "OK",
            roles: [("r-linux", "linux-admins"), ("r-db", "db-readonly")]),
        aws(id: "a-ro", name: "aws-readonly", arn: "arn:aws:iam::123456789012:role/aws-readonly", status: "OK", roles: []),
        aws(id: "a-old", name: "aws-legacy-ops", arn: "arn:aws:iam::210987654321:role/legacy/ops/aws-legacy-ops", status: "MISSING",
            roles: [("r-ops", "ops-oncall")]),
    ]

    static func aws(id: String, name: String, arn: String, status: String, roles: [(String, String)]) -> AWSRole {
        var document = JSONObject()
        document["id"] = .string(id)
        document["name"] = .string(name)
        document["arn"] = .string(arn)
        document["description"] = .string("Fixture AWS role \(name)")
        document["source"] = .string(sourceID)
        document["status"] = .string(status)
        document["updated"] = .string("2026-11-19T09:00:00Z")
        document["roles"] = .array(roles.map { RoleRef(id: $0.0, name: $0.1).json })
        return AWSRole(document: document)
    }

    static let sources: [Source] = [Source(document: json(#"{"id":"\#(sourceID)","name":"Corporate AD","connection":{"type":"AD"}}"#))]

    /// A state with the fixtures loaded at a fixed time.
    static func loadedState(width: Int = 100, height: Int = 30, readOnly: Bool = false) -> AppState {
        var state = AppState(settings: ConsoleSettings(endpoint: "privx.example.com", identity: "client 5c1e6d0a", readOnly: readOnly),
                             size: Size(width: width, height: height))
        _ = Console.update(&state, .tick(1_763_650_000))
        _ = Console.start(&state)
        _ = Console.update(&state, .sourcesLoaded(sources))
        _ = Console.update(&state, .rolesLoaded(roles))
        _ = Console.update(&state, .awsRolesLoaded(awsRoles, rescanned: false))
        _ = Console.update(&state, .tick(1_763_650_012))
        return state
    }

    /// Feeds keys; returns every effect asked for.
    @discardableResult
    static func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { Console.update(&state, .key($0)) }
    }

    /// Lets the clock pass until the detail pane follows a selection that moved.
    static func rest(_ state: inout AppState) {
        _ = Console.update(&state, .tick(state.now + DetailHold.settleSeconds + 0.01))
    }

    /// linux-admins open in the role form.
    static func editing(width: Int = 100, height: Int = 30) -> AppState {
        var state = loadedState(width: width, height: height)
        press(&state, .down, .character("e"))
        return state
    }

    /// Tabs through the form until `field` has the keyboard.
    static func focus(_ state: inout AppState, _ field: RoleEditor.Focus) {
        while state.editor.map({ $0.focus != field }) == true { press(&state, .tab) }
    }

    /// Types text as character keys.
    @discardableResult
    static func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { Console.update(&state, .key(.character($0))) }
    }
}
