import Foundation
import PrivXAPI
import RoleConsole
import RoleEditing
import TerminalUI
import Testing

/// The key tables run the keys: one dispatcher refuses changing keys in read-only mode and after a 403
/// wherever they are bound (the form's dialogs included), and the keys the dialogs answer are table rows.
@MainActor @Suite struct KeyDispatchTests {
    /// linux-admins open in the form with the comment edited.
    func editedForm(readOnly: Bool = false) -> AppState {
        var state = Fixtures.loadedState(readOnly: readOnly)
        Fixtures.press(&state, .down, .character("e"), .tab)
        Fixtures.type(&state, " (edited)")
        return state
    }

    @Test func theConflictsOverwriteIsRefusedInReadOnlyModeLikeAnyWrite() throws {
        var state = editedForm()
        let save = try #require(Fixtures.press(&state, .function(2), .character("y")).first?.operationID)
        _ = Console.update(&state, .finished(save, .roleSaveConflict(current: Fixtures.roles[1])))
        guard case .conflict? = state.editor?.stage else { Issue.record("no conflict dialog"); return }
        state.settings.readOnly = true
        #expect(Fixtures.press(&state, .character("o")).isEmpty, "no write leaves the dispatcher")
        #expect(state.toasts.toasts.last?.message.hasPrefix("Saving is not available: read-only mode") == true)
        #expect(state.toasts.toasts.last?.message.hasSuffix("Your edits stay in the form.") == true)
        guard case .conflict? = state.editor?.stage else { Issue.record("the refused key changed the dialog"); return }
        state.settings.readOnly = false
        let overwrite = Fixtures.press(&state, .character("O"))
        guard case .saveRole(_, _, true)? = overwrite.first?.work else { Issue.record("O does not overwrite: \(overwrite)"); return }
    }

    @Test func evaluateInTheFormIsRefusedAfterTheServerRefusedItLikeV() {
        var state = editedForm()
        state.unavailable[.evaluateRole] = ActionRegistry.evaluatePermission
        #expect(Fixtures.press(&state, .function(5)).isEmpty)
        #expect(state.toasts.toasts.last?.message.contains("Evaluating is not available: the server refused it") == true)
        state.unavailable = [:]
        guard case .evaluate? = Fixtures.press(&state, .function(5)).first?.work else { Issue.record("F5 sends nothing"); return }
    }

    /// The form's questions answer from their own buttons (`Question`), so every key they take is a button's; the
    /// save in flight is a table row.
    @Test func everyKeyTheFormsQuestionsAnswerIsAButton() throws {
        let answered: [(Question.Kind, [Key])] = [
            (.saveEdit, [.character("y"), .character("Y"), .character("n"), .character("N"), .escape]),
            (.formConflict, [.character("r"), .character("R"), .character("o"), .character("O"), .character("c"), .character("C"), .escape]),
            (.externalEditFailed, [.character("e"), .character("E"), .character("d"), .character("D"), .escape]),
        ]
        for (kind, keys) in answered {
            let question = try #require(Console.openQuestion(DialogShapeTests.asking(kind))?.question)
            for key in keys {
                var focus = QuestionFocus()
                #expect(question.press(key, &focus) != nil, "\(key.name) presses no button of \(kind)")
            }
            var focus = QuestionFocus()
            #expect(question.press(.character("x"), &focus) == nil)
        }
        #expect(KeyEntry.bound(EditorKeys.table, .function(2), at: .saving) != nil)
        let offer = try #require(Console.openQuestion(DialogShapeTests.asking(.recovery))?.question)
        for key: Key in [.character("r"), .character("d"), .escape, .enter] {
            var focus = QuestionFocus()
            #expect(offer.press(key, &focus) != nil, "\(key.name) on the recovery offer")
        }
    }

    @Test func theRecoveryOfferRestoresWithRThroughItsButtons() {
        var state = Fixtures.loadedState()
        let draft = RecoveryDraft(editor: RoleEditor(role: Fixtures.roles[1]), now: 0)
        _ = Console.update(&state, .recoveryFound(draft))
        #expect(ConsoleHints.current(state).map(\.item.keys) == ["r", "d", "Esc", "Tab", "Enter"], "the hint bar is the question's")
        let effects = Fixtures.press(&state, .character("R"))
        #expect(state.editor != nil && state.modal == nil && state.recovery == nil)
        #expect(effects == [.forgetRecovery(file: "")])
    }

    @Test func operationsRefuseASecondOneOnTheSameTargetUntilTheFirstEnds() {
        var operations = Operations()
        let first = operations.start(.awsRole(name: "aws-prod-admin"))
        #expect(first != nil)
        #expect(operations.start(.awsRole(name: "aws-prod-admin")) == nil)
        let other = operations.start(.awsRole(name: "aws-readonly"))
        #expect(other != nil && other != first)
        #expect(operations.writes == 2)
        #expect(operations.start(.evaluation) != nil)
        #expect(operations.writes == 2, "an evaluation is not a write")
        operations.end(first!)
        #expect(operations.start(.awsRole(name: "aws-prod-admin")) != nil)
    }

    @Test func aDuplicateSaveIsRefusedByTheOperationAndTheAnswerEndsIt() throws {
        var state = editedForm()
        let save = try #require(Fixtures.press(&state, .function(2), .character("y")).first?.operationID)
        #expect(state.operations.isRunning(.roleForm))
        #expect(Fixtures.press(&state, .function(2)).isEmpty)
        #expect(state.toasts.toasts.last?.message == "A save is already in flight; nothing more was sent.")
        var saved = Fixtures.roles[1]
        saved.comment = (saved.comment ?? "") + " (edited)"
        _ = Console.update(&state, .finished(save, .roleSaved(saved)))
        #expect(state.operations.isEmpty && state.editor == nil)
    }
}

/// The form's fields are described once (`RoleFormField.all`) and everything else follows from that list.
@Suite struct RoleFormFieldTests {
    @Test func oneDescriptorPerFieldInFormOrder() {
        #expect(RoleFormField.all.map(\.id) == RoleFormField.ID.allCases)
        #expect(RoleFormField.documentKeys == ["name", "comment", "tags", "permissions", "access_group_id", "permit_agent", "context",
                                               "source_rules"])
        #expect(RoleJSONEdit.formKeys == Set(RoleFormField.documentKeys))
    }

    @Test func eachFieldsProblemsAreFiledUnderItsPath() {
        var draft = RoleDraft(Fixtures.roles[1])
        draft.name = " "
        draft.tags = [""]
        draft.accessGroupID = "not-a-uuid"
        draft.context.enabled = true
        draft.context.start = "25:00"
        draft.context.ipMasks = ["300.1.1.1/8"]
        let paths = Set(RoleFormField.all.map(\.path))
        for key in draft.problems.keys { #expect(paths.contains(key), "a problem at \(key) has no field to show it") }
        #expect(draft.problems.count >= 5)
    }

    @Test func theDiffNamesEveryChangedFieldInFormOrder() {
        let role = Fixtures.roles[1]
        var draft = RoleDraft(role)
        draft.context.ipMasks = ["10.0.0.0/8"]
        draft.comment = "changed"
        draft.permitAgent.toggle()
        #expect(draft.changes(from: role).map(\.field) == ["comment", "permit agent", "IP ranges"])
    }
}
