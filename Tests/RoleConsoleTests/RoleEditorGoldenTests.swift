import Foundation
import PrivXAPI
import RoleConsole
import TerminalUI
import Testing

/// The role form, its context part, the save diff and the conflict dialog, compared with golden files.
@MainActor @Suite struct RoleEditorGoldenTests {
    /// linux-admins open in the form at 100×30.
    func editing(width: Int = 100, height: Int = 30) -> AppState { Fixtures.editing(width: width, height: height) }

    func focus(_ state: inout AppState, _ field: RoleEditor.Focus) { Fixtures.focus(&state, field) }

    @Test func roleForm() {
        var state = editing()
        Golden.check("editor-form", snapshot(state))
        focus(&state, .permissions)
        Golden.check("editor-permissions", snapshot(state))
        Golden.check("editor-form-80x24", snapshot(editing(width: 80, height: 24)))
    }

    @Test func contextEditorWithProblemsAndPreview() {
        var state = editing()
        focus(&state, .end)
        for _ in 0..<5 { Fixtures.press(&state, .backspace) }
        Fixtures.type(&state, "06:00")
        focus(&state, .start)
        for _ in 0..<5 { Fixtures.press(&state, .backspace) }
        Fixtures.type(&state, "22:00")
        focus(&state, .timeZone)
        Fixtures.press(&state, .backspace, .backspace, .backspace)
        Golden.check("editor-context-timezone", snapshot(state))
        focus(&state, .ipMasks)
        Fixtures.press(&state, .character("a"))
        Fixtures.type(&state, "10.0.0.1")
        Fixtures.press(&state, .enter)
        Golden.check("editor-context-ipranges", snapshot(state))
    }

    @Test func rulesEditorTreeFilterErrorChooserAndRawJSON() {
        var state = editing(width: 80, height: 24)
        Fixtures.press(&state, .function(3))
        Golden.check("editor-rules-tree", snapshot(state))
        Fixtures.press(&state, .down, .enter, .backspace)
        Golden.check("editor-rules-filter-error", snapshot(state))
        Fixtures.press(&state, .enter, .home, .character("a"))
        Golden.check("editor-rules-source-chooser", snapshot(state))
        Fixtures.press(&state, .escape, .character("t"))
        Golden.check("editor-rules-json", snapshot(state))
    }

    @Test func rulesChangeInTheSaveDiffAndSmallTerminals() {
        var state = editing(width: 80, height: 24)
        Fixtures.press(&state, .function(3), .character("a"), .enter)
        Fixtures.type(&state, "(department=ops)")
        Fixtures.press(&state, .enter, .home, .character("m"), .function(2))
        Golden.check("editor-rules-save-diff", snapshot(state))
        for size in [Size(width: 60, height: 16), Size(width: 50, height: 12)] {
            var small = editing(width: size.width, height: size.height)
            Fixtures.press(&small, .function(3), .down, .enter, .backspace)
            #expect(snapshot(small).contains("Corporate AD"))
            Fixtures.press(&small, .escape, .character("t"), .pageDown, .pageDown)
            #expect(snapshot(small).contains("Raw JSON"))
        }
    }

    @Test func systemRoleFormAndItsHelp() {
        var state = Fixtures.loadedState(width: 80, height: 24)
        Fixtures.press(&state, .character("e"))
        Golden.check("editor-system-role", snapshot(state))
        Fixtures.press(&state, .function(1))
        Golden.check("editor-help-system-role", snapshot(state))
    }

    @Test func externalEditRefused() {
        var state = editing(width: 80, height: 24)
        _ = Console.update(&state, .externalEditDone(.edited("{\"name\": \"linux-admins\", \"tags\": [\"prod\",]}")))
        Golden.check("editor-external-edit-error", snapshot(state))
    }

    @Test func saveDiffAndConflict() throws {
        var state = editing()
        focus(&state, .comment)
        Fixtures.type(&state, " (edited)")
        focus(&state, .days)
        Fixtures.press(&state, .character("a"))
        Fixtures.press(&state, .function(2))
        Golden.check("editor-save-diff", snapshot(state))
        var theirs = Fixtures.roles[1]
        theirs.tags = ["prod"]
        theirs.document["updatedby"] = .string("alice")
        theirs.document["updated"] = .string("2026-11-23T09:00:00Z")
        let save = try #require(Fixtures.press(&state, .character("y")).first?.operationID)
        _ = Console.update(&state, .finished(save, .roleSaveConflict(current: theirs)))
        Golden.check("editor-conflict", snapshot(state))
    }
}

/// The evaluate inspector: gain/lose list, a user's detail, and the count-only case.
@MainActor @Suite struct EvaluateInspectorGoldenTests {
    static func user(_ id: String, _ principal: String, explicit: Bool = false) -> User {
        var document = Fixtures.json(#"{"id":"\#(id)","principal":"\#(principal)","full_name":"\#(principal.capitalized) Example","email":"\#(principal)@example.com","source":"\#(Fixtures.sourceID)","department":"ops","distinguished_name":"cn=\#(principal),ou=people","attributes":[{"key":"title","value":"engineer"}]}"#)
        if explicit { document["explicit"] = .bool(true) }
        return User(document: document)
    }

    @Test func gainLoseListDetailAndCountOnly() {
        var state = Fixtures.loadedState()
        let members = [Self.user("u1", "alice"), Self.user("u2", "bob"), Self.user("u3", "carol", explicit: true)]
        let users = [Self.user("u1", "alice"), Self.user("u4", "dave")]
        _ = Console.update(&state, .evaluated(EvaluateInspector(roleName: "linux-admins", count: 2, users: users, members: members)))
        Golden.check("evaluate-inspector", snapshot(state))
        Fixtures.press(&state, .down, .enter)
        Golden.check("evaluate-user-detail", snapshot(state))
        Fixtures.press(&state, .escape, .escape)
        _ = Console.update(&state, .evaluated(EvaluateInspector(roleName: "everyone", count: 25_000, users: nil, members: [])))
        Golden.check("evaluate-count-only", snapshot(state))
    }
}

/// The delete confirmation with the typed name.
@MainActor @Suite struct DeleteRoleGoldenTests {
    @Test func typedDeleteConfirmation() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down, .character("d"))
        Golden.check("roles-delete-typed", snapshot(state))
    }
}
