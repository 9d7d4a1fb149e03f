import Foundation
import PrivXAPI
import RoleConsole
import RoleEditing
import RoleStoreSimulator
import TerminalUI
import Testing

/// Issue 19 items 8, 11 and 21: the re-scan says which AWS roles changed; the form's reload after a
/// conflict is a three-way merge that asks about each field both people changed; IP ranges are checked
/// as typed, all problems at once; the evaluate inspector's user detail shows every attribute, whole,
/// with the ones a rule looked at marked in words.
@Suite struct ChecksAndMergeTests {
    /// The screen's text lines (the golden dump before its style map).
    static func lines(_ state: AppState) -> [String] {
        _ = utf8Locale                                              // widths of —, →, … as the goldens measure them
        return ConsoleView.render(state, glyphs: .unicode).0.textLines()
    }

    // MARK: Item 8: the re-scan names what changed

    /// Over HTTP: the simulator's scan turns some OK roles MISSING, brings MISSING ones back and finds new
    /// ones. The console names each of them (before: `AWS re-scan done: 33 AWS roles, 3 MISSING.`).
    @Test func rescanNamesTheRolesThatWentMissingCameBackOrAreNew() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client, size: Size(width: 120, height: 40))
            await console.start()
            await console.press(.character("2"))
            let before = Dictionary(uniqueKeysWithValues: console.state.awsRoles.list.catalog.rows.map { ($0.id, $0.isMissing) })
            await console.press(.character("R"))
            let after = try await sim.client.awsRoles(refresh: false)
            let status = { (role: AWSRole) in (role.status ?? "OK").uppercased() == "MISSING" }
            let wentMissing = after.filter { status($0) && before[$0.id] == false }.map(\.name)
            let cameBack = after.filter { !status($0) && before[$0.id] == true }.map(\.name)
            let new = after.filter { before[$0.id] == nil }.map(\.name)
            #expect(!wentMissing.isEmpty && !cameBack.isEmpty && !new.isEmpty, "the simulator's second scan changes roles each way")

            let line = try #require(console.state.toasts.toasts.last?.message)
            #expect(line.contains("OK → MISSING: \(wentMissing.sorted { $0.localizedStandardCompare($1) == .orderedAscending }[0])"))
            // Nine names do not fit the messages line: it says :rescan lists them, and nothing opens by itself
            // (a box arriving when the scan ends would take the next key).
            // The pointer comes early enough for an 80-column messages line after its "success: " (the rest may be cut there).
            let pointer = try #require(line.range(of: ":rescan lists them"), "\(line)")
            #expect(line.distance(from: line.startIndex, to: pointer.upperBound) <= 68, "\(line)")
            #expect(console.state.modal == nil)
            await console.press(.character(":"))
            for character in "rescan" { await console.press(.character(character)) }
            await console.press(.enter)
            guard case .message(let title, let text, false)? = console.state.modal else {
                Issue.record("no message box with the whole list after :rescan; the line said: \(line)")
                return
            }
            #expect(title == "AWS re-scan: what changed")
            for name in wentMissing + cameBack + new { #expect(text.contains(name), "\(name) is not named") }
            #expect(text.contains("OK → MISSING (\(wentMissing.count))"))
            #expect(text.contains("new (\(new.count))"))
            #expect(text.contains("back (MISSING → OK) (\(cameBack.count))"))
            let screen = Self.lines(console.state).joined(separator: "\n")
            #expect(screen.contains("AWS re-scan: what changed"))
            await console.press(.enter)
            #expect(console.state.modal == nil)
        }
    }

    // MARK: Item 8: reload after a conflict is a three-way merge

    /// Over HTTP with a second writer: I change the comment and add a tag, they change the comment, add a
    /// different tag and a permission. `r` takes their permission without asking, asks about the comment
    /// (I keep mine) and the tags (I take theirs); the save writes exactly that, and every field neither
    /// changed is what the server held (before: `r` wrote my comment and tags over theirs without asking).
    @Test func reloadAfterAConflictMergesAndAsksAboutEachFieldBothChanged() async throws {
        try await SimulatorHarness.with { sim in
            var console = ConsoleDriver(api: sim.client)
            await console.start()
            await console.select("db-admins")
            let id = try #require(console.state.roles.list.selected?.id)
            await console.press(.character("e"))
            await console.press(.tab)                                  // Comment
            await console.type(" (mine)")
            await console.press(.tab)                                  // Tags
            await console.press(.character("a"))
            await console.type("mine-tag")
            await console.press(.enter)
            let mineComment = try #require(console.state.editor?.draft.comment)

            // Someone else saves the role meanwhile.
            var theirs = try await sim.client.role(id: id)
            theirs.comment = "Changed by the other admin"
            theirs.tags = theirs.tags + ["their-tag"]
            let addedPermission = try #require(["hosts-view", "connections-view", "users-view"].first { !theirs.permissions.contains($0) })
            theirs.permissions = theirs.permissions + [addedPermission]
            try await sim.client.updateRole(theirs)
            let held = try await sim.client.role(id: id)

            await console.press(.function(2), .character("y"))
            guard case .conflict? = console.state.editor?.stage else { Issue.record("no conflict: \(String(describing: console.state.editor?.stage))"); return }
            await console.press(.character("r"))

            guard case .confirm(.mergeConflict(let first, 1, 2, _), _)? = console.state.modal else {
                Issue.record("no question about a field both changed; modal: \(String(describing: console.state.modal))")
                return
            }
            #expect(first.name == "comment" && first.theirs == "Changed by the other admin" && first.mine == mineComment)
            let question = Self.lines(console.state).joined(separator: "\n")
            #expect(question.contains("Both changed comment") && question.contains("Changed by the other admin") && question.contains("(mine)"))
            // Their permission is already in the form: only they changed permissions.
            #expect(console.state.editor?.draft.permissions.contains(addedPermission) == true)
            await console.press(.character("n"))                      // keep my comment

            guard case .confirm(.mergeConflict(let second, 2, 2, _), _)? = console.state.modal else {
                Issue.record("no second question"); return
            }
            #expect(second.name == "tags" && second.theirs.contains("their-tag") && second.mine.contains("mine-tag"))
            await console.press(.character("y"))                      // take their tags
            #expect(console.state.modal == nil)
            #expect(console.state.editor?.draft.comment == mineComment)
            #expect(console.state.editor?.draft.tags == held.tags)

            await console.press(.function(2), .character("y"))
            #expect(console.state.editor == nil, "not saved: \(console.state.errors.map(\.text))")
            let saved = try await sim.client.role(id: id)
            #expect(saved.comment == mineComment)
            #expect(saved.tags == held.tags)
            #expect(saved.permissions == held.permissions)
            // Every key neither side touched is exactly what the server held.
            let serialize = { (value: JSONValue?) in value.map { JSONSerializer.bytes($0) } ?? [] }
            for key in held.document.keys where !["comment", "updated", "updated_by", "updatedby"].contains(key) {
                #expect(serialize(saved.document[key]) == serialize(held.document[key]), "\(key) changed")
            }
        }
    }

    /// The merge itself: what only one side changed is taken without asking, each context member and the
    /// rules on their own; a field both changed alike is no conflict; one both changed differently is.
    @Test func threeWayMergeTakesOneSidedChangesAndReportsOverlaps() throws {
        let base = Fixtures.roles[1]                                 // linux-admins, a context and two rules
        var theirs = base
        var theirContext = try #require(base.context)
        theirContext.startTime = "07:00"                            // only theirs
        theirContext.ipMasks = ["10.0.0.0/8"]                         // both, differently
        theirs.context = theirContext
        theirs.permissions = base.permissions + ["users-view"]       // both, differently
        theirs.comment = "same change"                               // both, alike

        var mine = RoleDraft(base)
        mine.context.timeZone = "Europe/Stockholm"                    // only mine
        mine.context.ipMasks = ["192.168.0.0/16"]
        mine.permissions = base.permissions.filter { $0 != "hosts-manage" }
        mine.comment = "same change"
        mine.sourceRules = SourceRule.group(match: "ALL", rules: [SourceRule.rule(source: Fixtures.sourceID, searchString: "(cn=bob)")])

        let merge = RoleMerge(base: base, theirs: theirs, mine: mine, sourceNames: [Fixtures.sourceID: "Corporate AD"])
        #expect(merge.conflicts.map(\.name) == ["permissions", "IP ranges"])
        #expect(merge.takenFromTheirs == ["start"])
        #expect(Set(merge.keptMine) == ["comment", "time zone", "mapping rules"])
        #expect(merge.draft.context.start == "07:00")
        #expect(merge.draft.context.timeZone == "Europe/Stockholm")
        #expect(merge.draft.context.ipMasks == ["192.168.0.0/16"])       // mine until the person chooses
        let permissions = try #require(merge.conflicts.first)
        #expect(permissions.theirs == "+users-view" && permissions.mine == "\u{2212}hosts-manage")
        let ranges = merge.conflicts[1]
        #expect(ranges.base == "0.0.0.0/0" && ranges.theirs == "10.0.0.0/8" && ranges.mine == "192.168.0.0/16")

        // Written over theirs, only my fields change: their start time and untouched keys stay as they are.
        let written = merge.draft.applied(to: theirs)
        #expect(written.context?.startTime == "07:00")
        #expect(written.context?.timezone == "Europe/Stockholm")
        #expect(written.document["member_count"] == theirs.document["member_count"])

        // Taking theirs for a conflict makes the field equal to the server's: it is then not written at all.
        var taken = merge.draft
        RoleMerge.copy(RoleFormField.ID.ipMasks.field, from: RoleDraft(theirs), to: &taken)
        #expect(!taken.changes(from: theirs).contains { $0.field == "IP ranges" })
    }

    /// Nothing both changed: no question, and the notice says what was taken from whom.
    @Test func reloadWithoutOverlapAsksNothingAndSaysWhatItTook() {
        var state = Fixtures.editing()
        Fixtures.focus(&state, .comment)
        Fixtures.type(&state, "!")
        var current = Fixtures.roles[1]
        current.tags = ["prod"]
        current.document["updated"] = .string("2026-11-21T10:00:00Z")
        _ = Console.update(&state, .roleSaveConflict(current: current))
        Fixtures.press(&state, .character("r"))
        #expect(state.modal == nil)
        #expect(state.editor?.draft.tags == ["prod"])
        #expect(state.editor?.draft.comment == "Fixture role linux-admins!")
        #expect(state.toasts.toasts.last?.message == "Reloaded the role. Took their change to tags. Kept your edits to comment. Review and press F2 to save.")
    }

    // MARK: Item 11: IP ranges checked as typed

    @Test func ipChecksSayEveryProblemAtOnceAndWarnWithoutRefusing() {
        let findings = IPRangeCheck.findings(["10.0.0.1", "192.168.1.5/24", "300.1.1.1/8", "0.0.0.0/0", "10.0.0.0/8", "::/0", "2001:db8::/32"])
        let errors = findings.filter { $0.severity == .error }.map(\.line)
        #expect(errors == [0, 2])
        let hostBits = findings.first { $0.line == 1 }
        #expect(hostBits?.severity == .warning)
        #expect(hostBits?.message.contains("means 192.168.1.0/24 (192.168.1.0–192.168.1.255)") == true)
        #expect(hostBits?.normalized == "192.168.1.0/24")
        // 0.0.0.0/0 makes the other IPv4 ranges pointless, ::/0 the IPv6 ones; the families stay apart.
        #expect(findings.contains { $0.line == 4 && $0.message.contains("already allows every IPv4 address") })
        #expect(findings.contains { $0.line == 1 && $0.message.contains("already allows every IPv4 address") })
        #expect(findings.contains { $0.line == 6 && $0.message.contains("already allows every IPv6 address") })
        #expect(!findings.contains { $0.line == 3 || $0.line == 5 })
        #expect(IPRangeCheck.findings(["10.1.0.0/16", "10.0.0.0/8"]).map(\.line) == [0])
        #expect(IPRangeCheck.findings(["2001:db8::1/64"]).first?.normalized == "2001:db8::/64")
        #expect(IPRangeCheck.normalized(["192.168.1.5/24", "10.0.0.0/8"]) == ["192.168.1.0/24", "10.0.0.0/8"])
        #expect(IPRangeCheck.normalized(["10.0.0.0/8"]) == nil)

        // Only errors stop a save, and all of them are said.
        var context = ContextDraft(nil)
        context.enabled = true
        context.ipMasks = ["10.0.0.1", "192.168.1.5/24", "300.1.1.1/8"]
        let problem = context.problems(since: ContextDraft(nil))[.ipMasks] ?? ""
        #expect(problem.contains("IP range 1:") && problem.contains("IP range 3:") && !problem.contains("IP range 2"))
        context.ipMasks = ["192.168.1.5/24"]
        #expect(context.problems(since: ContextDraft(nil))[.ipMasks] == nil)
    }

    @Test func liveSummaryNamesTheRanges() {
        var context = ContextDraft(nil)
        context.enabled = true
        context.ipMasks = ["10.0.0.0/8", "192.168.0.0/16"]
        #expect(context.preview(at: Date(timeIntervalSince1970: 0)).contains("UTC from 10.0.0.0/8 and 1 more"))
        context.ipMasks = ["0.0.0.0/0", "::/0"]
        #expect(IPRangeCheck.summary(context.ipMasks) == "from any address")
        #expect(context.preview(at: Date(timeIntervalSince1970: 0)).contains("UTC — now"))
        context.ipMasks = ["::/0", "10.0.0.0/8"]
        #expect(context.preview(at: Date(timeIntervalSince1970: 0)).contains("UTC from 10.0.0.0/8 and 1 more"))
    }

    /// In the form: the line being typed is checked before Enter, every finding shows wrapped next to the
    /// list, and `n` writes the host-bits range as the network it means.
    @Test func rangesAreCheckedWhileTypingAndNormalizedByKey() {
        var state = Fixtures.editing(width: 120, height: 34)
        Fixtures.focus(&state, .ipMasks)
        Fixtures.press(&state, .character("a"))
        // A new line with nothing typed yet is no problem (Enter drops an empty line).
        #expect(!Self.lines(state).joined(separator: "\n").contains("cannot be empty"))
        Fixtures.type(&state, "192.168.1.5/24")
        var screen = Self.lines(state).joined(separator: "\n")
        #expect(screen.contains("host bits set: it means"), "not checked while typing:\n\(screen)")
        #expect(screen.contains("192.168.1.0/24"))
        Fixtures.press(&state, .enter, .character("a"))
        Fixtures.type(&state, "10.0.0.1")
        screen = Self.lines(state).joined(separator: "\n")
        // Both at once: the warning of line 2 and the error of the line being typed, and the 0.0.0.0/0 note.
        // (Wrapped in the panel, so checked by words that stay on one row.)
        #expect(screen.contains("prefix length"))
        #expect(screen.contains("host bits set"))
        #expect(screen.contains("allows every IPv4"))
        Fixtures.press(&state, .escape)
        #expect(state.editor?.place == .ipRanges)
        Fixtures.press(&state, .character("n"))
        #expect(state.editor?.draft.context.ipMasks == ["0.0.0.0/0", "192.168.1.0/24"])
        #expect(state.toasts.toasts.last?.message.contains("192.168.1.5/24 → 192.168.1.0/24") == true)
        screen = Self.lines(state).joined(separator: "\n")
        // 0.0.0.0/0 lets every IPv4 address in: the summary does not pretend the other range limits anything.
        #expect(screen.contains("Europe/Helsinki — now"))
        Fixtures.press(&state, .character("k"), .character("k"), .character("d"))   // 0.0.0.0/0 gone: the range now limits
        #expect(state.editor?.draft.context.ipMasks == ["192.168.1.0/24"])
        #expect(Self.lines(state).joined(separator: "\n").contains("Europe/Helsinki from 192.168.1.0/24"))
    }

    // MARK: Item 21: the evaluate inspector's user detail

    /// A console over the simulator with a seeded role selected whose one rule asks for an AD group (`memberOf`).
    static func onAGroupRole(_ sim: SimulatorHarness) async throws -> ConsoleDriver {
        var console = ConsoleDriver(api: sim.client, size: Size(width: 120, height: 44))
        await console.start()
        let role = try #require(console.state.roles.list.catalog.rows.map(\.role).first { role in
            !role.system && (role.sourceRules.map { RuleTree.summary($0, sourceNames: [:]) } ?? "").contains("(memberOf=")
                && !(role.sourceRules?.rules.count ?? 0 > 1)
        })
        await console.select(role.name)
        return console
    }

    /// Over HTTP: a saved role whose rule asks for an AD group. The detail names every attribute whole
    /// (`sAMAccountName`, `userPrincipalName`), shows `memberOf` and `job_title`, and marks in words the
    /// value a rule matched.
    @Test func evaluateDetailShowsEveryAttributeWholeAndMarksWhatARuleMatched() async throws {
        try await SimulatorHarness.with { sim in
            var console = try await Self.onAGroupRole(sim)
            await console.press(.character("v"))
            let inspector = try #require(console.state.inspector)
            let row = try #require(inspector.rows.firstIndex { $0.user.document["source_type"]?.stringValue == "AD" })
            for _ in 0..<row { await console.press(.down) }
            await console.press(.enter)
            let screen = Self.lines(console.state).joined(separator: "\n")
            #expect(screen.contains("sAMAccountName "), "attribute names cut:\n\(screen)")
            #expect(screen.contains("userPrincipalName"))
            #expect(screen.contains("memberOf"))
            #expect(screen.contains("job_title"))
            // The mark wraps with its value; it is words, not only colour.
            #expect(screen.contains("[matches rule"))
            #expect(screen.contains("(memberOf=CN="))
        }
    }

    /// A new role (a copy, not yet saved) has no members: the change is worded for that, and every listed
    /// user is marked as gaining it (before: "keeps the role").
    @Test func evaluateDetailOfANewRoleSaysItIsNotSavedYet() async throws {
        try await SimulatorHarness.with { sim in
            var console = try await Self.onAGroupRole(sim)
            await console.press(.character("c"), .function(5))
            let inspector = try #require(console.state.inspector)
            #expect(inspector.members == nil && !inspector.rows.isEmpty)
            #expect(inspector.rows.allSatisfy { $0.mark == "+" })
            await console.press(.enter)
            let screen = Self.lines(console.state).joined(separator: "\n")
            #expect(screen.contains("would get the role when it is saved"))
            #expect(!screen.contains("keeps the role"))
        }
    }

    @Test func filterTermsMatchLikeTheDirectory() {
        let terms = LDAPFilterTerms.terms("(|(memberOf=CN=ops,OU=groups,DC=example,DC=com)(&(title=*lead*)(!(tags=contractor))))")
        #expect(terms.map(\.attribute) == ["memberOf", "title", "tags"])
        #expect(terms[2].negated && !terms[1].negated)
        #expect(terms[0].matches("cn=ops,ou=groups,dc=example,dc=com"))
        #expect(terms[1].matches("Team Lead, Platform") && !terms[1].matches("Engineer"))
        #expect(LDAPFilterTerms.canonical("title") == LDAPFilterTerms.canonical("job_title"))
        #expect(LDAPFilterTerms.terms("department=data").first?.value == "data")
    }
}
