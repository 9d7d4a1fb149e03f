import Foundation
import PrivXAPI
import RoleConsole
import TerminalUI
import Testing

/// The console defects of issue 19, each through `Console.update` and the rendered screen.
@MainActor @Suite struct ConsoleDefectTests {
    func editing(width: Int = 100, height: Int = 30) -> AppState { Fixtures.editing(width: width, height: height) }

    func focus(_ state: inout AppState, _ field: RoleEditor.Focus) { Fixtures.focus(&state, field) }

    // Item 2: while too small, no key reaches the hidden form; q asks (unsaved edits), a second q quits.
    @Test func tooSmallScreenKeepsKeysFromTheHiddenForm() {
        var state = editing()
        focus(&state, .comment)
        Fixtures.type(&state, "!")
        _ = Console.update(&state, .resized(Size(width: 40, height: 10)))
        Fixtures.press(&state, .character("x"), .backspace, .enter, .escape, .character("q"))
        #expect(state.editor?.text(.comment).text == "Fixture role linux-admins!")
        #expect(!state.shouldQuit)
        #expect(snapshot(state).contains("Unsaved edits of linux-admins: q"))
        Fixtures.press(&state, .character("q"))
        #expect(state.shouldQuit)
        #expect(state.exitSignal == SIGINT)
    }

    @Test func tooSmallQuitsAtOnceWithNothingUnsaved() {
        var state = editing()
        _ = Console.update(&state, .resized(Size(width: 40, height: 10)))
        Fixtures.press(&state, .character("j"))
        #expect(!state.shouldQuit)
        Fixtures.press(&state, .character("q"))
        #expect(state.shouldQuit)
        #expect(state.exitSignal == nil)
    }

    /// The screen's text lines (the golden dump before its style map).
    func lines(_ state: AppState) -> [String] {
        snapshot(state).components(separatedBy: "\n-- styles --")[0].components(separatedBy: "\n")
    }

    // Item 3: a field away from the cursor shows the start of its value.
    @Test func formFieldsShowTheStartOfTheirValue() {
        var state = editing(width: 80, height: 24)
        focus(&state, .accessGroup)
        Fixtures.type(&state, "3fa85f64-5717-4562-b3fc-2c963f66afa6")
        #expect(lines(state).contains { $0.contains("c963f66afa6") })    // scrolled while the cursor is in it
        Fixtures.press(&state, .tab)
        let row = lines(state).first { $0.contains("Access group") } ?? ""
        #expect(row.contains("Access group   3fa85f64-5717-4562"))
        #expect(lines(state).contains { $0.contains("Mapping rules  2 rules in 1 group · F3 opens") })
    }

    // Item 4: entering a short field selects it; typing replaces, Ctrl-U clears, a cursor move edits.
    @Test func shortFieldsAreReplacedByTyping() {
        var state = editing()
        focus(&state, .start)
        #expect(snapshot(state).contains("Selected on entry: typing"))
        Fixtures.type(&state, "06:30")
        #expect(state.editor?.draft.context.start == "06:30")
        focus(&state, .end)
        Fixtures.press(&state, .ctrl("u"))
        #expect(state.editor?.draft.context.end == "")
        Fixtures.type(&state, "18:00")
        #expect(state.editor?.draft.context.end == "18:00")
        focus(&state, .timeZone)
        Fixtures.press(&state, .backTab, .left)
        Fixtures.type(&state, "5")
        #expect(state.editor?.draft.context.end == "18:050")
        while state.editor.map({ $0.focus != .comment }) == true { Fixtures.press(&state, .backTab) }
        Fixtures.type(&state, "!")
        #expect(state.editor?.draft.comment == "Fixture role linux-admins!")
    }

    @Test func selectedTextIsReplacedOrKeptByTheKey() {
        var input = TextInputState("00:00")
        input.selectAll()
        let replaced = input.apply(.character("0"))
        #expect(replaced)
        #expect(input.text == "0")
        input.set("12:00")
        input.selectAll()
        _ = input.apply(.end)
        _ = input.apply(.character("x"))
        #expect(input.text == "12:00x")
        var empty = TextInputState()
        empty.selectAll()
        #expect(!empty.selected)
    }

    // Item 14: the detail pane's counter sits on its border, and the pane starts at the top of a new row.
    @Test func detailCounterOnTheBorderAndScrollFollowsTheSelection() {
        var state = Fixtures.loadedState(width: 100, height: 24)
        Fixtures.press(&state, .down)
        Fixtures.rest(&state)
        Fixtures.press(&state, .tab)
        for _ in 0..<4 { Fixtures.press(&state, .down) }
        let screen = lines(state)
        let counter = screen.firstIndex { $0.range(of: #"\d+–\d+/\d+"#, options: .regularExpression) != nil }
        #expect(counter.map { screen[$0].contains("┘") } == true, "the counter is drawn on the border, not over text")
        #expect(state.detail.offset == 4)
        Fixtures.press(&state, .tab, .character("/"))
        Fixtures.type(&state, "ops-")
        Fixtures.press(&state, .enter)
        Fixtures.rest(&state)
        #expect(state.roles.list.selected?.id == "r-ops")
        #expect(state.detail.offset == 0)
    }

    // Item 16: names take the room they need first; a 12-digit account is never cut.
    @Test func columnsGiveRoomToNamesAndKeepAccountsWhole() {
        var state = Fixtures.loadedState(width: 80, height: 24)
        Fixtures.press(&state, .character("2"))
        let aws = lines(state).joined(separator: "\n")
        #expect(aws.contains("123456789012"))
        #expect(aws.contains("210987654321"))
        var roles = Fixtures.loadedState(width: 100, height: 30)
        _ = Console.update(&roles, .rolesLoaded(Fixtures.roles + [Fixtures.role(id: "r-long", name: "ux-test-role-contra", perms: [], members: 1,
                                                                               tags: [], context: nil, rule: #"{"type":"GROUP","match":"ANY","rules":[]}"#)]))
        #expect(lines(roles).contains { $0.contains("ux-test-role-contra ") })
    }

    // Item 17: the item under the cursor carries the `›`, not the checklist's label.
    @Test func checklistAndRulesTreeMarkTheSelectedItem() {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .character("2"), .character("m"), .down, .down)
        let screen = lines(state)
        #expect(screen.contains { $0.contains("› [x] linux-admins") })
        #expect(!screen.contains { $0.contains("› Checked") })
        var form = editing(width: 80, height: 24)
        Fixtures.press(&form, .function(3), .down)
        let tree = lines(form)
        #expect(tree.filter { $0.contains("›") && !$0.contains("privx-roles ›") }.count == 1)
    }

    // Item 19: the API log cuts a long path in its middle, fills Status, shows a call whole on Enter, filters.
    @Test func apiLogKeepsIdsVisibleShowsStatusDetailAndFilters() {
        var state = Fixtures.loadedState(width: 80, height: 24)
        let id = "d38f1c52-5f0e-4b6a-9d7e-2a9c4e7b1f30"
        let calls: [(String, String, Int?, String?)] = [
            ("GET", "/role-store/api/v1/roles?offset=0&limit=1000", 200, nil),
            ("PUT", "/role-store/api/v1/roles/\(id)", 403, nil),
            ("GET", "/role-store/api/v1/awsroles", nil, "timeout"),
        ]
        for (i, call) in calls.enumerated() {
            _ = Console.update(&state, .apiCall(APICallRecord(method: call.0, path: call.1, status: call.2, errorKind: call.3,
                                                               durationMilliseconds: 12, attempt: 1,
                                                               startedAt: .init(timeIntervalSince1970: 1_763_650_000 + Double(i)))))
        }
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "log")
        Fixtures.press(&state, .enter)
        let screen = lines(state)
        #expect(screen.contains { $0.contains(String(id.suffix(12))) }, "the end of the id stays visible")
        #expect(screen.contains { $0.contains("403 Forbidden") })
        #expect(screen.contains { $0.contains("200 OK") })
        #expect(screen.contains { $0.contains("timeout") })
        Fixtures.press(&state, .character("/"))
        Fixtures.type(&state, "put")
        Fixtures.press(&state, .enter)
        #expect(!lines(state).contains { $0.contains("awsroles") })
        #expect(lines(state).contains { $0.contains("filter put: 1") })
        Fixtures.press(&state, .enter)
        guard case .message(_, let text, _)? = state.modal else {
            Issue.record("Enter shows no detail")
            return
        }
        #expect(text.contains("/role-store/api/v1/roles/\(id)"))
    }

    // Item 22: counts in the right number; a new role's save dialog; the empty IP list; :foo suggests :evaluate.
    @Test func wordingIsConsistent() throws {
        var state = Fixtures.loadedState()
        _ = Console.update(&state, .failed(.loadAWSRoles, .timeout(method: "GET", path: "/role-store/api/v1/awsroles", seconds: 30)))
        Fixtures.press(&state, .escape)
        let text = lines(state).joined(separator: "\n")
        #expect(text.contains("1 error (:errors)"))
        #expect(!text.contains("1 errors"))
        Fixtures.press(&state, .character(":"))
        Fixtures.type(&state, "foo")
        Fixtures.press(&state, .enter)
        #expect(state.toasts.toasts.last?.message.contains(":evaluate") == true)

        var form = Fixtures.loadedState()
        Fixtures.press(&form, .escape, .character("n"))
        Fixtures.type(&form, "brand-new")
        Fixtures.press(&form, .function(2))
        let dialog = lines(form).joined(separator: "\n")
        #expect(!dialog.contains("re-read"))
        #expect(dialog.contains("y creates the role"))

        var ips = editing()
        focus(&ips, .ipMasks)
        Fixtures.press(&ips, .character("d"))
        #expect(lines(ips).contains { $0.contains("IP ranges      (any address)") })
        #expect(lines(ips).contains { $0.contains("    (any address)") })
        Fixtures.press(&ips, .function(2))
        #expect(lines(ips).contains { $0.contains("IP ranges: 0.0.0.0/0 → (any address)") })
    }

    // Item 18: explanations wrap instead of being cut.
    @Test func explanationsWrap() {
        var state = editing(width: 160, height: 40)
        focus(&state, .blockRole)
        #expect(lines(state).contains { $0.contains("Block: outside these limits") })
        #expect(lines(state).contains { $0.contains("granted at all.") })
        focus(&state, .contextEnabled)
        #expect(!lines(state).contains { $0.contains("Off:") })
        #expect(lines(state).contains { $0.contains("On: the limits below apply") })
        focus(&state, .ipMasks)
        Fixtures.press(&state, .character("a"))
        Fixtures.type(&state, "10.1.2.3")
        Fixtures.press(&state, .enter)
        #expect(lines(state).contains { $0.contains("/128 for one IPv6 address.") })

        var help = Fixtures.loadedState(width: 80, height: 40, readOnly: true)
        Fixtures.press(&help, .character("?"))
        let overlay = lines(help).joined(separator: "\n")
        #expect(overlay.components(separatedBy: "unavailable: read-only").count - 1 >= 3)
    }

    // Item 13: one message at a time on its own line, never over the list; Esc clears; a new form starts clean.
    @Test func messagesHaveTheirOwnLineAndTheirScreen() {
        var state = Fixtures.loadedState(width: 60, height: 16, readOnly: true)
        let before = lines(state)
        for key in ["e", "d", "n", "c", "u"] { Fixtures.press(&state, .character(Character(key))) }
        let after = lines(state)
        #expect(Array(after.prefix(after.count - 2)) == Array(before.prefix(before.count - 2)), "messages leave the body alone")
        #expect(after.joined().contains("warning (+4 older):"))
        Fixtures.press(&state, .escape)
        #expect(state.toasts.toasts.isEmpty)

        var form = editing()
        focus(&form, .comment)
        Fixtures.type(&form, "x")
        Fixtures.press(&form, .escape)
        #expect(lines(form).joined().contains("Unsaved edits"))
        Fixtures.press(&form, .escape)
        #expect(form.editor == nil)
        Fixtures.press(&form, .character("n"))
        #expect(!lines(form).joined().contains("Unsaved edits"))
        #expect(!lines(form).joined().contains("Edits discarded"))
    }

    // Item 10: Tab in the time zone completes as the command line does, never silently the first match.
    @Test func timeZoneTabCompletesLikeTheCommandLine() {
        var state = editing()
        focus(&state, .timeZone)
        Fixtures.type(&state, "Eur")
        Fixtures.press(&state, .tab)
        #expect(state.editor?.text(.timeZone).text == "Europe/")
        #expect(state.editor?.focus == .timeZone)
        Fixtures.press(&state, .tab)
        #expect(state.editor?.text(.timeZone).text == "Europe/")
        #expect(state.toasts.toasts.last?.message.contains("none was taken") == true)
        #expect(state.editor?.focus == .ipMasks)
        Fixtures.press(&state, .backTab, .end)
        Fixtures.type(&state, "Hels")
        Fixtures.press(&state, .tab)
        #expect(state.editor?.text(.timeZone).text == "Europe/Helsinki")
        Fixtures.press(&state, .tab)
        #expect(state.editor?.focus == .ipMasks)
    }

    // Item 23: q on a checkbox says what q does in a form.
    @Test func qOnACheckboxSaysWhatItDoes() {
        var state = editing()
        focus(&state, .permitAgent)
        Fixtures.press(&state, .character("q"))
        #expect(!state.shouldQuit)
        #expect(state.editor != nil)
        #expect(state.toasts.toasts.last?.message.contains("Esc closes the form") == true)
    }
}
