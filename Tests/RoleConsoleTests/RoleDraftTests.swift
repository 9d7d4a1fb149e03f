import Foundation
import PrivXAPI
@testable import RoleEditing
import Testing
@testable import RoleConsole

@Suite struct AddressRangeTests {
    @Test(arguments: ["10.0.0.0/8", "0.0.0.0/0", "192.168.1.1/32", "::/0", "2001:db8::/32", "fe80::1/128", " 10.1.0.0/16 "])
    func acceptsCIDRRanges(text: String) {
        #expect(AddressRange.problem(text) == nil)
    }

    @Test(arguments: ["", "10.0.0.0", "10.0.0.0/33", "2001:db8::/129", "300.1.1.1/8", "10.0.0/8", "abc/8", "10.0.0.0/", "10.0.0.0/x", "2001:::1/64"])
    func rejectsMalformedRanges(text: String) {
        #expect(AddressRange.problem(text) != nil)
    }

    @Test func saysWhatIsMissing() {
        #expect(AddressRange.problem("10.0.0.1")?.contains("/32") == true)
        #expect(AddressRange.problem("10.0.0.0/40")?.contains("0 to 32") == true)
        #expect(AddressRange.problem("::1/200")?.contains("0 to 128") == true)
    }
}

@Suite struct ContextDraftTests {
    let helsinki = Fixtures.roles[1]

    @Test func readsTheStoredContext() {
        let draft = ContextDraft(helsinki.context)
        #expect(draft.enabled && draft.blockRole)
        #expect(draft.days == Set(0...4))
        #expect(draft.start == "08:00" && draft.end == "17:00" && draft.timeZone == "Europe/Helsinki")
        #expect(draft.problems.isEmpty)
    }

    @Test func presetsAndToggles() {
        var draft = ContextDraft(nil)
        #expect(!draft.enabled && draft.timeZone == "UTC" && draft.days.isEmpty)
        draft.presetWeekdays()
        #expect(draft.validity == ["MON", "TUE", "WED", "THU", "FRI"])
        draft.toggle(day: 5)
        draft.toggle(day: 0)
        #expect(draft.validity == ["TUE", "WED", "THU", "FRI", "SAT"])
        draft.presetEveryDay()
        #expect(draft.days.count == 7)
        draft.toggle(day: 9)
        #expect(draft.days.count == 7)
    }

    @Test func validatesTimesZoneAndRanges() {
        var draft = ContextDraft(helsinki.context)
        draft.start = "8:00"
        draft.end = "24:30"
        draft.timeZone = "Europe/Helsinky"
        draft.ipMasks = ["10.0.0.0/8", "10.0.0.1"]
        let problems = draft.problems
        #expect(problems[.start]?.contains("HH:MM") == true)
        #expect(problems[.end] != nil)
        #expect(problems[.timeZone]?.contains("time-zone database") == true)
        #expect(problems[.ipMasks]?.hasPrefix("IP range 2:") == true)
    }

    @Test func pastMidnightIsAllowedAndSaid() {
        var draft = ContextDraft(helsinki.context)
        draft.start = "22:00"
        draft.end = "06:00"
        #expect(draft.problems.isEmpty)
        #expect(draft.wrapsMidnight)
        #expect(draft.preview(at: Date(timeIntervalSince1970: 0)).contains("22:00–06:00 (past midnight)"))
    }

    @Test func completesTimeZones() {
        #expect(ContextDraft.timeZoneCompletions("europe/hel").first == "Europe/Helsinki")
        #expect(ContextDraft.timeZoneCompletions("Helsinki").contains("Europe/Helsinki"))
        #expect(ContextDraft.isKnownTimeZone("UTC"))
        #expect(!ContextDraft.isKnownTimeZone("Mars/Olympus"))
    }

    @Test func previewSaysWhetherTheRoleIsActiveNowThere() {
        let draft = ContextDraft(helsinki.context)
        // 2026-11-23 12:02 UTC is Monday 14:02 in Helsinki (UTC+2 in winter).
        let monday = Date(timeIntervalSince1970: 1_795_435_320)
        #expect(draft.preview(at: monday) == "Active Mon–Fri 08:00–17:00 Europe/Helsinki — now Mon 14:02 there: active")
        // Saturday
        #expect(draft.preview(at: monday.addingTimeInterval(5 * 86_400)).hasSuffix("there: blocked"))
        var audit = draft
        audit.blockRole = false
        #expect(audit.preview(at: monday.addingTimeInterval(5 * 86_400)).hasSuffix("inactive (granted with an audit event)"))
        var off = draft
        off.enabled = false
        #expect(off.preview(at: monday).hasPrefix("No contextual limitation"))
    }

    @Test func writesBackOnlyChangedKeysAndKeepsUnknownOnes() {
        var context = helsinki.context!
        context.document["future_key"] = .string("keep me")
        var draft = ContextDraft(context)
        draft.end = "18:00"
        let out = draft.applied(to: context)
        #expect(out.endTime == "18:00")
        #expect(out.document["future_key"] == .string("keep me"))
        var expected = context.document
        expected["end_time"] = .string("18:00")
        #expect(out.document == expected)
    }
}

@Suite struct RoleDraftTests {
    @Test func validatesNameTagsAndAccessGroup() {
        var draft = RoleDraft(Fixtures.roles[1])
        #expect(draft.problems.isEmpty)
        draft.name = "  "
        draft.tags = ["prod", ""]
        draft.accessGroupID = "not-a-uuid"
        draft.context.timeZone = "Nowhere"
        let problems = draft.problems
        #expect(Set(problems.keys) == ["name", "tags", "access_group_id", "context.timezone"])
    }

    @Test func diffListsOnlyChangedFieldsBeforeAndAfter() {
        let role = Fixtures.roles[1]
        var draft = RoleDraft(role)
        draft.comment = "new comment"
        draft.permissions = ["hosts-view", "connections-view", "roles-view"]
        draft.context.presetEveryDay()
        let changes = draft.changes(from: role)
        #expect(changes.map(\.field) == ["comment", "permissions", "days"])
        #expect(changes[1].before == "−hosts-manage" && changes[1].after == "+roles-view")
        #expect(changes[2].before == "Mon–Fri" && changes[2].after == "every day")
    }

    @Test func appliedKeepsTheDocumentExceptEditedKeys() {
        var role = Fixtures.roles[1]
        role.document["unknown_future"] = .int(7)
        var draft = RoleDraft(role)
        draft.tags = ["prod"]
        draft.context.ipMasks = ["10.0.0.0/8", "2001:db8::/32"]
        let out = draft.applied(to: role)
        var expected = role.document
        expected["tags"] = .array([.string("prod")])
        var context = role.context!
        context.ipMasks = ["10.0.0.0/8", "2001:db8::/32"]
        expected["context"] = context.json
        #expect(out.document == expected)
        #expect(RoleDraft(role).applied(to: role).document == role.document)
    }

    @Test func systemRolesKeepTheirName() {
        let admin = Fixtures.roles[0]
        var draft = RoleDraft(admin)
        draft.name = "renamed"
        #expect(draft.applied(to: admin).name == "privx-admin")
    }

    @Test func permissionsAreGroupedAndUnknownOnesKept() {
        let items = PermissionGroups.items(including: ["hosts-view", "quantum-manage"])
        #expect(items.first { $0.name == "hosts-view" }?.group == .accessGroup)
        #expect(items.first { $0.name == "roles-manage" }?.group == .global)
        #expect(items.last?.name == "quantum-manage" && items.last?.group == .unknown)
        #expect(items.count == PermissionGroups.known.count + 1)
    }
}
