import Foundation
import PrivXAPI
@testable import RoleEditing
import Testing
@testable import RoleConsole

/// The form and `$EDITOR` on the role shapes real PrivX servers send: an untouched field is never a reason to
/// refuse a save; the context's times and zone are required once the limits are turned on or edited.
@Suite struct RealShapeDraftTests {
    /// `privx-user` exactly as a real server lists it (Tests/RealPrivXCorpus/bat_roles_page_0.json).
    static let builtIn = Role(document: Fixtures.json(#"""
    {"id":"a382cd90-336e-41d2-9432-f28e9afe85c9","updated":"2017-04-18T14:23:56.381705Z","author":"Superuser",
     "name":"privx-user","principal_public_key_strings":["ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAACAQCdohGl0v8uYcca"],
     "source_rules":{"type":"GROUP","match":"ANY","rules":[]},"comment":"PrivX Users","system":true,
     "permissions":["authorized-keys-manage","webauthn-credentials-manage","workflows-requests","workflows-requests-on-behalf"],
     "access_group_id":"fcde7572-9781-4d47-bc1d-7977afb11dc3","owner_src":"",
     "context":{"enabled":false,"validity":[],"start_time":"","end_time":"","timezone":"","ip_masks":["0.0.0.0/0"]}}
    """#))
    /// "Test Role" from the same page: non-RFC 4122 access group id, disabled 00:00–00:00 context on every day.
    static let testRole = Role(document: Fixtures.json(#"""
    {"id":"3453395a-2a12-50a5-4fdb-794d567edae0","created":"2024-07-08T17:03:41.188307Z","updated":"2024-07-09T21:21:07.31022Z",
     "author":"c1privxadmin","updatedby":"c1privxadmin","name":"Test Role","permit_agent":true,
     "source_rules":{"type":"GROUP","match":"ANY","rules":[]},"permissions":["vault-manage"],
     "access_group_id":"9030b77b-3360-4dea-7efc-4cd5c818b49b","owner_src":"",
     "context":{"enabled":false,"block_role":true,"validity":["SUN","MON","TUE","WED","THU","FRI","SAT"],
     "start_time":"00:00","end_time":"00:00","timezone":"America/Los_Angeles","ip_masks":["0.0.0.0/0"]}}
    """#))

    @Test func untouchedRealRolesHaveNoProblemsAndGoBackByteForByte() {
        for role in [Self.builtIn, Self.testRole] {
            var draft = RoleDraft(role)
            #expect(draft.problems.isEmpty, "\(role.name): \(draft.problems)")
            draft.comment += " edited"
            #expect(draft.problems.isEmpty)
            var expected = role.document
            expected["comment"] = .string((role.comment ?? "") + " edited")
            #expect(draft.applied(to: role).document == expected)
            #expect(draft.changes(from: role).map(\.field) == ["comment"])
        }
    }

    @Test func turningTheLimitsOnRequiresTimesAndZone() {
        var draft = RoleDraft(Self.builtIn)
        draft.context.enabled = true
        #expect(Set(draft.problems.keys) == ["context.start_time", "context.end_time", "context.timezone"])
        draft.context.start = "08:00"
        draft.context.end = "17:00"
        draft.context.timeZone = "Europe/Helsinki"
        #expect(draft.problems.isEmpty)
        let context = draft.applied(to: Self.builtIn).context
        #expect(context?.enabled == true && context?.startTime == "08:00" && context?.timezone == "Europe/Helsinki")
        #expect(context?.ipMasks == ["0.0.0.0/0"] && context?.document["block_role"] == nil, "untouched context keys kept as they were")
    }

    @Test func anEditedTimeIsCheckedEvenWhileTheLimitsAreOff() {
        var draft = RoleDraft(Self.builtIn)
        draft.context.start = "8:0"
        #expect(Set(draft.problems.keys) == ["context.start_time"])
    }

    @Test func accessGroupIdsAreCheckedForShapeNotRFC4122Bits() {
        var draft = RoleDraft(Self.testRole)
        draft.accessGroupID = "bc0e7972-8f4f-43a0-795a-abfa0ed0309a"
        #expect(draft.problems.isEmpty)
        draft.accessGroupID = "not-a-uuid"
        #expect(draft.problems.keys.contains("access_group_id"))
    }

    @Test func theFormShowsAnEmptyDisabledContextAsNoLimitation() {
        var state = Fixtures.loadedState()
        _ = Console.update(&state, .rolesLoaded([Self.builtIn]))
        Fixtures.press(&state, .character("e"))
        let editor = state.editor
        #expect(editor?.problems.isEmpty == true)
        #expect(editor?.draft.context.preview(at: Date()).hasPrefix("No contextual limitation") == true)
        Fixtures.press(&state, .tab, .end)
        Fixtures.type(&state, " x")
        Fixtures.press(&state, .function(2))
        guard case .confirming(let changes)? = state.editor?.stage else {
            Issue.record("F2 refused: \(state.toasts.toasts.last?.message ?? "")")
            return
        }
        #expect(changes.map(\.field) == ["comment"])
    }

    @Test func externalEditChecksOnlyTheKeysTheFileChanged() throws {
        let editor = RoleEditor(role: Self.builtIn)
        var object = try #require(try JSONParser.parse(RoleJSONEdit.text(of: editor.draft, over: editor.base)).objectValue)
        object["comment"] = .string("from the editor")
        guard case .success(let accepted) = RoleJSONEdit.accept(JSONSerializer.string(.object(object), pretty: true), into: editor.draft, over: editor.base) else {
            Issue.record("an untouched empty context refused the external edit")
            return
        }
        #expect(accepted.draft.comment == "from the editor" && accepted.draft.context.start == "")

        var context = try #require(object["context"]?.objectValue)
        context["start_time"] = .string("25:00")
        context["end_time"] = .string("17:00")
        context["timezone"] = .string("UTC")
        context["enabled"] = .bool(true)
        object["context"] = .object(context)
        guard case .failure(let problem) = RoleJSONEdit.accept(JSONSerializer.string(.object(object), pretty: true), into: editor.draft, over: editor.base) else {
            Issue.record("an edited invalid time was taken")
            return
        }
        #expect(problem.message.contains("start_time"))
    }

    @Test func aRecoveredDraftIsValidatedAgainstItsBaseRole() {
        var editor = RoleEditor(role: Self.builtIn)
        editor.draft.comment = "recovered"
        editor.draft.context.end = "7:5"
        let restored = RecoveryDraft(editor: editor, now: 0).editor
        #expect(restored.draft.comment == "recovered" && restored.draft.context.start == "")
        #expect(Set(restored.problems.keys) == ["context.end_time"], "only the edited time is a problem: \(restored.problems)")
    }
}
