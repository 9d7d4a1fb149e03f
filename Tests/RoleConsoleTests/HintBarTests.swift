import Foundation
import PrivXAPI
import RoleConsole
import TerminalUI
import Testing

/// The hint bar names only keys that do something where the keyboard is: in every field and mode of
/// the role form, its dialogs, the evaluate inspector and the dialogs over the screens.
@MainActor @Suite struct HintBarTests {
    /// linux-admins open in the form, with three directories to choose from.
    func form(width: Int = 100, height: Int = 30) -> AppState {
        var state = Fixtures.loadedState(width: width, height: height)
        _ = Console.update(&state, .sourcesLoaded(Fixtures.sources + [
            Source(document: Fixtures.json(#"{"id":"bbbbbbbb-0000-4000-8000-000000000002","name":"Entra ID"}"#)),
            Source(document: Fixtures.json(#"{"id":"cccccccc-0000-4000-8000-000000000003","name":"Lab LDAP"}"#)),
        ]))
        Fixtures.press(&state, .down, .character("e"))
        return state
    }

    func focus(_ state: inout AppState, _ field: RoleEditor.Focus) {
        while state.editor.map({ $0.focus != field }) == true { Fixtures.press(&state, .tab) }
    }

    /// True when pressing `key` in `state` changed what the person sees or started work.
    func reacts(_ state: AppState, to key: Key) -> Bool {
        var after = state
        let effects = Console.update(&after, .key(key))
        return !effects.isEmpty || after.editor != state.editor || after.modal != state.modal || after.checklist != state.checklist
            || after.toasts.toasts.map(\.id) != state.toasts.toasts.map(\.id)
            || (after.inspector == nil) != (state.inspector == nil)
            || after.inspector?.table != state.inspector?.table || after.inspector?.showingDetail != state.inspector?.showingDetail
            || after.stack != state.stack || after.shouldQuit != state.shouldQuit
            || after.members?.adding != state.members?.adding
            || after.users?.search != state.users?.search || after.users?.editing != state.users?.editing
    }

    /// Every key of every hint shown reacts; the hint bar is not the roles screen's.
    func expectHonest(_ state: AppState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let hints = ConsoleHints.current(state)
        for hint in hints {
            for key in hint.keys {
                #expect(reacts(state, to: key), "\(name): the hint \u{201C}\(hint.item.keys) \(hint.item.title)\u{201D} advertises \(key.name), which does nothing there",
                        sourceLocation: sourceLocation)
            }
        }
        #expect(!hints.contains { ($0.item.keys == "Tab" && $0.item.title == "pane") || $0.item.keys == "/" }, "\(name): the roles screen's hints leaked",
                sourceLocation: sourceLocation)
    }

    @Test func everyEditorFocusShowsOnlyKeysTheFormHandles() {
        #expect(!reacts(form(), to: .function(9)), "a key the form does not use counts as doing nothing")
        for field in RoleEditor.Focus.allCases {
            var state = form()
            focus(&state, field)
            switch field {
            case .days: Fixtures.press(&state, .right, .character(" "))
            case .permissions, .rules: Fixtures.press(&state, .down)
            default: break
            }
            #expect(!ConsoleHints.current(state).isEmpty)
            expectHonest(state, "focus \(field)")
        }
    }

    @Test func everyRulesModeListLineAndDialogShowsOnlyItsKeys() throws {
        var places: [(String, AppState)] = []
        var state = form()
        focus(&state, .tags)
        Fixtures.press(&state, .character("a"))
        places.append(("a line of a list", state))
        state = form()
        Fixtures.press(&state, .function(3), .down, .enter)
        places.append(("rule filter", state))
        state = form()
        Fixtures.press(&state, .function(3), .character("a"), .down)
        places.append(("directory chooser", state))
        state = form()
        Fixtures.press(&state, .function(3), .character("g"), .character("g"), .up, .character("d"))
        places.append(("delete a group", state))
        state = form(width: 60, height: 16)
        Fixtures.press(&state, .function(3), .character("t"), .down)
        places.append(("raw JSON", state))
        state = form()
        focus(&state, .comment)
        Fixtures.type(&state, " changed")
        Fixtures.press(&state, .function(2))
        places.append(("save diff", state))
        var conflict = state
        let save = try #require(Fixtures.press(&conflict, .character("y")).first?.operationID)
        #expect(ConsoleHints.current(conflict).isEmpty, "saving: no key does anything but wait")
        _ = Console.update(&conflict, .finished(save, .roleSaveConflict(current: Fixtures.roles[1])))
        places.append(("conflict", conflict))
        state = form()
        _ = Console.update(&state, .externalEditDone(.failed("the editor exited with status 1")))
        places.append(("external edit refused", state))
        state = form()
        Fixtures.press(&state, .function(1), .down)
        places.append(("help over the form", state))

        let expected: [String: EditorPlace] = ["a line of a list": .listLine, "rule filter": .rulesFilter, "directory chooser": .rulesChooser,
                                               "delete a group": .rulesDelete, "raw JSON": .rulesJSON, "save diff": .saveDiff,
                                               "conflict": .conflict, "external edit refused": .externalEditFailed]
        for (name, state) in places {
            if let place = expected[name] { #expect(state.editor?.place == place, "\(name) is \(String(describing: state.editor?.place))") }
            #expect(!ConsoleHints.current(state).isEmpty, "\(name): no hints")
            expectHonest(state, name)
        }
    }

    @Test func dialogsAndTheInspectorShowOnlyTheirKeys() {
        var places: [(String, AppState)] = []
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down, .character("a"))
        places.append(("grant checklist", state))
        Fixtures.press(&state, .character(" "), .enter)
        places.append(("apply grants question", state))
        state = Fixtures.loadedState()
        Fixtures.press(&state, .down, .character("d"))
        places.append(("typed delete", state))
        state = Fixtures.loadedState()
        state.modal = .message(title: "Note", text: "A message.", isError: false)
        places.append(("message", state))
        let users = [EvaluateInspectorGoldenTests.user("u1", "alice"), EvaluateInspectorGoldenTests.user("u4", "dave"),
                     EvaluateInspectorGoldenTests.user("u5", "erin")]
        state = Fixtures.loadedState()
        _ = Console.update(&state, .evaluated(EvaluateInspector(roleName: "linux-admins", count: 3, users: users, members: [])))
        Fixtures.press(&state, .down)
        places.append(("inspector", state))
        Fixtures.press(&state, .enter)
        places.append(("user detail", state))
        state = Fixtures.loadedState()
        _ = Console.update(&state, .evaluated(EvaluateInspector(roleName: "everyone", count: 25_000, users: nil, members: [])))
        places.append(("count only", state))
        for (name, state) in places {
            #expect(!ConsoleHints.current(state).isEmpty, "\(name): no hints")
            expectHonest(state, name)
        }
        #expect(ConsoleHints.current(places[6].1).map(\.item.keys) == ["Esc"])
    }

    /// The add-members dialog at each stage and the users screen's search input show only keys that act there.
    @Test func theAddMembersDialogAndTheUsersSearchShowOnlyTheirKeys() {
        let users = [EvaluateInspectorGoldenTests.user("u1", "alice"), EvaluateInspectorGoldenTests.user("u4", "dave"),
                     EvaluateInspectorGoldenTests.user("u5", "erin")]
        var places: [(String, AppState)] = []
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down, .character("m"))
        _ = Console.update(&state, .membersLoaded(roleID: "r-linux", offset: 0, page: Page(count: 3, items: users)))
        Fixtures.press(&state, .character("a"))
        Fixtures.press(&state, .character("a"), .character("l"))
        let effects = Console.update(&state, .tick(state.now + 1))
        #expect(effects.contains { if case .members(.searchUsers(query: "al")) = $0 { true } else { false } }, "the rested query is sent")
        _ = Console.update(&state, .members(.usersFound(query: "al", users: users, total: 3)))
        Fixtures.press(&state, .down)
        places.append(("add members: search", state))
        Fixtures.press(&state, .character(" "), .enter)
        places.append(("add members: permanent", state))
        Fixtures.press(&state, .right)
        places.append(("add members: time-restricted", state))
        Fixtures.press(&state, .tab, .tab, .character("2"), .character("0"), .character("9"), .character("9"), .character("-"),
                       .character("0"), .character("1"), .character("-"), .character("0"), .character("1"), .enter)
        places.append(("add members: review", state))
        state = Fixtures.loadedState()
        Fixtures.press(&state, .character("3"))
        places.append(("users search", state))
        let expected: [ModalPlace] = [.addMembersSearch, .addMembersKind, .addMembersTerms, .addMembersReview, .usersSearch]
        for ((name, state), place) in zip(places, expected) {
            #expect(KeyFocus.of(state) == .layer(place), "\(name)")
            #expect(!ConsoleHints.current(state).isEmpty, "\(name): no hints")
            expectHonest(state, name)
        }
    }

    @Test func breadcrumbNamesTheOpenForm() {
        var state = form()
        #expect(snapshot(state).hasPrefix(" privx-roles › Roles › Edit linux-admins "))
        Fixtures.press(&state, .escape)
        Fixtures.press(&state, .character("n"))
        #expect(snapshot(state).hasPrefix(" privx-roles › Roles › New role "))
        Fixtures.press(&state, .escape)
        Fixtures.press(&state, .character("c"))
        #expect(snapshot(state).hasPrefix(" privx-roles › Roles › Duplicate of linux-admins "))
        Fixtures.press(&state, .function(5))
        _ = Console.update(&state, .evaluated(EvaluateInspector(roleName: "linux-admins-copy", count: 0, users: [], members: nil)))
        #expect(snapshot(state).hasPrefix(" privx-roles › Roles › Duplicate of linux-admins › Evaluate linux-admins-copy "))
    }
}

/// Issue 19 item 15: each screen's hint bar ranks its keys by use, shows as many as fit, never hints the key of
/// the screen it is on, and the `/` input names its own list's filter words.
@MainActor @Suite struct HintRankingTests {
    /// The hint bar row as drawn (the last row of the screen).
    func bar(_ state: AppState) -> String {
        snapshot(state).components(separatedBy: "\n-- styles --")[0].components(separatedBy: "\n")[state.size.height - 1]
    }

    @Test func theRolesScreenShowsItsOwnActionsFirstAt80x24And50x12() {
        var state = Fixtures.loadedState(width: 80, height: 24)
        Fixtures.press(&state, .down)
        #expect(bar(state).hasPrefix("e edit  m members  n new  c duplicate  d delete  a grant AWS  v evaluate  u undo"), "\(bar(state))")
        state.size = Size(width: 50, height: 12)
        #expect(bar(state).hasPrefix("e edit  m members  n new  c duplicate  d delete"), "\(bar(state))")
        // Keys the caller may not use stay where they rank, as one greyed item per permission.
        state.unavailable = [.editRole: "roles-manage", .createRole: "roles-manage", .duplicateRole: "roles-manage", .deleteRole: "roles-manage",
                             .evaluateRole: "roles-manage"]
        state.size = Size(width: 80, height: 24)
        #expect(bar(state).hasPrefix("e n c d v  (needs roles-manage)  m members  a grant AWS"), "\(bar(state))")
    }

    @Test func theAWSRolesScreenShowsMapRescanAndDeleteAndNotItsOwnKey() {
        var state = Fixtures.loadedState(width: 80, height: 24)
        Fixtures.press(&state, .character("2"))
        let wide = bar(state)
        #expect(wide.hasPrefix("m map roles  R re-scan  d delete  u undo  / filter"), "\(wide)")
        #expect(!wide.contains("2 AWS roles"), "the screen's own key is not hinted on it: \(wide)")
        state.size = Size(width: 50, height: 12)
        #expect(bar(state).hasPrefix("m map roles  R re-scan  d delete  u undo"), "\(bar(state))")
        for key in ["m", "R", "d"] {
            #expect(ConsoleHints.current(state).contains { $0.item.keys == key }, "\(key)")
        }
    }

    @Test func theMembersAndUsersScreensRankTheirOwnKeys() {
        var state = Fixtures.loadedState(width: 80, height: 24)
        Fixtures.press(&state, .character("3"), .enter)      // the search input takes the keyboard first; Enter leaves it
        #expect(state.screen == .users && ConsoleHints.current(state).first?.item.keys != "type", "\(ConsoleHints.current(state).map(\.item.keys))")
        #expect(!bar(state).contains("3 users") && bar(state).hasPrefix("/ search  Enter roles  Tab pane"), "\(bar(state))")
        #expect(Array(ConsoleHints.current(state).map(\.item.keys).prefix(3)) == ["/", "Enter", "Tab"])
    }

    @Test func theFilterInputNamesItsOwnListsWords() {
        var state = Fixtures.loadedState(width: 100, height: 30)
        Fixtures.press(&state, .character("/"))
        var screen = snapshot(state)
        #expect(screen.contains("perm: tag: ctx:on system:yes !negate") && !screen.contains("account:"), "\(screen)")
        Fixtures.press(&state, .escape, .escape, .character("2"), .character("/"))
        screen = snapshot(state)
        #expect(screen.contains("account: role: path: status:missing !negate") && !screen.contains("perm:"), "\(screen)")
    }
}
