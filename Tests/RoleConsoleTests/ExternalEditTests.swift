import Foundation
import PrivXAPI
@testable import RoleEditing
import RoleConsole
import TerminalUI
import Testing

/// The `$EDITOR` escape hatch: validation of the edited JSON, the real editor process, and the form's answers.
@MainActor @Suite struct ExternalEditTests {
    func editing(_ row: Int = 1) -> AppState {
        var state = Fixtures.loadedState()
        for _ in 0..<row { Fixtures.press(&state, .down) }
        Fixtures.press(&state, .character("e"))
        return state
    }

    /// The JSON F4 would write, with `change` applied to its object.
    func edited(_ state: AppState, _ change: (inout JSONObject) -> Void) throws -> String {
        let editor = try #require(state.editor)
        var object = try #require(try JSONParser.parse(RoleJSONEdit.text(of: editor.draft, over: editor.base)).objectValue)
        change(&object)
        return JSONSerializer.string(.object(object), pretty: true)
    }

    @Test func f4AsksForTheDraftAsPrettyJSON() throws {
        var state = editing()
        Fixtures.press(&state, .tab)
        Fixtures.type(&state, "unsaved ")
        let effects = Fixtures.press(&state, .function(4))
        guard case .editAsJSON(let text)? = effects.first else { Issue.record("no editAsJSON effect"); return }
        let object = try #require(try JSONParser.parse(text).objectValue)
        #expect(object["comment"]?.stringValue?.hasSuffix("unsaved ") == true)
        #expect(object["id"]?.stringValue == "r-linux")
        #expect(text.contains("\n  \"name\": \"linux-admins\""))
    }

    @Test func aValidEditFillsTheFormAndSavesThroughTheNormalPath() throws {
        var state = editing()
        let text = try edited(state) { object in
            object["comment"] = .string("from the editor")
            object["tags"] = .array([.string("prod")])
            object["member_count"] = .int(99)
        }
        _ = Console.update(&state, .externalEditDone(.edited(text)))
        let editor = try #require(state.editor)
        #expect(editor.stage == .editing)
        #expect(editor.text(.comment).text == "from the editor" && editor.lists[.tags]?.items == ["prod"])
        #expect(state.toasts.toasts.last?.message.contains("comment, tags") == true)
        #expect(state.toasts.toasts.last?.message.contains("member_count") == true)
        Fixtures.press(&state, .function(2))
        guard case .confirming(let changes)? = state.editor?.stage else { Issue.record("no diff"); return }
        #expect(changes.map(\.field) == ["comment", "tags"])
    }

    @Test func brokenJSONKeepsThePreviousDraftAndOffersEditAgainOrDiscard() throws {
        var state = editing()
        Fixtures.press(&state, .tab)
        Fixtures.type(&state, "kept ")
        let before = try #require(state.editor?.draft)
        let broken = "{\n  \"name\": \"linux-admins\",\n  \"tags\": [\"a\",]\n}\n"
        _ = Console.update(&state, .externalEditDone(.edited(broken)))
        guard case .externalEditFailed(let reason, let text)? = state.editor?.stage else { Issue.record("not refused"); return }
        #expect(reason.contains("not valid JSON") && reason.contains("line 3"))
        #expect(text == broken)
        #expect(state.editor?.draft == before)
        let again = Fixtures.press(&state, .character("e"))
        #expect(again == [.editAsJSON(text: broken)])
        _ = Console.update(&state, .externalEditDone(.edited(broken)))
        Fixtures.press(&state, .character("d"))
        #expect(state.editor?.stage == .editing)
        #expect(state.editor?.draft == before)
        #expect(state.editor?.text(.comment).text.hasSuffix("kept ") == true)
    }

    @Test func validationSaysWhatIsWrong() throws {
        let state = editing()
        let editor = try #require(state.editor)
        func problem(_ change: (inout JSONObject) -> Void) throws -> String? {
            if case .failure(let problem) = RoleJSONEdit.accept(try edited(state, change), into: editor.draft, over: editor.base) { return problem.message }
            return nil
        }
        #expect(try problem { $0["tags"] = .string("prod") }?.contains("\u{201C}tags\u{201D} must be a list of strings") == true)
        #expect(try problem { $0["name"] = .null }?.contains("\u{201C}name\u{201D} is missing") == true)
        #expect(try problem { $0["name"] = .string(" ") }?.contains("needs a name") == true)
        #expect(try problem { $0["context"] = .object(Fixtures.json(#"{"start_time":"25:00"}"#)) }?.contains("context.start_time") == true)
        #expect(try problem { $0["context"] = .object(Fixtures.json(#"{"validity":["MO"]}"#)) }?.contains("not a weekday code") == true)
        #expect(try problem { $0["source_rules"] = .object(Fixtures.json(#"{"type":"GROUP","match":"SOME","rules":[]}"#)) }?.contains("match") == true)
        #expect(try problem { $0["source_rules"] = .object(Fixtures.json(#"{"type":"GROUP","match":"ANY","rules":[{"type":"RULE","source":"s","search_string":"(cn=a"}]}"#)) }?.contains("Filter syntax") == true)
        if case .failure(let notObject) = RoleJSONEdit.accept("[1]", into: editor.draft, over: editor.base) { #expect(notObject.message.contains("one JSON object")) } else { Issue.record("array accepted") }
        #expect(try problem { $0["comment"] = .string("fine") } == nil)
    }

    @Test func aSystemRoleKeepsItsName() throws {
        let state = editing(0)
        let editor = try #require(state.editor)
        #expect(editor.draft.system)
        let text = try edited(state) { $0["name"] = .string("renamed-admin") }
        guard case .failure(let problem) = RoleJSONEdit.accept(text, into: editor.draft, over: editor.base) else { Issue.record("rename accepted"); return }
        #expect(problem.message.contains("system role: cannot be renamed"))
    }

    /// A real editor process: a shell script that edits the file in place, then one that fails.
    @Test func runsTheEditorOnAPrivateTempFileAndRemovesIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("privx-editor-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("seen").path
        let script = directory.appendingPathComponent("edit.sh").path
        try """
        #!/bin/sh
        stat -c '%a' "$1" > \(log)
        echo "$1" >> \(log)
        sed -i 's/"old"/"new"/' "$1"
        """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let outcome = ExternalEditor.edit("{\"comment\": \"old\"}\n", environment: ["EDITOR": script, "PATH": "/usr/bin:/bin"])
        #expect(outcome == .edited("{\"comment\": \"new\"}\n"))
        let seen = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(seen.first == "600")
        #expect(seen.count == 2 && !FileManager.default.fileExists(atPath: seen[1]))
        #expect(seen[1].hasSuffix(".json"))

        let failing = ExternalEditor.edit("{}", environment: ["VISUAL": "false", "EDITOR": script, "PATH": "/usr/bin:/bin"])
        guard case .failed(let reason) = failing else { Issue.record("a failing editor was accepted"); return }
        #expect(reason.contains("\u{201C}false\u{201D} exited with status 1") && reason.contains("unchanged"))
        #expect(ExternalEditor.command(environment: [:]) == "vi")
        let env = ExternalEditor.editorEnvironment(["PRIVX_API_CLIENT_SECRET": "s", "PRIVX_API_BEARER_TOKEN": "t",
                                                    "PRIVX_API_OAUTH_CLIENT_SECRET": "o", "PRIVX_API_BASE_URL": "u", "HOME": "/h"])
        #expect(env == ["PRIVX_API_BASE_URL": "u", "HOME": "/h"])
    }

    @Test func systemRolesShowDeleteDisabledWithTheReason() {
        var state = Fixtures.loadedState()
        let hints = ActionRegistry.items(for: .roles, readOnly: false, unavailable: [:], hintsOnly: true, systemRole: true)
        #expect(hints.first { $0.title == "delete" }?.reason == "system role")
        let help = ActionRegistry.items(for: .roles, readOnly: false, unavailable: [:], hintsOnly: false, systemRole: true)
        #expect(help.first { $0.keys == "d Del" }?.reason == RoleDraft.systemDeleteReason)
        #expect(state.roles.list.selected?.role.system == true)
        Fixtures.press(&state, .character("d"))
        #expect(state.modal == nil)
        #expect(state.toasts.toasts.last?.message.contains(RoleDraft.systemDeleteReason) == true)
        Fixtures.press(&state, .character("e"), .character("x"))
        #expect(state.editor?.draft.name == "privx-admin")
        #expect(state.toasts.toasts.last?.message.contains(RoleDraft.systemRenameReason) == true)
        let form = EditorKeys.items(state.editor!, readOnly: false)
        #expect(form.first { $0.title.hasPrefix("Rename") }?.enabled == false)
    }
}
