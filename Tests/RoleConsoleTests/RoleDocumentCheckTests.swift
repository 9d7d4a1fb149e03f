import Foundation
import PrivXAPI
@testable import RoleEditing
import Testing

/// The whole-file checks of `roles create/update/apply` and the flags of `roles set-context`, on the real role
/// shapes: only what a file changes is validated, untouched keys go back byte for byte, unknown keys are kept.
@Suite struct RoleDocumentCheckTests {
    static func object(_ text: String) -> JSONObject {
        (try? JSONParser.parse(text))?.objectValue ?? JSONObject()
    }

    @Test func anUntouchedRealBuiltInGoesBackByteForByteAndOnlyTheEditIsChecked() throws {
        let builtIn = RealShapeDraftTests.builtIn
        var file = RoleDocumentCheck.split(builtIn.document).editable
        let unchanged = try RoleDocumentCheck.update(file, over: builtIn).get()
        #expect(unchanged.document == builtIn.document)
        #expect(unchanged.ignoredServerKeys.isEmpty)

        file["comment"] = .string("edited")
        file["x_new"] = .number("1.50")
        let edited = try RoleDocumentCheck.update(file, over: builtIn).get()
        var expected = builtIn.document
        expected["comment"] = .string("edited")
        expected["x_new"] = .number("1.50")
        #expect(edited.document == expected)
        #expect(DocumentDiff.changes(from: builtIn.document, to: edited.document).map(\.path) == ["comment", "x_new"])
    }

    @Test func serverOwnedKeysInTheFileAreIgnoredAndNamed() throws {
        var file = RealShapeDraftTests.testRole.document
        file["updated"] = .string("1999-01-01T00:00:00Z")
        file["member_count"] = .int(99)
        let checked = try RoleDocumentCheck.update(file, over: RealShapeDraftTests.testRole).get()
        #expect(checked.document == RealShapeDraftTests.testRole.document)
        #expect(Set(checked.ignoredServerKeys) == ["id", "created", "updated", "author", "updatedby", "member_count"])
    }

    @Test func changedKeysAreTypeCheckedAndValidatedLikeTheForm() {
        let role = RealShapeDraftTests.testRole
        var wrongType = role.document
        wrongType["tags"] = .string("ops")
        #expect(throws: JSONEditProblem.self) { try RoleDocumentCheck.update(wrongType, over: role).get() }
        var badTime = role.document
        var context = badTime["context"]!.objectValue!
        context["start_time"] = .string("8am")
        badTime["context"] = .object(context)
        let problem = RoleDocumentCheck.update(badTime, over: role)
        #expect(problem.failureMessage?.contains("8am") == true)
        var renamed = RealShapeDraftTests.builtIn.document
        renamed["name"] = .string("other")
        #expect(RoleDocumentCheck.update(renamed, over: RealShapeDraftTests.builtIn).failureMessage?.contains("cannot be renamed") == true)
        // A dropped key is dropped; dropping the required name is refused.
        var noName = role.document
        noName["name"] = nil
        #expect(RoleDocumentCheck.update(noName, over: role).failureMessage?.contains("name") == true)
    }

    @Test func createChecksTheContextOnlyWhenItIsOn() {
        let off = Self.object(#"""
        {"name":"n","source_rules":{"type":"GROUP","match":"ANY","rules":[]},
         "context":{"enabled":false,"start_time":"","end_time":"","timezone":"","validity":[],"ip_masks":[]}}
        """#)
        #expect((try? RoleDocumentCheck.create(off).get()) != nil)
        var on = off
        var context = on["context"]!.objectValue!
        context["enabled"] = .bool(true)
        on["context"] = .object(context)
        #expect(RoleDocumentCheck.create(on).failureMessage?.contains("start_time") == true)
        var noRules = off
        noRules["source_rules"] = nil
        #expect(RoleDocumentCheck.create(noRules).failureMessage?.contains("source_rules") == true)
        var badTag = off
        badTag["tags"] = .array([.string(" ")])
        #expect(RoleDocumentCheck.create(badTag).failureMessage?.contains("tag") == true)
    }

    @Test func mergeKeepsStoredOrderAndBytesForEquivalentValues() {
        let stored = Self.object(#"{"id":"x","name":"a","context":{"b":1,"a":2},"n":1.0}"#)
        let file = Self.object(#"{"n":1.0,"context":{"a":2,"b":1},"name":"a"}"#)
        #expect(RoleDocumentCheck.merge(file, onto: stored) == stored)
        let dropped = Self.object(#"{"name":"a","context":{"a":2,"b":1}}"#)
        #expect(RoleDocumentCheck.merge(dropped, onto: stored).keys == ["id", "name", "context"])
    }

    @Test func daysAndContextFlags() throws {
        #expect(try ContextEdit.days("mon-fri").get() == Set(0...4))
        #expect(try ContextEdit.days("Mon,WED,friday").get() == [0, 2, 4])
        #expect(try ContextEdit.days("fri-mon").get() == [4, 5, 6, 0])
        #expect(try ContextEdit.days("all").get() == Set(0...6))
        #expect(try ContextEdit.days("weekend").get() == [5, 6])
        #expect(ContextEdit.days("funday").failureMessage?.contains("funday") == true)
        #expect(ContextEdit.days("mon-").failureMessage != nil)

        var edit = ContextEdit()
        edit.addIPMasks = ["10.0.0.0/8"]
        edit.removeIPMasks = ["0.0.0.0/0", "1.2.3.0/24"]
        var notes: [String] = []
        let draft = edit.applied(to: ContextDraft(RealShapeDraftTests.builtIn.context), notes: &notes)
        #expect(draft.ipMasks == ["10.0.0.0/8"])
        #expect(notes == ["IP range 1.2.3.0/24 was not there"])
        // Only the ranges changed: the built-in's empty times are not a problem.
        #expect(draft.problems(since: ContextDraft(RealShapeDraftTests.builtIn.context)).isEmpty)
    }
}

extension Result where Failure == JSONEditProblem {
    var failureMessage: String? {
        if case .failure(let problem) = self { return problem.message }
        return nil
    }
}
