import PrivXAPI
@testable import RoleEditing
import RoleConsole
import TerminalUI
import Testing

/// RFC 4515 syntax as checked while a rule's filter is typed.
@Suite struct LDAPFilterSyntaxTests {
    @Test(arguments: [
        "(cn=alice)", "cn=alice", "(memberOf=CN=ops,OU=groups,DC=example,DC=com)", "(&(objectClass=user)(department=ops))",
        "(|(cn=a*)(cn=*b)(cn=*c*))", "(!(cn=bob))", "(mail=*)", "(uidNumber>=1000)", "(uidNumber<=2000)", "(cn~=alyce)",
        "(cn=star\\2a)", "(cn:dn:2.5.13.5:=x)", "(cn;lang-fi=Liisa)", "(2.5.4.3=alice)", "(&(|(a=1)(b=2))(!(c=3)))",
    ])
    func acceptsValidFilters(text: String) {
        #expect(LDAPFilterSyntax.problem(text) == nil, "\(text)")
    }

    @Test(arguments: [
        ("", "empty"), ("(cn=alice", "unbalanced"), ("(cn=alice))", "after the closing"), ("()", "empty filter"),
        ("(&)", "at least one"), ("(=alice)", "attribute name is missing"), ("(cn alice)", "operator"),
        ("(cn>5)", "followed by"), ("(cn>=a*)", "only a wildcard"), ("(cn=a\\2)", "two hex digits"),
        ("(cn=a\\zz)", "two hex digits"), ("(c n=a)", "not an attribute name"), ("(cn=(a))", "unescaped"),
        ("(!(a=1)(b=2))", "expected"),
    ])
    func rejectsBrokenFilters(text: String, says: String) {
        let problem = LDAPFilterSyntax.problem(text)
        #expect(problem?.contains(says) == true, "\(text): \(problem ?? "nil")")
    }

    @Test func saysWhere() {
        #expect(LDAPFilterSyntax.problem("(cn=alice")?.contains("at character 9") == true)
    }
}

/// The tree operations: nodes move as whole documents, so unknown keys survive.
@Suite struct RuleTreeTests {
    static let rootJSON = #"{"type":"GROUP","match":"ANY","x_root":1,"rules":[{"type":"RULE","source":"s1","search_string":"(cn=a)","x_keep":"yes","rules":[]},{"type":"GROUP","match":"ALL","rules":[{"type":"RULE","source":"s2","search_string":"(cn=b)","rules":[]}]}]}"#

    var tree: RuleTree { RuleTree(SourceRule(document: Fixtures.json(Self.rootJSON))) }

    @Test func rowsAreDepthFirstWithPaths() {
        #expect(tree.rows.map(\.path) == [[], [0], [1], [1, 0]])
        #expect(tree.rows.map(\.depth) == [0, 1, 1, 2])
    }

    @Test func insertGoesIntoASelectedGroupOrAfterASelectedRule() {
        var t = tree
        let intoGroup = t.insert(.rule(source: "s3", searchString: "(cn=c)"), near: [1])
        #expect(intoGroup == [1, 1])
        let afterRule = t.insert(.group(match: "ALL"), near: [0])
        #expect(afterRule == [1])
        #expect(t.root.rules.map(\.type) == ["RULE", "GROUP", "GROUP"])
        var none = RuleTree(nil)
        let first = none.insert(.rule(source: "s", searchString: "(a=b)"), near: [])
        #expect(first == [0])
        #expect(none.root.match == "ANY")
    }

    @Test func moveUpDownInAndOutKeepUnknownKeys() throws {
        var t = tree
        let result4 = t.move(at: [0], by: 1)
        #expect(result4 == [1])
        let result5 = t.move(at: [1], by: 1)
        #expect(result5 == nil)
        #expect(t.node(at: [1])?.document["x_keep"] == .string("yes"))
        let result6 = t.move(at: [1], by: -1)
        #expect(result6 == [0])
        let result7 = t.moveIntoPreviousGroup(at: [0])
        #expect(result7 == nil)
        var u = tree
        let downResult = u.move(at: [0], by: 1)
        let down = try #require(downResult)
        let nestedResult = u.moveIntoPreviousGroup(at: down)
        let nested = try #require(nestedResult)
        #expect(nested == [0, 1])
        #expect(u.node(at: nested)?.document["x_keep"] == .string("yes"))
        let outResult = u.moveOutOfGroup(at: nested)
        let out = try #require(outResult)
        #expect(out == [1])
        #expect(u.node(at: out)?.document["x_keep"] == .string("yes"))
        let result8 = u.moveOutOfGroup(at: out)
        #expect(result8 == nil)
        #expect(u.root.document["x_root"] == .int(1))
    }

    @Test func removeAndSummary() {
        var t = tree
        let result9 = t.remove(at: [])
        #expect(result9 == nil)
        let result10 = t.remove(at: [1])
        #expect(result10?.rules.count == 1)
        #expect(RuleTree.summary(t.root, sourceNames: ["s1": "Corporate AD"]) == "ANY(Corporate AD (cn=a))")
        #expect(RuleTree.summary(tree.root, sourceNames: [:]).contains("ALL(directory s2 (cn=b))"))
    }

    @Test func differenceListsOnlyWhatChanged() {
        var t = tree
        t.update(at: [1]) { $0.match = "ANY" }
        let names = ["s1": "Corporate AD", "s2": "Local users"]
        let diff = RuleTree.difference(tree.root, t.root, sourceNames: names)
        #expect(diff.before == "\u{2212}2: ALL of")
        #expect(diff.after == "+2: ANY of")
        #expect(RuleTree.outline(tree.root, sourceNames: names) == ["top: ANY of", "1: Corporate AD (cn=a)", "2: ALL of", "2.1: Local users (cn=b)"])
    }

    @Test func firstProblemNamesTheRule() {
        var t = tree
        t.update(at: [1, 0]) { $0.searchString = "(cn=b" }
        #expect(t.firstProblem?.path == [1, 0])
        #expect(tree.firstProblem == nil)
    }
}

/// The rules tab driven by keys through `Console.update`, as a person uses it.
@MainActor @Suite struct RulesEditorConsoleTests {
    /// linux-admins in the form, on the rules tab.
    func rulesTab() -> AppState {
        var state = Fixtures.loadedState()
        Fixtures.press(&state, .down, .character("e"), .function(3))
        return state
    }

    @Test func addARuleChosenByDirectoryNameWithTheFilterCheckedAsTyped() throws {
        var state = rulesTab()
        #expect(state.editor?.focus == .rules)
        Fixtures.press(&state, .character("a"))
        guard case .choosingSource? = state.editor?.rules.mode else { Issue.record("no directory chooser"); return }
        #expect(snapshot(state).contains("Corporate AD"))
        Fixtures.press(&state, .enter)
        Fixtures.type(&state, "(&(department=ops)(title=eng*)")
        #expect(snapshot(state).contains("unbalanced parentheses"))
        #expect(state.editor?.problems[RoleDraft.rulesKey] != nil)
        Fixtures.type(&state, ")")
        #expect(state.editor?.problems[RoleDraft.rulesKey] == nil)
        Fixtures.press(&state, .enter)
        let rules = try #require(state.editor?.draft.sourceRules)
        #expect(rules.rules.count == 3)
        #expect(rules.rules[2].source == Fixtures.sourceID && rules.rules[2].searchString == "(&(department=ops)(title=eng*))")
        Fixtures.press(&state, .function(2))
        guard case .confirming(let changes)? = state.editor?.stage else { Issue.record("no diff"); return }
        let change = try #require(changes.first { $0.field == "mapping rules" })
        #expect(change.after.contains("Corporate AD (&(department=ops)(title=eng*))"))
        #expect(!change.before.contains("department=ops"))
        let effects = Fixtures.press(&state, .character("y"))
        guard case .saveRole(let base, let draft, false)? = effects.first?.work else { Issue.record("no save"); return }
        #expect(draft.applied(to: base).sourceRules == rules)
    }

    @Test func aBrokenFilterRefusesTheSaveAndSelectsTheRule() {
        var state = rulesTab()
        Fixtures.press(&state, .down, .enter, .backspace)
        Fixtures.press(&state, .enter, .tab, .function(2))
        #expect(state.editor?.stage == .editing)
        #expect(state.editor?.focus == .rules)
        #expect(state.editor?.rules.selected == 1)
    }

    @Test func groupsSwitchMatchAndAskBeforeDeletingWhatTheyHold() throws {
        var state = rulesTab()
        #expect(state.editor?.draft.sourceRules?.match == "ANY")
        Fixtures.press(&state, .enter)
        #expect(state.editor?.draft.sourceRules?.match == "ALL")
        Fixtures.press(&state, .character("m"))
        Fixtures.press(&state, .character("g"))
        #expect(state.editor?.draft.sourceRules?.rules.count == 3)
        #expect(state.editor?.rules.selected == 3)
        Fixtures.press(&state, .character("K"), .character("K"))
        #expect(state.editor?.draft.sourceRules?.rules.first?.isGroup == true)
        Fixtures.press(&state, .down, .character(">"))
        #expect(state.editor?.draft.sourceRules?.rules.first?.rules.count == 1)
        Fixtures.press(&state, .up, .character("d"))
        #expect(state.editor?.rules.mode == .confirmingDelete)
        #expect(snapshot(state).contains("Delete a group?"))
        Fixtures.press(&state, .character("n"))
        #expect(state.editor?.draft.sourceRules?.rules.count == 2)
        Fixtures.press(&state, .character("d"), .character("y"))
        #expect(state.editor?.draft.sourceRules?.rules.count == 1)
        Fixtures.press(&state, .home, .character("d"))
        #expect(state.editor?.draft.sourceRules != nil)
    }

    @Test func rawJSONIsReadOnlyAndScrolls() {
        var state = Fixtures.loadedState(width: 80, height: 24)
        Fixtures.press(&state, .down, .character("e"), .function(3), .character("t"))
        let before = state.editor?.draft
        #expect(snapshot(state).contains("\"search_string\": \"(memberOf=cn=linux,ou=groups)\""))
        Fixtures.press(&state, .pageDown, .character("d"), .character("a"))
        #expect(state.editor?.draft == before)
        #expect(state.editor?.rules.mode != .rawJSON(offset: 0))
        Fixtures.press(&state, .escape)
        #expect(state.editor?.rules.mode == .browsing)
        #expect(state.editor != nil)
    }

    @Test func evaluateSendsTheUnsavedTree() throws {
        var state = rulesTab()
        Fixtures.press(&state, .down, .character("d"))
        let effects = Fixtures.press(&state, .function(5))
        guard case .evaluate(let role, let members)? = effects.first?.work else { Issue.record("no evaluate"); return }
        #expect(role.sourceRules?.rules.count == 1)
        #expect(members == "r-linux")
    }

    @Test func helpInTheFormListsItsKeys() {
        var state = rulesTab()
        Fixtures.press(&state, .function(1))
        let screen = snapshot(state)
        #expect(screen.contains("Keys in the role form"))
        #expect(screen.contains("Edit the role as JSON"))
        Fixtures.press(&state, .escape)
        #expect(state.modal == nil && state.editor != nil)
    }
}

/// The rules tab against the real simulator: evaluate the unsaved tree, then save it; only
/// `source_rules` changes and unknown keys inside the tree survive.
@Suite struct RulesEditorSimulatorTests {
    @Test func evaluateThenSaveAnEditedTree() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            let row = try #require(console.state.roles.list.catalog.rows.first { $0.role.name == "helpdesk" })
            var stored = try await sim.client.role(id: row.id)
            var rules = stored.sourceRules ?? .group()
            rules.document["x_tree_key"] = .string("kept")
            stored.sourceRules = rules
            try await sim.client.updateRole(stored)
            await console.press(.ctrl("r"))
            let before = try await sim.client.role(id: row.id)

            await console.select("helpdesk")
            await console.press(.character("e"), .function(3), .character("a"))
            let choices = RulesEditor.choices(console.state.sourceNames)
            let ad = try #require(choices.firstIndex { $0.name.hasPrefix("Corporate AD") })
            for _ in 0..<ad { await console.press(.down) }
            await console.press(.enter)
            await console.type("(cn=a*)")
            await console.press(.enter)
            let draftRules = try #require(console.state.editor?.draft.sourceRules)

            var probe = before
            probe.sourceRules = draftRules
            let expected = try await sim.client.evaluate(probe)
            await console.press(.function(5))
            let inspector = try #require(console.state.inspector)
            #expect(inspector.count == expected.count)
            #expect(expected.count > 0)
            await console.press(.escape)

            await console.press(.function(2))
            guard case .confirming(let changes)? = console.state.editor?.stage else { Issue.record("no diff"); return }
            #expect(changes.map(\.field) == ["mapping rules"])
            #expect(changes.first?.after.contains("Corporate AD (example.com) (cn=a*)") == true)
            await console.press(.character("y"))
            #expect(console.state.editor == nil)

            let after = try await sim.client.role(id: row.id)
            #expect(after.sourceRules?.document["x_tree_key"] == .string("kept"))
            #expect(after.sourceRules?.rules.last?.searchString == "(cn=a*)")
            for key in Set(before.document.keys + after.document.keys) where !["source_rules", "updated", "updatedby", "updated_by", "member_count", "explicit_count"].contains(key) {
                #expect(after.document[key] == before.document[key], "\(key) changed")
            }
        }
    }
}

/// The directory chooser jumps to a directory as its name is typed.
@MainActor @Suite struct DirectoryChooserJumpTests {
    @Test func typingJumpsByPrefixThenContainsAndBackspaceEdits() {
        var state = Fixtures.loadedState(width: 80, height: 24)
        _ = Console.update(&state, .sourcesLoaded(Fixtures.sources + [
            Source(document: Fixtures.json(#"{"id":"bbbbbbbb-0000-4000-8000-000000000002","name":"Entra ID"}"#)),
            Source(document: Fixtures.json(#"{"id":"cccccccc-0000-4000-8000-000000000003","name":"Lab LDAP"}"#)),
        ]))
        Fixtures.press(&state, .down, .character("e"), .function(3), .character("a"))
        func chooser() -> (cursor: Int, query: String)? {
            guard case .choosingSource(let choice, _, let query)? = state.editor?.rules.mode else { return nil }
            return (choice.cursor, query)
        }
        #expect(chooser()?.cursor == 0)
        Fixtures.type(&state, "e")
        #expect(chooser()?.cursor == 1 && chooser()?.query == "e")
        #expect(snapshot(state).contains("Jump to: e "))
        Fixtures.press(&state, .backspace)
        Fixtures.type(&state, "ld")
        #expect(chooser()?.cursor == 2, "no name starts with ld; Lab LDAP contains it")
        Fixtures.type(&state, "x")
        #expect(chooser()?.cursor == 2, "no match keeps the cursor")
        #expect(snapshot(state).contains("Jump to: ldx (no name has it)"))
        Fixtures.press(&state, .backspace, .backspace, .backspace)
        Fixtures.type(&state, "CORP")
        #expect(chooser()?.cursor == 0, "case does not matter")
        Fixtures.press(&state, .backspace, .backspace, .backspace, .backspace)
        Fixtures.type(&state, "lab")
        Fixtures.press(&state, .enter)
        guard case .editingFilter? = state.editor?.rules.mode else { Issue.record("Enter did not take the directory"); return }
        let rows = RuleTree(state.editor!.draft.sourceRules).rows
        #expect(rows.contains { $0.node.source == "cccccccc-0000-4000-8000-000000000003" })
        #expect(RulesEditor.jump("ad", in: RulesEditor.choices(state.sourceNames)) == 0)
    }
}
