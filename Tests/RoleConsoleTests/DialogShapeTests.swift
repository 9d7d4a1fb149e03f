import Foundation
import PrivXAPI
import RoleConsole
import RoleEditing
import RoleStoreSimulator
import TerminalUI
import Testing

/// Issue 19 items 20 and 6: every question of the console has one shape (buttons named by their keys, the
/// same keys in its text and the hint bar, Tab/arrows move, Enter presses the highlighted button, Esc is the
/// cancel), and a 403 names the missing permission, keeps the edit and switches off every key needing it.
@MainActor @Suite struct DialogShapeTests {
    /// A console at 80×24 with the question of `kind` open, reached as a person reaches it where that is short
    /// (F2 in the form, `d` on a role), else by putting the question's holder in the state.
    static func asking(_ kind: Question.Kind) -> AppState {
        var state = Fixtures.loadedState(width: 80, height: 24)
        let plan = MappingPlan(awsRoleID: "a-ro", awsRoleName: "aws-readonly", baseline: [],
                               add: [RoleRef(id: "r-linux", name: "linux-admins")], remove: [])
        switch kind {
        case .saveEdit:
            Fixtures.press(&state, .down, .character("e"))
            Fixtures.focus(&state, .comment)
            Fixtures.type(&state, " (edited)")
            Fixtures.press(&state, .function(2))
        case .createRole:
            Fixtures.press(&state, .character("n"))
            Fixtures.type(&state, "web-admins")
            Fixtures.press(&state, .function(2))
        case .formConflict:
            Fixtures.press(&state, .down, .character("e"))
            let base = state.editor!.base
            state.editor?.stage = .conflict(theirs: [], current: base)
        case .mergeConflict:
            Fixtures.press(&state, .down, .character("e"))
            let conflict = RoleMerge.Conflict(field: .comment, name: "comment", base: "Fixture role linux-admins",
                                              theirs: "Changed by bob", mine: "Fixture role linux-admins (edited)")
            state.editor?.unresolved = [conflict]
            state.modal = .confirm(.mergeConflict(conflict, position: 1, total: 1, roleName: "linux-admins"), QuestionFocus())
        case .externalEditFailed:
            Fixtures.press(&state, .down, .character("e"))
            state.editor?.stage = .externalEditFailed("The JSON does not parse at line 3.", text: nil)
        case .deleteRuleGroup:
            Fixtures.press(&state, .down, .character("e"))
            Fixtures.focus(&state, .rules)
            state.editor?.rules.mode = .confirmingDelete
        case .applyMapping: state.modal = .confirm(.applyMapping(plan), QuestionFocus())
        case .applyGrants:
            state.modal = .confirm(.applyGrants(GrantPlan(role: RoleRef(id: "r-linux", name: "linux-admins"),
                                                          targets: [.init(awsRoleID: "a-ro", awsRoleName: "aws-readonly", grant: true)])), QuestionFocus())
        case .mappingConflict: state.modal = .confirm(.conflict(plan, current: [RoleRef(id: "r-ops", name: "ops-oncall")]), QuestionFocus())
        case .deleteAWSRole:
            Fixtures.press(&state, .character("2"), .character("d"))
        case .deleteRole:
            state.modal = .confirm(.deleteRole(id: "r-db", name: "db-readonly", detail: "It has no members.", typed: false), QuestionFocus())
        case .deleteRoleTyped:
            Fixtures.press(&state, .down, .character("d"))
        case .quitWhileWriting: state.modal = .confirm(.quit, QuestionFocus())
        case .quitWithUnsavedEdits: state.modal = .confirm(.interrupt(roleName: "linux-admins"), QuestionFocus())
        case .revokeGrant:
            state.modal = .confirm(.revokeGrant(RoleRef(id: "r-linux", name: "linux-admins"), Grantee(id: "u2", principal: "bob"),
                                                detail: "bob holds it by an explicit grant, permanent."), QuestionFocus())
        case .undo:
            state.modal = .confirm(.undo(UndoOffer(number: 1, action: .memberGrants(RoleRef(id: "r-linux", name: "linux-admins"), []),
                                                   title: "Undo #1", text: "Revoke bob's grant again.", confirmLabel: "Undo")), QuestionFocus())
        case .recovery:
            var editor = RoleEditor(role: Fixtures.roles[1])
            editor.draft.comment = "recovered"
            state.recovery = RecoveryOffer(draft: RecoveryDraft(editor: editor, now: 1_763_650_000, file: "/tmp/none.json"))
        case .generateKey, .importKey, .deleteKey:
            var panel = PrincipalKeysState(roleID: "r-linux", roleName: "linux-admins")
            panel.mode = switch kind {
            case .generateKey: .confirm(.generate, QuestionFocus())
            case .importKey: .confirm(.importFile(path: "/tmp/key.pem"), QuestionFocus())
            default: .confirm(.delete(keyID: "k1", fingerprint: "SHA256:abc"), QuestionFocus())
            }
            state.principalKeys = panel
        case .grantMembers:
            // As the add-members golden reaches its review: choose dana, permanent, Enter, Enter.
            state = GrantsGoldenTests().members()
            state.size = Size(width: 80, height: 24)
            Fixtures.press(&state, .character("a"))
            Fixtures.type(&state, "da")
            _ = Console.update(&state, .tick(state.now + 1))
            _ = Console.update(&state, .members(.usersFound(query: "da", users: [GrantsGoldenTests.user("u8", "dana")], total: 1)))
            Fixtures.press(&state, .character(" "), .enter, .enter)
        }
        return state
    }

    /// The question's box alone as drawn at 80×24, borders taken out and runs of spaces folded: wrapped text reads on.
    static func prose(_ open: OpenQuestion) -> String {
        var buffer = ScreenBuffer(size: Size(width: 80, height: 24))
        open.question.box(open.focus).render(into: &buffer, in: buffer.bounds)
        let plain = buffer.textLines().joined(separator: "\n").map { "│┌┐└┘─".contains($0) ? " " : $0 }
        return String(plain).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func everyQuestionSaysTheSameKeysInItsTextButtonsAndHintBar() throws {
        var seen: Set<Question.Kind> = []
        for kind in Question.Kind.allCases {
            let state = Self.asking(kind)
            let open = try #require(Console.openQuestion(state), "\(kind): no question open")
            let question = open.question
            #expect(question.kind == kind)
            seen.insert(question.kind)
            let screen = snapshot(state)
            let text = Self.prose(open)
            #expect(!screen.contains("[ OK ]") && !screen.contains("[ Later ]"), "\(kind): a button without its key\n\(screen)")
            let hints = ConsoleHints.current(state).map { "\($0.item.keys) \($0.item.title)" }
            for choice in question.choices {
                // The button is named by the key that presses it…
                #expect(screen.contains("[ \(choice.key.name) \(choice.label) ]"), "\(kind): no button for \(choice.key.name)\n\(screen)")
                // …the text says the same key…
                #expect(text.contains("\(choice.keyNames) \(choice.meaning)"), "\(kind): the text does not say \(choice.keyNames)\n\(text)")
                // …and so does the hint bar.
                #expect(hints.contains("\(choice.keyNames) \(choice.label.lowercased())"), "\(kind): hint bar \(hints)")
                // The key presses that button.
                var focus = QuestionFocus()
                if question.typedName != nil, choice.answer == .yes {
                    for character in question.typedName! { _ = question.press(.character(character), &focus) }
                }
                #expect(question.press(choice.key, &focus).map { question.choices[$0] } == choice, "\(kind): \(choice.key.name) presses another button")
            }
            // No key of another shape leaks into the hint bar ("y yes n/Esc no" under a recovery offer).
            #expect(!hints.contains("y yes") && !hints.contains("n/Esc no"), "\(kind): \(hints)")
        }
        #expect(seen == Set(Question.Kind.allCases))
    }

    @Test func everyQuestionKeepsItsButtonsAndPromptAt50x12() throws {
        for kind in Question.Kind.allCases {
            var state = Self.asking(kind)
            state.size = Size(width: 50, height: 12)
            let question = try #require(Console.openQuestion(state)?.question)
            let screen = snapshot(state).components(separatedBy: "\n-- styles --")[0]
            for choice in question.choices {
                #expect(screen.contains("[ \(choice.key.name) \(choice.label) ]"), "\(kind): no button for \(choice.key.name)\n\(screen)")
            }
            if let name = question.typedName {
                #expect(screen.contains("Type \u{201C}\(name)\u{201D} to confirm:"), "\(kind): the prompt was cut\n\(screen)")
            }
            #expect(screen.contains("Enter: ") || question.typedName != nil, "\(kind): the highlighted button is not said\n\(screen)")
        }
    }

    @Test func enterPressesTheDefaultTheActionAskedForUnlessItCannotBeUndone() throws {
        for kind in Question.Kind.allCases {
            let question = try #require(Console.openQuestion(Self.asking(kind))?.question)
            let safe = question.choices.firstIndex { $0.keys.contains(.escape) }
            #expect(question.defaultChoice == (question.irreversible || question.typedName != nil ? safe : 0), "\(kind)")
            if kind.rawValue.hasPrefix("delete") || kind == .revokeGrant || kind == .mappingConflict {
                #expect(question.irreversible, "\(kind) cannot be undone: it opens on the safe choice")
            }
            guard question.typedName == nil else { continue }
            // Enter does exactly what the highlighted button's key does.
            var entered = Self.asking(kind)
            var keyed = Self.asking(kind)
            let byEnter = Console.update(&entered, .key(.enter))
            let byKey = Console.update(&keyed, .key(question.choices[question.defaultChoice].key))
            #expect(byEnter == byKey, "\(kind)")
            #expect(Console.openQuestion(entered) == nil, "\(kind): Enter left the question open")
            #expect(entered.editor?.stage == keyed.editor?.stage && entered.modal == keyed.modal && (entered.recovery == nil) == (keyed.recovery == nil), "\(kind)")
        }
        // The reported cases: Enter saves, applies a mapping and reloads a changed role.
        var save = Self.asking(.saveEdit)
        #expect(Console.update(&save, .key(.enter)).count == 1 && save.editor?.stage == .saving)
        var mapping = Self.asking(.applyMapping)
        #expect(!Console.update(&mapping, .key(.enter)).isEmpty, "Enter applies the mapping (it used to press Cancel)")
        var conflict = Self.asking(.formConflict)
        _ = Console.update(&conflict, .key(.enter))
        #expect(conflict.editor?.stage == .editing && conflict.toasts.toasts.last?.message.contains("Reloaded") == true,
                "Enter on \"Role changed meanwhile\" reloads (it used to do nothing)")
    }

    @Test func tabAndArrowsMoveTheHighlightEnterPressesAndEscCancels() throws {
        var state = Self.asking(.formConflict)
        #expect(ConsoleHints.current(state).last.map { "\($0.item.keys) \($0.item.title)" } == "Enter reload")
        Fixtures.press(&state, .tab)
        #expect(ConsoleHints.current(state).last.map { "\($0.item.keys) \($0.item.title)" } == "Enter overwrite")
        #expect(snapshot(state).contains("Enter: Overwrite"), "the highlight is said in words, not by colour alone")
        Fixtures.press(&state, .right, .left, .backTab, .left)
        #expect(ConsoleHints.current(state).last?.item.title == "cancel")
        Fixtures.press(&state, .enter)
        #expect(state.editor?.stage == .editing && state.toasts.toasts.last?.message.contains("Nothing written") == true)
        // Esc is the cancel or later button of every question.
        for kind in Question.Kind.allCases {
            var asked = Self.asking(kind)
            let question = try #require(Console.openQuestion(asked)?.question)
            let effects = Console.update(&asked, .key(.escape))
            #expect(question.choices[question.escape].answer != .yes, "\(kind)")
            #expect(Console.openQuestion(asked) == nil && effects.allSatisfy { if case .forgetRecovery = $0 { false } else { true } }, "\(kind)")
        }
    }

    /// An undo is the write of the action it reverses: its y button is guarded by that action, not by `u`'s
    /// list of any permission (undoing a create is a delete, refused as `d` would be).
    @Test func anUndoButtonIsGuardedByTheActionItReverses() throws {
        let role = RoleRef(id: "r-linux", name: "linux-admins")
        let cases: [(UndoOffer.Action, ActionID?)] = [
            (.deleteCreated(id: "r-new", name: "new-role"), .deleteRole),
            (.memberGrants(role, []), .addMembers),
            (.setAside, nil),
        ]
        for (action, needs) in cases {
            var state = Self.asking(.undo)
            state.modal = .confirm(.undo(UndoOffer(number: 1, action: action, title: "Undo #1", text: "t", confirmLabel: "Undo")), QuestionFocus())
            let question = try #require(Console.openQuestion(state)?.question)
            #expect(question.choices[0].guarding?.needs == needs, "\(action)")
        }
    }

    @Test func theRecoveryOfferAndTheSaveShowTheirOwnKeysInTheHintBar() {
        let offer = Self.asking(.recovery)
        let screen = snapshot(offer)
        #expect(screen.contains("[ r Restore ]  [ d Discard ]  [ Esc Later ]"), "\(screen)")
        let hints = ConsoleHints.current(offer).map { "\($0.item.keys) \($0.item.title)" }
        #expect(hints == ["r restore", "d discard", "Esc later", "Tab move", "Enter restore"], "\(hints)")
        let save = Self.asking(.saveEdit)
        #expect(snapshot(save).contains("[ y Save ]  [ n Cancel ]"))
        #expect(ConsoleHints.current(save).map { "\($0.item.keys) \($0.item.title)" } == ["y save", "n/Esc cancel", "Tab move", "Enter save"])
        // The typed delete: the name is typed, Enter deletes once it matches, Esc cancels.
        var typed = Self.asking(.deleteRoleTyped)
        #expect(snapshot(typed).contains("[ Enter Delete ]  [ Esc Cancel ]"))
        #expect(Console.update(&typed, .key(.enter)).isEmpty && typed.modal != nil)
        Fixtures.type(&typed, "linux-admins")
        #expect(ConsoleHints.current(typed).last.map { "\($0.item.keys) \($0.item.title)" } == "Enter delete")
        #expect(Console.update(&typed, .key(.enter)) != [] && typed.modal == nil)
    }

    @Test func aMappingRefusalSwitchesOffEveryKeyNeedingThatPermission() {
        var state = Fixtures.loadedState(width: 80, height: 24)
        let body = ServerErrorBody(code: "PERMISSION_DENIED", message: "this request needs the permission 'role-target-resources-manage'",
                                   details: [ServerErrorBody(code: "PERMISSION_DENIED", property: "role-target-resources-manage")])
        _ = Console.update(&state, .failed(.applyMapping(awsRoleName: "aws-prod-admin"), .http(status: 403, method: "PUT", path: "/x", body: body)))
        for action in [ActionID.mapRoles, .deleteAWSRole, .grantAWSRoles] {
            #expect(state.unavailable[action] == "role-target-resources-manage", "\(action)")
        }
        #expect(state.unavailable[.editRole] == nil && state.unavailable[.undo] == nil, "keys needing other permissions stay")
        Fixtures.press(&state, .escape, .character("2"))
        let bar = ConsoleHints.current(state).map { "\($0.item.keys) \($0.item.title)" + ($0.item.reason.map { " (\($0))" } ?? "") }
        #expect(bar.first == "m d  (needs role-target-resources-manage)", "\(bar)")
        let help = ActionRegistry.items(for: .awsRoles, readOnly: false, unavailable: state.unavailable, hintsOnly: false)
        #expect(help.first { $0.title == "Delete the cached AWS role" }?.reason?.contains("role-target-resources-manage") == true)
        Fixtures.press(&state, .character("d"))
        #expect(state.modal == nil && state.toasts.toasts.last?.message.contains("it needs role-target-resources-manage") == true)
        Fixtures.press(&state, .character("1"), .down, .character("a"))
        #expect(state.checklist == nil && state.toasts.toasts.last?.message.contains("role-target-resources-manage") == true)
    }

}

/// Issue 19 item 6 over HTTP against the real simulator.
@Suite struct ForbiddenSaveTests {
    /// The viewer API client has roles-view only: with `/users/current` unanswered the save reaches the server,
    /// which answers 403 over HTTP.
    @Test func aForbiddenSaveNamesThePermissionKeepsTheEditAndSwitchesOffEveryKeyNeedingIt() async throws {
        try await SimulatorHarness.with(DemoCredentials.viewer) { sim in
            var console = ConsoleDriver(api: sim.client, size: Size(width: 80, height: 24))
            await console.start()
            // A server that does not answer /users/current: nothing is greyed in advance, the 403 decides.
            console.state.session.identity = nil
            let catalog = console.state.roles.list.catalog
            let role = try #require((0..<50).compactMap { catalog.row(at: $0) }.first { !$0.role.system }?.role.name)
            await console.select(role)
            await console.press(.character("e"))
            Fixtures.focus(&console.state, .comment)
            await console.type("kept")
            await console.press(.function(2), .character("y"))
            let form = try #require(console.state.editor, "the form stays open")
            #expect(form.draft.comment.hasSuffix("kept"), "the unsaved edit is kept")
            let error = form.error ?? ""
            #expect(error.contains("lacks the permission roles-manage (HTTP 403)") && !error.contains("F2 retries"), "\(error)")
            for action in [ActionID.editRole, .createRole, .duplicateRole, .deleteRole, .evaluateRole, .managePrincipalKeys] {
                #expect(console.state.unavailable[action] == "roles-manage", "\(action)")
            }
            // The form's own hint bar greys F2 as the lists grey their keys, and F2 is refused with the reason.
            let formBar = ConsoleHints.current(console.state).map(\.item)
            #expect(formBar.contains { $0.keys == "F2" && !$0.enabled && $0.reason == "needs roles-manage" }, "\(formBar)")
            let formHelp = EditorKeys.items(form, readOnly: false, unavailable: console.state.unavailable)
            #expect(formHelp.first { $0.keys == "F2" }?.reason == "the server refused it (HTTP 403): it needs roles-manage", "\(formHelp)")
            await console.press(.function(2))
            #expect(console.state.editor?.stage == .editing && console.state.toasts.toasts.last?.message.contains("it needs roles-manage") == true)
            #expect(console.state.editor?.draft.comment.hasSuffix("kept") == true)
            // Closed (the edit discarded on purpose), the roles screen greys every key needing roles-manage.
            await console.press(.escape, .escape)
            let bar = ConsoleHints.current(console.state).map(\.item)
            #expect(bar.first.map { "\($0.keys) \($0.reason ?? "")" } == "e n c d v needs roles-manage", "\(bar)")
            let help = ActionRegistry.items(for: .roles, readOnly: false, unavailable: console.state.unavailable, hintsOnly: false)
            #expect(help.first { $0.keys == "d Del" }?.reason == "the server refused it (HTTP 403): it needs roles-manage")
            await console.press(.character("d"))
            #expect(console.state.modal == nil && console.state.toasts.toasts.last?.message.contains("it needs roles-manage") == true)
            let stored = try await sim.client.role(id: try #require(console.state.roles.list.selected?.id))
            #expect(stored.comment?.hasSuffix("kept") != true, "nothing was written")
        }
    }
}
